import type { Kysely } from 'kysely';
import { retailerEffects } from '../modules/disruption';
import type { OrderingEligibility, RetailerEligibility } from '../modules/supply';

/**
 * Supply release learns who may order from the disruption layer (docs/architecture.md#the-disruption-layer, #supply-release):
 * the effective ordering of each retailer — the stricter of the areas covering it and its service
 * state — with the most severe covering area, under which its reserve is held. Controlled-type
 * areas (restricted movement, ordering still allowed) give the plan's `controlled` class.
 */
export const disruptionEligibility: OrderingEligibility = async (
  db: Kysely<any>,
  retailers,
  at,
) => {
  const effects = await retailerEffects(db, retailers, at);
  const out = new Map<string, RetailerEligibility>();
  for (const [id, e] of effects) {
    const eligibility: RetailerEligibility = { ordering: e.ordering, areaId: e.areaId };
    if (e.areaName) eligibility.areaName = e.areaName;
    if (e.areaId && e.ordering !== 'blocked' && e.delivery !== 'normal') {
      eligibility.multiplierClass = e.severity >= 20 ? 'controlled' : 'precaution';
    }
    out.set(id, eligibility);
  }
  return out;
};
