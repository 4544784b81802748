import { z } from 'zod';
import { countyCode, pageOf, pageQuery } from './common';
import { isoWeek, zeroQuotaReasons } from './supply';

/**
 * Ordering (订货, docs/architecture.md#ordering). A cycle is the ISO week of the release (`2022-W15`); a retailer has
 * one order per cycle, which it may replace until its window closes.
 */
export const cycleId = isoWeek;

/** submitted: acknowledged and still editable; confirmed: its window closed; cancelled: withdrawn. */
export const orderStatuses = ['submitted', 'confirmed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Who keyed the order in: the retailer itself, or staff taking it by phone (电话订货). */
export const orderChannels = ['self', 'phone'] as const;
export type OrderChannel = (typeof orderChannels)[number];

/** Why a line was refused; the whole order is refused when any line is. */
export const lineRefusalCodes = [
  'QUOTA_EXCEEDED',
  'POOL_EXHAUSTED',
  'OUT_OF_STOCK',
  'NOT_OFFERED',
  'WINDOW_CLOSED',
  'AREA_BLOCKED',
] as const;
export type LineRefusalCode = (typeof lineRefusalCodes)[number];

/** The most lines one order may carry: more brand-specs than any release offers. */
export const maxOrderLines = 300;

const maxProductCodeLength = 40;
const maxLineQuantity = 100_000;

export const orderLineInput = z.strictObject({
  productCode: z.string().trim().min(1).max(maxProductCodeLength),
  /** 条; whole cartons only. */
  quantity: z.number().int().positive().max(maxLineQuantity),
});

export const orderInput = z.strictObject({
  /** The whole order; an empty list withdraws it. */
  lines: z
    .array(orderLineInput)
    .max(maxOrderLines)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (seen.has(line.productCode)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'productCode'],
            message: `duplicate product ${line.productCode}`,
          });
        }
        seen.add(line.productCode);
      });
    }),
});
export type OrderInput = z.infer<typeof orderInput>;

const orderLineKeys = Object.keys(orderLineInput.shape).length;

/**
 * `orderInput` without zod, for the shape nearly every order has. On ordering day the server's
 * zod parse of an order (its code shared by every schema, so never specialised) cost more than
 * the ledger's checks. Anything else — whitespace to trim, a bad value, a missing or unknown key,
 * a duplicate — answers null, and zod then decides and explains; so this accepts nothing
 * `orderInput` refuses and returns what it would (a test holds the two equal on random input).
 */
export function parseOrderInputFast(data: unknown): OrderInput | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const keys = Object.keys(data);
  if (keys.length !== 1 || keys[0] !== 'lines') return null;
  const lines = (data as { lines: unknown }).lines;
  if (!Array.isArray(lines) || lines.length > maxOrderLines) return null;
  const out: OrderInput['lines'] = [];
  const seen = new Set<string>();
  for (const line of lines as unknown[]) {
    if (typeof line !== 'object' || line === null || Array.isArray(line)) return null;
    if (Object.keys(line).length !== orderLineKeys) return null;
    const { productCode, quantity } = line as { productCode: unknown; quantity: unknown };
    if (
      typeof productCode !== 'string' ||
      productCode.length < 1 ||
      productCode.length > maxProductCodeLength
    ) {
      return null;
    }
    if (productCode.trim() !== productCode || seen.has(productCode)) return null;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity)) return null;
    if (quantity <= 0 || quantity > maxLineQuantity) return null;
    seen.add(productCode);
    out.push({ productCode, quantity });
  }
  return { lines: out };
}

export const orderLine = z.object({
  productCode: z.string(),
  quantity: z.number().int(),
  /** 批发价 per 条 captured when the line was accepted. */
  priceFen: z.number().int(),
  /** Set when the window closed: what the logistics centre will deliver. */
  confirmedQuantity: z.number().int().nullable(),
});

