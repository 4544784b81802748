/**
 * Runs sub-problems in worker threads, at most `size` at a time. The worker is TypeScript: when
 * this module itself runs from source (under tsx or Vitest), the worker first registers tsx's
 * loader (`--import tsx` in execArgv is not honoured by worker threads on Node 20).
 */
import { Worker } from 'node:worker_threads';
import type { RoutingProblem, RoutingSolution, SolveOptions } from './types';

export interface Job {
  problem: RoutingProblem;
  /** Wall-clock deadline (Date.now() scale, shared by all threads). */
  endEpochMs: number;
  options: SolveOptions;
}

export async function runInWorker(jobs: Job[], size: number): Promise<RoutingSolution[]> {
  const results: RoutingSolution[] = new Array<RoutingSolution>(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await runOne(jobs[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, lane));
  return results;
}

function runOne(job: Job): Promise<RoutingSolution> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./worker.ts', import.meta.url).href;
    const loader = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(loader)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (m: RoutingSolution) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`routing worker exited with code ${code}`));
    });
  });
}
