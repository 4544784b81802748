import { z } from 'zod';

export const countyFigure = z.object({
  code: z.string(),
  name: z.string(),
  cityCode: z.string(),
  retailers: z.number().int(),
});

export const overviewResponse = z.object({
  scopeLabel: z.string(),
  headline: z.object({
    cities: z.number().int(),
    counties: z.number().int(),
    logisticsCentres: z.number().int(),
    retailers: z.number().int(),
    activeRetailers: z.number().int(),
    products: z.number().int(),
    staff: z.number().int(),
    accountManagers: z.number().int(),
  }),
  byCounty: z.array(countyFigure),
  byGrade: z.array(z.object({ grade: z.number().int(), retailers: z.number().int() })),
  byBusinessType: z.array(z.object({ businessType: z.string(), retailers: z.number().int() })),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  /** The server's business clock (`TONGXIN_CLOCK` may set it back to a demo's week). */
  now: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** What the server holds in memory (administrators; `bench/retailers` prints it). */
export const memoryResponse = z.object({
  rssMb: z.number(),
  heapUsedMb: z.number(),
  heapTotalMb: z.number(),
  externalMb: z.number(),
  arrayBuffersMb: z.number(),
  ordering: z.object({
    owner: z.boolean(),
    maxLedgers: z.number().int(),
    idleLedgerSeconds: z.number().int(),
    evictions: z.number().int(),
    ledgers: z.array(
      z.object({
        cycleId: z.string(),
        cityCode: z.string(),
        idleSeconds: z.number().int(),
        orders: z.number().int(),
        lines: z.number().int(),
        idempotencyKeys: z.number().int(),
        offers: z.number().int(),
        estimatedMb: z.number(),
      }),
    ),
    ledgersEstimatedMb: z.number(),
    retailerCityIndex: z.object({ entries: z.number().int(), estimatedMb: z.number() }),
    extraWindows: z.number().int(),
  }),
  /** Each module's in-memory state, walked and estimated (shared objects counted once). */
  structures: z.array(
    z.object({
      name: z.string(),
      estimatedMb: z.number(),
      objects: z.number().int(),
      truncated: z.boolean(),
    }),
  ),
});
export type MemoryResponse = z.infer<typeof memoryResponse>;
