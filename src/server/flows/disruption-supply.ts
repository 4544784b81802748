import { retailerEffects, type DisruptionState } from '../modules/disruption';
import type { OrderingEligibility, RetailerEligibility } from '../modules/supply';

/**
 * Supply release learns who may order from the disruption layer
 * (docs/architecture.md#flows-between-modules): the effective ordering of each retailer — the
 * stricter of the areas covering it and its service state — with the most severe covering area,
 * under which its reserve is held. Controlled-type areas (restricted movement, ordering still
 * allowed) give the plan's `controlled` class. The answer comes from the given state's view of its
 * own database, whatever handle (a transaction) the caller holds.
 */
export function disruptionEligibility(disruption: DisruptionState): OrderingEligibility {
  return async (_db, retailers, at) => {
    const effects = await retailerEffects(disruption, retailers, at);
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
}
