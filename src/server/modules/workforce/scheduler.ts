import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import { purgeHealthReports } from './retention.service';

export interface JobLog {
  info(object: unknown, message: string): void;
  error(object: unknown, message: string): void;
}

/**
 * Starts the workforce's nightly jobs in-process: the retention purge at 03:15 Shanghai time
 * (after midnight, so yesterday's reports are final). `protect` skips a run while the previous
 * one is still going; `unref` lets the process exit without stopping the timer first.
 */
export function startWorkforceJobs(
  db: Kysely<any>,
  log: JobLog,
  /** The server clock: what "older than the retention" is measured from. */
  now: () => Date = () => new Date(),
): () => void {
  const purge = new Cron(
    '15 3 * * *',
    { timezone: 'Asia/Shanghai', protect: true, unref: true, name: 'workforce-purge' },
    async () => {
      try {
        const result = await purgeHealthReports(db, now(), { actor: null, via: 'schedule' });
        log.info(result, 'workforce: health reports purged');
      } catch (error) {
        log.error({ err: error }, 'workforce: purge failed');
      }
    },
  );
  return () => purge.stop();
}