export const order = z.object({
  id: z.string(),
  cycleId: z.string(),
  retailerId: z.string(),
  status: z.enum(orderStatuses),
  channel: z.enum(orderChannels),
  version: z.number().int(),
  lines: z.array(orderLine),
  totalQuantity: z.number().int(),
  totalFen: z.number().int(),
  orderDate: z.string(),
  deliveryDate: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type Order = z.infer<typeof order>;

export const orderWindow = z.object({
  open: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** An extra window (补订) opened for this retailer's county or for it by name. */
  extra: z.boolean(),
  reason: z.string().nullable(),
});

export const offerItem = z.object({
  productCode: z.string(),
  name: z.string(),
  priceClass: z.number().int(),
  priceFen: z.number().int(),
  /** This week's quota in 条 from the published release plan. */
  quota: z.number().int(),
  /** Already on this retailer's order. */
  ordered: z.number().int(),
  /** The most this retailer could put on the line now (quota, pool and stock). */
  available: z.number().int(),
  reason: z.enum(zeroQuotaReasons).nullable(),
});
export type OfferItem = z.infer<typeof offerItem>;

export const orderingStates = ['allowed', 'deferred', 'blocked'] as const;

export const myOrderResponse = z.object({
  /** The server's instant (its clock may be set for a demo): countdowns count from it. */
  now: z.string(),
  cycleId: z.string(),
  retailerId: z.string(),
  retailerName: z.string(),
  licenceNo: z.string(),
  countyCode: z.string(),
  orderDate: z.string(),
  deliveryDate: z.string(),
  /** The calendar moved the order date (a holiday). */
  shifted: z.boolean(),
  window: orderWindow,
  /** The retailer's effective ordering status now (docs/architecture.md#the-disruption-layer). */
  ordering: z.enum(orderingStates),
  offer: z.array(offerItem),
  order: order.nullable(),
});
export type MyOrderResponse = z.infer<typeof myOrderResponse>;

export const cycleQuery = z.strictObject({
  /** Another cycle than the current one (history, or an extra window of a past week). */
  cycleId: cycleId.optional(),
  lang: z.string().max(8).optional(),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'Idempotency-Key must be 8–100 characters')
    .max(100, 'Idempotency-Key must be 8–100 characters')
    .regex(/^[\w.:-]+$/, 'Idempotency-Key may hold letters, digits, _ . : -')
    .optional(),
});

export const putOrderResponse = z.object({ order });

export const lineRefusal = z.object({
  productCode: z.string(),
  code: z.enum(lineRefusalCodes),
  requested: z.number().int(),
  /** The most that line could have been (0 when not offered, closed or blocked). */
  limit: z.number().int(),
});
export type LineRefusal = z.infer<typeof lineRefusal>;

export const retailerOrderParams = z.strictObject({ retailerId: z.string().min(1).max(60) });

export const orderHistoryQuery = z.strictObject({
  ...pageQuery,
  lang: z.string().max(8).optional(),
});
export const orderHistoryResponse = pageOf(order);

/** An extra window for a scope: a region that was sealed orders after it reopens. */
export const extraWindowInput = z
  .strictObject({
    cycleId: cycleId.optional(),
    countyCodes: z.array(countyCode).min(1).max(117).optional(),
    retailerIds: z.array(z.string().min(1).max(60)).min(1).max(5_000).optional(),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(2).max(200),
  })
  .refine((w) => (w.countyCodes ? 1 : 0) + (w.retailerIds ? 1 : 0) === 1, {
    message: 'give either countyCodes or retailerIds',
    path: ['countyCodes'],
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    message: 'closesAt must be after opensAt',
    path: ['closesAt'],
  });
export type ExtraWindowInput = z.infer<typeof extraWindowInput>;

/** `HH:mm`, 00:00–23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

/**
 * A county's weekly ordering window (docs/architecture.md#ordering): when it opens relative to
 * the order week's Monday, when it closes before each retailer's order day, what a holiday order
 * day does and the delivery lag. Ranges as the calendar engine checks them.
 */
export const windowRule = z.strictObject({
  /** −7…0: days from the order week's Monday (−2 = the Saturday before). */
  opensDayOffset: z.number().int().min(-7).max(0),
  opensAt: clockTime,
  /** 1…7: days before the order day (1 = the day before). */
  closesDaysBefore: z.number().int().min(1).max(7),
  /** Closes at the end of this minute. */
  closesAt: clockTime,
  holidayShift: z.enum(['next_working_day', 'none']),
  deliveryLagDays: z.number().int().min(0).max(14),
});
export type WindowRuleInput = z.infer<typeof windowRule>;
export const windowRuleParams = z.strictObject({ countyCode });
export const windowRuleResponse = z.object({
  countyCode: z.string(),
  rule: windowRule,
  /** No rule stored for the county: the platform default applies. */
  isDefault: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WindowRuleView = z.infer<typeof windowRuleResponse>;

export const extraWindow = z.object({
  id: z.string(),
  cycleId: z.string(),
  countyCodes: z.array(z.string()).nullable(),
  retailerIds: z.array(z.string()).nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ExtraWindow = z.infer<typeof extraWindow>;
export const extraWindowResponse = z.object({ window: extraWindow });
export const extraWindowsQuery = z.strictObject({
  cycleId: cycleId.optional(),
  lang: z.string().max(8).optional(),
});
export const extraWindowsResponse = z.object({ items: z.array(extraWindow) });

/** The county view of a cycle: who has ordered, who has not, who cannot. */
export const progressFilters = ['all', 'ordered', 'not_ordered', 'blocked'] as const;
export const progressQuery = z.strictObject({
  countyCode,
  filter: z.enum(progressFilters).default('all'),
  q: z.string().trim().max(40).optional(),
  ...pageQuery,
  lang: z.string().max(8).optional(),
});
export const progressParams = z.strictObject({ cycleId });

export const progressRow = z.object({
  retailerId: z.string(),
  licenceNo: z.string(),
  name: z.string(),
  grade: z.number().int(),
  orderDate: z.string(),
  ordering: z.enum(orderingStates),
  windowOpen: z.boolean(),
  orderId: z.string().nullable(),
  status: z.enum(orderStatuses).nullable(),
  channel: z.enum(orderChannels).nullable(),
  totalQuantity: z.number().int(),
  totalFen: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ProgressRow = z.infer<typeof progressRow>;

export const progressSummary = z.object({
  activeRetailers: z.number().int(),
  orderedRetailers: z.number().int(),
  blockedRetailers: z.number().int(),
  /** 订货户率 = retailers who placed an order ÷ active retailers. */
  orderingRate: z.number(),
  requestedQuantity: z.number().int(),
  confirmedQuantity: z.number().int(),
  /** 订单满足率 = confirmed ÷ requested, once windows have closed; null before. */
  fillRate: z.number().nullable(),
  amountFen: z.number().int(),
});
export const progressResponse = z.object({
  cycleId: z.string(),
  countyCode: z.string(),
  summary: progressSummary,
  page: pageOf(progressRow),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

export const exportQuery = z.strictObject({ countyCode, lang: z.string().max(8).optional() });

/** Confirmed demand per brand-spec for a logistics centre (what it picks and loads). */
export const demandQuery = z.strictObject({
  cityCode: z.string().regex(/^14\d{2}00$/, 'must be a Shanxi city code (14xx00)'),
  lang: z.string().max(8).optional(),
});
export const demandRow = z.object({
  productCode: z.string(),
  name: z.string(),
  deliveryDate: z.string(),
  orders: z.number().int(),
  requestedQuantity: z.number().int(),
  confirmedQuantity: z.number().int(),
});
export const demandResponse = z.object({
  cycleId: z.string(),
  cityCode: z.string(),
  logisticsCode: z.string(),
  items: z.array(demandRow),
});

/** A total-control pool (总量控制): a city's orders of one spec share it, first come first served. */
export const poolInput = z.strictObject({
  cycleId,
  cityCode: z.string().regex(/^14\d{2}00$/, 'must be a Shanxi city code (14xx00)'),
  productCode: z.string().trim().min(1).max(40),
  total: z.number().int().min(0).max(100_000_000),
});
export const pool = z.object({
  cycleId: z.string(),
  cityCode: z.string(),
  productCode: z.string(),
  total: z.number().int(),
  used: z.number().int(),
  /** `plan`: a method-E release plan's target; `set`: set here by a planner. */
  source: z.enum(['plan', 'set']),
});
export const poolResponse = z.object({ pool });
export const poolsQuery = z.strictObject({
  cycleId,
  cityCode: z.string().regex(/^14\d{2}00$/, 'must be a Shanxi city code (14xx00)'),
  lang: z.string().max(8).optional(),
});
export const poolsResponse = z.object({ items: z.array(pool) });

/** Figures recorded per cycle and county when windows close (for monitoring). */
export const closeResponse = z.object({
  cycleId: z.string(),
  confirmedOrders: z.number().int(),
});

/** The cycle whose windows are open or next to open now, with its neighbours. */
export const currentCycleResponse = z.object({
  cycleId: z.string(),
  previous: z.string(),
  next: z.string(),
});
