/** Worker-thread body: solves one sub-problem in its own thread and posts the solution back. */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solver';
import type { Job } from './worker-pool';

const job = workerData as Job;
const seconds = Math.max(0.05, (job.endEpochMs - Date.now()) / 1000);
parentPort?.postMessage(solve(job.problem, { ...job.options, timeLimit: seconds }));
