import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database';
import type { DemoSeedInput } from './apart';
import { seedDemo } from './index';

/** The demo seed in its own thread (see `seedDemoApart`): it reports progress, then its summary. */
const input = workerData as DemoSeedInput;
const handle = openDatabase({ databaseUrl: input.databaseUrl, sqlitePath: input.sqlitePath });
try {
  const summary = await seedDemo(handle.db, {
    scale: input.scale,
    seed: input.seed,
    orders: input.orders,
    now: input.now,
    onProgress: (step, done, total) => parentPort!.postMessage({ progress: [step, done, total] }),
  });
  parentPort!.postMessage({ summary });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  await handle.close();
}
