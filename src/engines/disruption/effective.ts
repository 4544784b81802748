import type { CompiledArea } from './coverage';
import { SERVICE_STATE_RULES } from './rules';
import type { EffectiveStatus } from './types';
import {
  NORMAL_EFFECTS,
  SERVICE_STATES,
  stricterDelivery,
  stricterEffects,
  stricterOrdering,
  type ServiceState,
  type StatusEffects,
} from './vocab';

const STATE_SLOTS = SERVICE_STATES.length + 1;
const SLOT: Record<ServiceState, number> = Object.fromEntries(
  SERVICE_STATES.map((s, i) => [s, i]),
) as Record<ServiceState, number>;

/**
 * Results keyed by (covering areas, service state); valid for any instant. The common cases —
 * no covering area, or one — are looked up in arrays so the per-place loop allocates nothing.
 */
export class EffectiveCache {
  /** By service-state slot, for places no area covers. */
  readonly none: (EffectiveStatus | undefined)[] = new Array(STATE_SLOTS).fill(undefined);
  /** By compiled index × STATE_SLOTS + service-state slot, for places one area covers. */
  readonly one: (EffectiveStatus | undefined)[];
  /** By "slot,i,j,…" for places two or more areas cover. */
  readonly many = new Map<string, EffectiveStatus>();

  constructor(areaCount: number) {
    // Filled up front so the array stays packed (fast elements) rather than sparse.
    this.one = new Array(areaCount * STATE_SLOTS).fill(undefined);
  }
}

/** Beyond this many distinct multi-area results that map is dropped rather than grown. */
const CACHE_LIMIT = 100_000;

/**
 * The effective status for a set of active covering areas (compiled indices found[0 .. count),
 * most severe first) and a service state. A place's result depends on nothing else, so it is
 * cached and shared: recomputing 130,000 retailers builds only as many objects as there are
 * distinct situations.
 *
 * Combination rule: status, scheme and severity come from the most severe area; each effect is
 * the strictest among ALL covering areas, then among it and the service state's. With
 * well-ranked schemes this equals the most severe area's effects; with a mis-ranked one it never
 * lets a "more severe" but more permissive status lift a restriction.
 */
export function resolveEffective(
  cache: EffectiveCache,
  compiled: readonly CompiledArea[],
  found: Int32Array,
  count: number,
  serviceState: ServiceState | null,
): EffectiveStatus {
  const slot = serviceState === null ? SERVICE_STATES.length : SLOT[serviceState];
  let key = '';
  if (count === 0) {
    const hit = cache.none[slot];
    if (hit) return hit;
  } else if (count === 1) {
    const hit = cache.one[found[0] * STATE_SLOTS + slot];
    if (hit) return hit;
  } else {
    key = String(slot);
    for (let k = 0; k < count; k++) key += `,${found[k]}`;
    const hit = cache.many.get(key);
    if (hit) return hit;
  }
  const covering = Array.from(found.subarray(0, count), (i) => compiled[i].area);
  let effects: StatusEffects = NORMAL_EFFECTS;
  for (const area of covering) effects = stricterEffects(effects, area.effects);
  let ordering = effects.ordering;
  let delivery = effects.delivery;
  if (serviceState !== null) {
    const rule = SERVICE_STATE_RULES[serviceState];
    ordering = stricterOrdering(ordering, rule.ordering);
    delivery = stricterDelivery(delivery, rule.delivery);
  }
  const top = covering.length > 0 ? covering[0] : null;
  const result: EffectiveStatus = Object.freeze({
    ordering,
    delivery,
    commute: effects.commute,
    office: effects.office,
    status: top?.status ?? null,
    scheme: top?.scheme ?? null,
    severity: top?.severity ?? 0,
    areaIds: Object.freeze(covering.map((a) => a.id)),
    serviceState,
  });
  if (count === 0) cache.none[slot] = result;
  else if (count === 1) cache.one[found[0] * STATE_SLOTS + slot] = result;
  else {
    if (cache.many.size >= CACHE_LIMIT) cache.many.clear();
    cache.many.set(key, result);
  }
  return result;
}
