import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import { purgeExpiredSessions } from './identity.service';

export interface JobLog {
  info(object: unknown, message: string): void;
  error(object: unknown, message: string): void;
}

/**
 * Deletes expired sessions every ten minutes in-process, so a stolen database copy holds few live
 * ones and the table does not grow with every log-in. `protect` skips a run while the previous
 * one is still going; `unref` lets the process exit without stopping the timer first.
 */
export function startIdentityJobs(db: Kysely<any>, log: JobLog, now: () => Date): () => void {
  const job = new Cron(
    '*/10 * * * *',
    { protect: true, unref: true, name: 'identity-sessions' },
    async () => {
      try {
        const result = await purgeExpiredSessions(db, now());
        if (result.sessions > 0 || result.throttles > 0) {
          log.info(result, 'identity: expired sessions deleted');
        }
      } catch (error) {
        log.error({ err: error }, 'identity: session clean-up failed');
      }
    },
  );
  return () => job.stop();
}
