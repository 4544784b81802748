import type { Kysely } from 'kysely';
import { serviceStatesIn } from '../retail';

export const orderingStates = ['allowed', 'deferred', 'blocked'] as const;
export type OrderingState = (typeof orderingStates)[number];

/** A retailer's effective ability to order at an instant (docs/architecture.md#the-disruption-layer). */
export interface RetailerEligibility {
  ordering: OrderingState;
  /** The area whose status decided it (the reserve is held per area), or null. */
  areaId: string | null;
  /** Region class for a plan's class multipliers (e.g. `controlled`), if any. */
  multiplierClass?: string;
  /** The deciding area's name (how the reserve held under it is labelled), if known. */
  areaName?: string;
}

/**
 * The port through which supply release learns who can order: the disruption layer implements it
 * from areas and service states and the app injects it at assembly (`buildApp`). Retailers absent
 * from the map are taken as allowed.
 */
export type OrderingEligibility = (
  db: Kysely<any>,
  retailers: readonly string[] | { cityCode: string },
  at: Date,
) => Promise<Map<string, RetailerEligibility>>;

/**
 * The default rule, before any area layer: a retailer's own service state decides — 暂停营业
 * (suspended) blocks ordering; road closed, isolated and cash payer still order (their delivery
 * mode changes, not their quota). `at` is ignored: service states have no history.
 */
export const serviceStateEligibility: OrderingEligibility = async (db, retailers) => {
  // Only the blocking state is read (fresh, never cached): absent retailers are allowed.
  const rows = await serviceStatesIn(
    db,
    Array.isArray(retailers)
      ? { ids: retailers as readonly string[] }
      : (retailers as { cityCode: string }),
    ['suspended'],
  );
  return new Map(rows.map((r) => [r.id, { ordering: 'blocked' as const, areaId: null }]));
};
