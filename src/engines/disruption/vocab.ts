/*
 * Effect vocabularies. Each array lists its values from most permissive to strictest: combining
 * two effects keeps the one further right. Downstream modules read these effects, never scheme
 * or status names (docs/architecture.md#the-disruption-layer).
 */

/** May a retailer place orders: yes; yes but the goods come later ("deferred"); no. */
export const ORDERING_EFFECTS = ['allowed', 'deferred', 'blocked'] as const;
export type OrderingEffect = (typeof ORDERING_EFFECTS)[number];

/**
 * How goods reach a retailer: 正常送货 normal, 定时送货 fixed_time (at an agreed time), 定点送货
 * fixed_point (handed over at a checkpoint, not at the shop), 暂缓送货 deferred, 不予送货 none.
 * fixed_point ranks stricter than fixed_time because the shop itself cannot be reached; a place
 * under both is served at the fixed point.
 */
export const DELIVERY_MODES = ['normal', 'fixed_time', 'fixed_point', 'deferred', 'none'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** May staff living at the place travel to work on site. */
export const COMMUTE_EFFECTS = ['can', 'cannot'] as const;
export type CommuteEffect = (typeof COMMUTE_EFFECTS)[number];

/** Is an office located at the place open. */
export const OFFICE_EFFECTS = ['open', 'closed'] as const;
export type OfficeEffect = (typeof OFFICE_EFFECTS)[number];

/** What a status means for the business; rule data attached to every scheme status. */
export interface StatusEffects {
  ordering: OrderingEffect;
  delivery: DeliveryMode;
  commute: CommuteEffect;
  office: OfficeEffect;
}

/** The effects of a place no active area covers. */
export const NORMAL_EFFECTS: Readonly<StatusEffects> = Object.freeze({
  ordering: 'allowed',
  delivery: 'normal',
  commute: 'can',
  office: 'open',
});

/** Places the disruption layer tracks. */
export const PLACE_TYPES = ['retailer', 'warehouse', 'office', 'staff_home'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

/**
 * A retailer's service state, set by its account manager: 正常营业 open, 道路封闭 road_closed,
 * 客户隔离 isolated, 现金收款 cash_payer, 暂停营业 suspended. Mapped to effects in
 * {@link SERVICE_STATE_RULES}.
 */
export const SERVICE_STATES = [
  'open',
  'road_closed',
  'isolated',
  'cash_payer',
  'suspended',
] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** How an area says which places it covers. */
export const COVERAGE_KINDS = ['geometry', 'townships', 'circle', 'counties', 'places'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

const ORDERING_RANK = rankOf(ORDERING_EFFECTS);
const DELIVERY_RANK = rankOf(DELIVERY_MODES);

function rankOf<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map((v, i) => [v, i])) as Record<T, number>;
}

/** The stricter of two ordering effects. */
export function stricterOrdering(a: OrderingEffect, b: OrderingEffect): OrderingEffect {
  return ORDERING_RANK[b] > ORDERING_RANK[a] ? b : a;
}

/** The stricter of two delivery modes. */
export function stricterDelivery(a: DeliveryMode, b: DeliveryMode): DeliveryMode {
  return DELIVERY_RANK[b] > DELIVERY_RANK[a] ? b : a;
}

/** Effect by effect, the stricter of two sets of effects. */
export function stricterEffects(a: StatusEffects, b: StatusEffects): StatusEffects {
  return {
    ordering: stricterOrdering(a.ordering, b.ordering),
    delivery: stricterDelivery(a.delivery, b.delivery),
    commute: a.commute === 'cannot' || b.commute === 'cannot' ? 'cannot' : 'can',
    office: a.office === 'closed' || b.office === 'closed' ? 'closed' : 'open',
  };
}
