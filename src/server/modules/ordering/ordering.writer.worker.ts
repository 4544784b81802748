import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { prepareOrderBatchSqlite, type OrderBatch } from './ordering.batch.repository';

// The same durability settings as the server's own connection (platform/db/database.ts).
const db = new SQLite((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const writeBatch = prepareOrderBatchSqlite(db);

parentPort!.on('message', (m: { id: number; json: string }) => {
  try {
    writeBatch(JSON.parse(m.json) as OrderBatch);
    parentPort!.postMessage({ id: m.id });
  } catch (error) {
    parentPort!.postMessage({ id: m.id, error: (error as Error).message });
  }
});
