/**
 * Group commit: writes submitted while a commit is in flight are gathered and committed together
 * in the next transaction, and each submitter's promise settles only once its write is durable
 * (SQLite WAL with synchronous=FULL, or a PostgreSQL commit). One fsync then acknowledges many
 * orders, which is how ordering day is fast and durable at once (DESIGN §6 "Durability").
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private draining = false;
  /** Commits made and items committed, for the benchmark's figures. */
  readonly stats = { commits: 0, items: 0 };

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxBatch = 1_000,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((b) => b.item));
        this.stats.commits++;
        this.stats.items += batch.length;
        for (const b of batch) b.resolve();
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        // One bad write must not fail its neighbours: commit each alone to find it.
        for (const b of batch) {
          try {
            await this.commit([b.item]);
            this.stats.commits++;
            this.stats.items++;
            b.resolve();
          } catch (alone) {
            b.reject(alone);
          }
        }
      }
    }
    this.draining = false;
  }
}
