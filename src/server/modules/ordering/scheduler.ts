import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { closeDueOrders } from './closing.service';
import type { OrderingDeps } from './order.service';

const everyMs = 30_000;

/** Confirms orders as their windows close (twice a minute); returns a stop function. */
export function startClosingJob(
  db: Kysely<any>,
  deps: Pick<OrderingDeps, 'now' | 'state'>,
  log: FastifyBaseLogger,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    // Another server owns the orders (and closes them); this one keeps trying for the lease.
    if (running || !deps.state.owns()) return;
    running = true;
    closeDueOrders(db, deps)
      .then((n) => {
        if (n > 0) log.info({ confirmed: n }, 'ordering windows closed');
      })
      .catch((err: unknown) => log.error({ err }, 'closing orders failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
