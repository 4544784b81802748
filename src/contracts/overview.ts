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
