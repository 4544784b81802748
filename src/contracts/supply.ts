import { z } from 'zod';
import { okResponse } from './common';

/** ISO week such as `2022-W14` (weeks start on Monday). */
export const isoWeek = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be like 2022-W14');
export const cityCodeParam = z.string().regex(/^14\d{2}00$/, 'must be a Shanxi city code (14xx00)');
export const productCodeParam = z.string().trim().min(1).max(40);

/**
 * Release methods (docs/architecture.md#supply-release): A 按档位统一, B 按档位扩展, C 按价位段, D 选点, E 按需.
 */
export const releaseMethods = ['A', 'B', 'C', 'D', 'E'] as const;
export type ReleaseMethod = (typeof releaseMethods)[number];

/** Dimensions method B may cross with the grade (`marketing_dept`: the 营销部 serving the shop). */
export const planDimensions = [
  'county',
  'market_type',
  'business_type',
  'credit_rating',
  'marketing_dept',
] as const;
export type PlanDimension = (typeof planDimensions)[number];

export const planStatuses = ['draft', 'published'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** What happens to the share of retailers who cannot order: held for them, or spread on the rest. */
export const blockedPolicies = ['reserve', 'redistribute'] as const;
export const remainderModes = ['none', 'rotate'] as const;
/** A regular weekly release, or a 补投放 releasing an area's reserve once it reopens. */
export const planKinds = ['regular', 'replenish'] as const;

export const zeroQuotaReasons = [
  'below_min_grade',
  'region_blocked',
  'not_selected',
  'no_plan',
] as const;

// Numbers are accepted loosely here on purpose: the allocation engine checks them and its codes
// decide between 400 (shape) and 422 (rule), each with the field's path.
const profilePreset = z.object({
  preset: z.enum(['linear', 'geometric', 'banded']),
  minGrade: z.number().optional(),
  start: z.number().optional(),
  step: z.number().optional(),
  ratio: z.number().optional(),
  width: z.number().optional(),
});
export const profileSpec = z.union([z.array(z.number()).max(100), profilePreset]);
export type ProfileSpecInput = z.infer<typeof profileSpec>;

const multipliers = z
  .record(z.string().max(80), z.number())
  .refine((m) => Object.keys(m).length <= 500, {
    message: 'at most 500 multipliers',
  });

export const planInput = z.strictObject({
  cityCode: cityCodeParam,
  week: isoWeek,
  productCode: productCodeParam,
  method: z.enum(releaseMethods),
  /** 条 to release this week. */
  target: z.number(),
  /** Per-customer cap in 条; required for method E. */
  cap: z.number().nullable().optional(),
  /** Omitted for method C (the price class decides) and E. */
  profile: profileSpec.optional(),
  dimensions: z.array(z.enum(planDimensions)).max(2).optional(),
  /** Multiplier per cell key (method B), e.g. `{"140105": 0.8}`. */
  cellMultipliers: multipliers.optional(),
  /** Multiplier per region class from the disruption layer, e.g. `{"controlled": 0.5}`. */
  classMultipliers: multipliers.optional(),
  blockedPolicy: z.enum(blockedPolicies).default('reserve'),
  remainder: z.enum(remainderModes).default('none'),
  /**
   * 两周一访上浮: a customer visited every two weeks counts this many times in c_j and receives
   * that multiple of its grade's quota (1 = no lift, 2 = count double). Whole number 1…4.
   */
  biweeklyWeight: z.number().default(1),
  /** Method D: the chosen retailers. */
  retailerIds: z.array(z.string().max(60)).max(20_000).optional(),
  /** Per-retailer exceptions: a fixed quota in 条 instead of the derived one. */
  overrides: z
    .array(z.strictObject({ retailerId: z.string().max(60), quota: z.number() }))
    .max(2000)
    .optional(),
  /** Release more than the weekly supply available (stock + inbound − safety stock). */
  allowOverSupply: z.boolean().default(false),
  note: z.string().max(500).optional(),
  /** A correction of a published plan: the new draft becomes its next version. */
  correctionOf: z.string().max(60).optional(),
  kind: z.enum(planKinds).default('regular'),
  /** For a 补投放: the published plan whose reserve it releases, and the area (reserve key). */
  replenishOf: z.string().max(60).optional(),
  areaKey: z.string().max(80).optional(),
});
export type PlanInput = z.infer<typeof planInput>;

export const planUpdateInput = planInput.omit({
  cityCode: true,
  week: true,
  productCode: true,
  correctionOf: true,
  kind: true,
  replenishOf: true,
  areaKey: true,
});
export type PlanUpdateInput = z.infer<typeof planUpdateInput>;

export const plan = z.object({
  id: z.string(),
  cityCode: z.string(),
  week: z.string(),
  weekStart: z.string(),
  productCode: z.string(),
  productName: z.string(),
  kind: z.enum(planKinds),
  version: z.number().int(),
  status: z.enum(planStatuses),
  /** Whether a later published version replaced this one. */
  superseded: z.boolean(),
  method: z.enum(releaseMethods),
  target: z.number().int(),
  cap: z.number().int().nullable(),
  profile: profileSpec.nullable(),
  dimensions: z.array(z.enum(planDimensions)),
  cellMultipliers: z.record(z.string(), z.number()),
  classMultipliers: z.record(z.string(), z.number()),
  blockedPolicy: z.enum(blockedPolicies),
  remainder: z.enum(remainderModes),
  biweeklyWeight: z.number().int(),
  retailerIds: z.array(z.string()),
  overrides: z.array(z.object({ retailerId: z.string(), quota: z.number().int() })),
  allowOverSupply: z.boolean(),
  note: z.string().nullable(),
  correctionOf: z.string().nullable(),
  replenishOf: z.string().nullable(),
  areaKey: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
});
export type Plan = z.infer<typeof plan>;

export const gradeRow = z.object({
  grade: z.number().int(),
  /** Eligible customers counted in the allocation. */
  customers: z.number().int(),
  /** Customers left out because their effective status blocks ordering. */
  blocked: z.number().int(),
  quotaMin: z.number().int(),
  quotaMax: z.number().int(),
  allocated: z.number().int(),
});

export const previewCell = z.object({
  key: z.string(),
  label: z.string(),
  multiplier: z.number(),
  customers: z.number().int(),
  quotas: z.array(z.number().int()),
  allocated: z.number().int(),
});

export const reserveRow = z.object({
  /** The disruption area's id, or `county:<code>` when no area decided it. */
  areaKey: z.string(),
  label: z.string(),
  retailers: z.number().int(),
  quantity: z.number().int(),
});

export const preview = z.object({
  target: z.number().int(),
  allocated: z.number().int(),
  reserved: z.number().int(),
  idle: z.number().int(),
  /** allocated ÷ target (0 when the target is 0). */
  utilisation: z.number(),
  /** Weekly supply available at the city's logistics centre, or null if none was entered. */
  available: z.number().int().nullable(),
  customers: z.number().int(),
  blocked: z.number().int(),
  grades: z.array(gradeRow),
  cells: z.array(previewCell),
  reserve: z.array(reserveRow),
  lastWeek: z
    .object({
      planId: z.string(),
      week: z.string(),
      target: z.number().int(),
      allocated: z.number().int(),
      quotaByGrade: z.array(z.number().int()),
    })
    .nullable(),
});
export type Preview = z.infer<typeof preview>;

export const planResponse = z.object({ plan });
export const planWithPreviewResponse = z.object({ plan, preview });
export const previewResponse = z.object({ preview });

export const planIdParams = z.strictObject({ id: z.string().min(1).max(60) });

export const listPlansQuery = z.strictObject({
  cityCode: cityCodeParam.optional(),
  week: isoWeek.optional(),
  productCode: productCodeParam.optional(),
  status: z.enum(planStatuses).optional(),
  lang: z.string().max(8).optional(),
});
export const listPlansResponse = z.object({ items: z.array(plan) });

export const boardQuery = z.strictObject({
  cityCode: cityCodeParam,
  week: isoWeek,
  lang: z.string().max(8).optional(),
});
export const boardRow = z.object({
  productCode: z.string(),
  productName: z.string(),
  priceClass: z.number().int(),
  planId: z.string().nullable(),
  status: z.enum(['none', 'draft', 'published']),
  version: z.number().int().nullable(),
  method: z.enum(releaseMethods).nullable(),
  target: z.number().int().nullable(),
  allocated: z.number().int().nullable(),
  reserved: z.number().int().nullable(),
  idle: z.number().int().nullable(),
  utilisation: z.number().nullable(),
  available: z.number().int().nullable(),
});
export const boardResponse = z.object({
  cityCode: z.string(),
  week: z.string(),
  weekStart: z.string(),
  rows: z.array(boardRow),
});
export type Board = z.infer<typeof boardResponse>;

export const retailerQuotasParams = z.strictObject({ retailerId: z.string().min(1).max(60) });
export const retailerQuotasQuery = z.strictObject({
  week: isoWeek,
  lang: z.string().max(8).optional(),
});
export const retailerQuota = z.object({
  productCode: z.string(),
  name: z.string(),
  /** 批发价 per 条 in fen. */
  priceFen: z.number().int(),
  quota: z.number().int(),
  reason: z.enum(zeroQuotaReasons).nullable(),
  planId: z.string().nullable(),
});
export type RetailerQuota = z.infer<typeof retailerQuota>;
export const retailerQuotasResponse = z.object({
  retailerId: z.string(),
  week: z.string(),
  items: z.array(retailerQuota),
});

export const fileImportRequest = z.strictObject({
  /** `csv` text, or an `xlsx` workbook as base64. */
  format: z.enum(['csv', 'xlsx']),
  content: z.string().min(1).max(900_000),
  dryRun: z.boolean().default(false),
});
export const importRowReport = z.object({
  row: z.number().int(),
  key: z.string(),
  ok: z.boolean(),
  errors: z.array(z.string()),
});
export const importResponse = z.object({
  imported: z.number().int(),
  dryRun: z.boolean(),
  rows: z.array(importRowReport),
});

export const targetsImportQuery = boardQuery;

export const supplyPosition = z.object({
  week: z.string(),
  logisticsCode: z.string(),
  productCode: z.string(),
  stock: z.number().int(),
  inbound: z.number().int(),
  safetyStock: z.number().int(),
  /** stock + inbound − safety stock, never below 0. */
  available: z.number().int(),
});
export const positionsQuery = boardQuery;
export const positionsResponse = z.object({ items: z.array(supplyPosition) });
export const positionsInput = z.strictObject({
  cityCode: cityCodeParam,
  week: isoWeek,
  items: z
    .array(
      z.strictObject({
        productCode: productCodeParam,
        stock: z.number().int().min(0).max(100_000_000),
        inbound: z.number().int().min(0).max(100_000_000),
        safetyStock: z.number().int().min(0).max(100_000_000),
      }),
    )
    .min(1)
    .max(2000),
});

export { okResponse };
