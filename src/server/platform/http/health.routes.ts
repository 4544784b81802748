import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { healthResponse, memoryResponse, type MemoryResponse } from '../../../contracts/overview';
import type { DialectName } from '../db/database';
import { MemoryEstimator } from '../memory';

export interface HealthRouteOptions {
  db: Kysely<any>;
  dialect: DialectName;
  version: string;
  clock: () => Date;
  /** What the memory report walks: the app's in-memory objects by name (`app.state`). */
  memoryRoots: () => readonly (readonly [name: string, root: object])[];
  /** The ordering ledgers' own account of themselves (counts a walk cannot give). */
  orderingMemory: () => MemoryResponse['ordering'];
  /** Objects the walk must not follow: the database handle, the app. */
  notMemory: readonly unknown[];
}

/** Liveness and the server's clock for everyone; what the process holds for administrators. */
export async function healthRoutes(app: FastifyInstance, options: HealthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { access: { permission: 'public', scope: 'none' } },
      schema: {
        tags: ['platform'],
        summary: 'Liveness, database kind and the server’s clock',
        response: { 200: healthResponse },
      },
    },
    async () => {
      await options.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return {
        status: 'ok' as const,
        database: options.dialect,
        version: options.version,
        now: options.clock().toISOString(),
      };
    },
  );

  r.get(
    '/api/health/memory',
    {
      config: { access: { permission: 'user.manage', scope: 'none' } },
      schema: {
        tags: ['platform'],
        summary:
          'What the server holds in memory: the process, the ordering ledgers, each module’s state',
        response: { 200: memoryResponse },
      },
    },
    async () => {
      // Shared objects count once, for the first root that reaches them.
      const estimator = new MemoryEstimator({ skip: options.notMemory });
      const mb = (bytes: number) => Math.round(bytes / 10_485.76) / 100;
      const structures = [];
      for (const [name, root] of options.memoryRoots()) {
        const e = await estimator.estimate(root);
        structures.push({
          name,
          estimatedMb: mb(e.bytes),
          objects: e.objects,
          truncated: e.truncated,
        });
      }
      const m = process.memoryUsage();
      return {
        rssMb: mb(m.rss),
        heapUsedMb: mb(m.heapUsed),
        heapTotalMb: mb(m.heapTotal),
        externalMb: mb(m.external),
        arrayBuffersMb: mb(m.arrayBuffers),
        ordering: options.orderingMemory(),
        structures,
      };
    },
  );
}
