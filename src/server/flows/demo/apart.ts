import { Worker } from 'node:worker_threads';
import type { DemoScale, DemoSummary, SeedProgress } from './index';

/** What the seed thread needs: where the database is and what to seed. */
export interface DemoSeedInput {
  databaseUrl: string | null;
  sqlitePath: string;
  scale: DemoScale;
  seed: number;
  orders: boolean;
  /** The demo's "now" (the server's clock). */
  now: Date;
}

/**
 * Seeds the demo in a worker thread, which ends before the server starts serving. A full seed
 * places ~78,000 orders through ordering and peaks at about 1.4 GB of heap; in the server's own
 * thread V8 kept most of that heap reserved afterwards (an idle server of ~820 MB resident where
 * one started on a seeded database holds ~320 MB). A thread's heap goes with it.
 */
export function seedDemoApart(
  options: DemoSeedInput & { onProgress?: SeedProgress },
): Promise<DemoSummary> {
  const { onProgress, ...data } = options;
  const entry = new URL('./seed.worker.ts', import.meta.url).href;
  // The worker is TypeScript: register tsx's loader in it first (Node 20 does not pass
  // `--import tsx` on to worker threads).
  const loader = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(loader)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  return new Promise<DemoSummary>((resolve, reject) => {
    let summary: DemoSummary | null = null;
    worker.on(
      'message',
      (m: { progress?: [string, number, number]; summary?: DemoSummary; error?: string }) => {
        if (m.progress) onProgress?.(...m.progress);
        if (m.summary) summary = m.summary;
        if (m.error) reject(new Error(m.error));
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (summary) resolve(summary);
      else reject(new Error(`the demo seed stopped (${code})`));
    });
  });
}
