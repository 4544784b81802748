/**
 * Group commit: writes submitted while commits are in flight are gathered and committed together
 * in the next transaction, and each submitter's promise settles only once its write is durable
 * (SQLite WAL with synchronous=FULL, or a PostgreSQL commit). One fsync then acknowledges many
 * orders, which is how ordering day is fast and durable at once (docs/architecture.md#quality-and-durability).
 *
 * Up to `concurrency` transactions may be in flight (PostgreSQL overlaps their commits; SQLite
 * has one writer). Two of them never hold the same order: the ledger lets a retailer's next write
 * start only once its previous one is acknowledged, so their order of landing does not matter.
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Commits made and items committed, for the benchmark's figures. */
  readonly stats = { commits: 0, items: 0 };

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < (this.options.concurrency ?? 1)) {
        this.scheduled = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 1;
    while (this.queue.length > 0 && this.inFlight < concurrency) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 1_000);
      this.inFlight++;
      void this.commitBatch(batch).finally(() => {
        this.inFlight--;
        // What arrived meanwhile goes at once, as one batch.
        this.pump();
      });
    }
  }

  private async commitBatch(batch: typeof this.queue): Promise<void> {
    try {
      await this.commit(batch.map((b) => b.item));
      this.stats.commits++;
      this.stats.items += batch.length;
      for (const b of batch) b.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
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
}
