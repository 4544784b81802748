import { z } from 'zod';
import { countyCode, pageOf, pageQuery } from './common';

export const marketTypes = ['urban', 'rural'] as const;
export const businessTypes = [
  'grocery',
  'convenience',
  'supermarket',
  'mall',
  'tobacco_liquor',
  'entertainment',
  'other',
] as const;
export const creditRatings = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export const serviceStates = [
  'open',
  'road_closed',
  'isolated',
  'cash_payer',
  'suspended',
] as const;
export const retailerStatuses = ['active', 'suspended', 'closed'] as const;
/** How often the account manager visits (两周一访: every two weeks). */
export const visitCycles = ['weekly', 'biweekly'] as const;
export type VisitCycle = (typeof visitCycles)[number];
export type MarketType = (typeof marketTypes)[number];
export type BusinessType = (typeof businessTypes)[number];
export type CreditRating = (typeof creditRatings)[number];
export type ServiceState = (typeof serviceStates)[number];

/** Grades (档位) run from D1 (lowest) to D30 (highest) by default. */
export const maxGrade = 30;

export const retailerSummary = z.object({
  id: z.string(),
  licenceNo: z.string(),
  name: z.string(),
  holder: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  grade: z.number().int(),
  marketType: z.enum(marketTypes),
  businessType: z.enum(businessTypes),
  creditRating: z.enum(creditRatings),
  serviceState: z.enum(serviceStates),
  status: z.enum(retailerStatuses),
});
export type RetailerSummary = z.infer<typeof retailerSummary>;

export const retailerDetail = retailerSummary.extend({
  phone: z.string().nullable(),
  address: z.string(),
  lon: z.number(),
  lat: z.number(),
  orderDay: z.number().int().min(1).max(7),
  accountManager: z
    .object({ id: z.string(), name: z.string(), phone: z.string().nullable() })
    .nullable(),
  deliveryLine: z.object({ id: z.string(), name: z.string() }).nullable(),
  serviceStateReason: z.string().nullable(),
  licenceValidUntil: z.string().nullable(),
  weeklyVolume: z.number().int(),
  /** The 营销部 serving the retailer (code), if assigned. */
  marketingDept: z.string().nullable(),
  visitCycle: z.enum(visitCycles),
});
export type RetailerDetail = z.infer<typeof retailerDetail>;

const gradeParam = z.coerce.number().int().min(1).max(maxGrade);

export const listRetailersQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional().describe('name, holder or licence number contains'),
  cityCode: z
    .string()
    .regex(/^14\d{2}00$/, 'must be a Shanxi city code (14xx00)')
    .optional(),
  countyCode: countyCode.optional(),
  gradeMin: gradeParam.optional(),
  gradeMax: gradeParam.optional(),
  businessType: z.enum(businessTypes).optional(),
  marketType: z.enum(marketTypes).optional(),
  serviceState: z.enum(serviceStates).optional(),
  sort: z.enum(['licenceNo', 'name', 'grade', '-grade']).default('licenceNo'),
  lang: z.string().max(8).optional(),
});
export type ListRetailersQuery = z.infer<typeof listRetailersQuery>;

export const listRetailersResponse = pageOf(retailerSummary);

export const retailerIdParams = z.strictObject({
  id: z.string().min(1).max(64),
});

export const retailerDetailResponse = z.object({ retailer: retailerDetail });

/** An account manager sets a retailer's service state (docs/architecture.md#the-disruption-layer); the reason is kept. */
export const setServiceStateBody = z.strictObject({
  state: z.enum(serviceStates),
  reason: z.string().trim().max(500).optional(),
});
export const serviceStateResponse = z.object({
  id: z.string(),
  serviceState: z.enum(serviceStates),
  serviceStateReason: z.string().nullable(),
  serviceStateAt: z.string().nullable(),
});
