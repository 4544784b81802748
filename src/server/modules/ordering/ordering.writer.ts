import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { sqliteOf } from '../../platform/db/database';
import {
  writeOrderBatchPg,
  prepareOrderBatchSqlite,
  type OrderBatch,
} from './ordering.batch.repository';

/** Group commits in flight at once on PostgreSQL (of the pool's ten connections). */
const pgCommitsInFlight = 2;

/** Where a group commit's batch goes, and how many commits may overlap there. */
export interface OrderWriter {
  write(batch: OrderBatch): Promise<void>;
  /** PostgreSQL overlaps the commits of a few transactions; SQLite has one writer. */
  readonly concurrency: number;
  close(): Promise<void>;
}

/**
 * The one place that picks the writer for a database: a SQLite file gets the writer thread, an
 * in-memory SQLite database (tests) is written on the server's connection (a thread could not
 * see it), PostgreSQL gets the single batch statement.
 */
export function openOrderWriter(db: Kysely<any>): OrderWriter {
  const raw = sqliteOf(db);
  if (raw && !raw.memory) {
    const thread = new SqliteOrderWriter(raw.name);
    return { write: (batch) => thread.write(batch), concurrency: 1, close: () => thread.close() };
  }
  if (raw) {
    // The prepared statements belong to this writer, and go with it.
    const writeBatch = prepareOrderBatchSqlite(raw);
    return {
      write: (batch) => db.connection().execute(async () => writeBatch(batch)),
      concurrency: 1,
      close: async () => undefined,
    };
  }
  return {
    write: (batch) => writeOrderBatchPg(db, batch),
    concurrency: pgCommitsInFlight,
    close: async () => undefined,
  };
}

/**
 * The SQLite group commit in a worker thread with its own connection. A durable commit waits for
 * an fsync (about 4 ms on this machine's disk); better-sqlite3 would hold the event loop for all
 * of it, and no request could be parsed or checked meanwhile. In a worker the fsync of one batch
 * overlaps the checking of the next. WAL lets the server's connection read what it committed.
 */
export class SqliteOrderWriter {
  private readonly worker: Worker;
  private seq = 0;
  private readonly waiting = new Map<
    number,
    { resolve: () => void; reject: (error: Error) => void }
  >();
  private failure: Error | null = null;

  constructor(file: string) {
    const entry = new URL('./ordering.writer.worker.ts', import.meta.url).href;
    // Under tsx or Vitest the worker is TypeScript: register tsx's loader first (Node 20 does not
    // pass `--import tsx` on to worker threads).
    const loader = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(loader)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: { file } });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve();
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`order writer exited (${code})`)));
  }

  write(batch: OrderBatch): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // One JSON string crosses the thread boundary more cheaply than the structured clone of
      // thousands of row objects.
      this.worker.postMessage({ id, json: JSON.stringify(batch) });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
