import type { Kysely } from 'kysely';
import { createDisruptionState } from '../../modules/disruption';
import type { SeededOrg } from '../../modules/org';
import { createRetailState } from '../../modules/retail';
import { seedSupplyPlans } from '../../modules/supply';
import { disruptionEligibility } from '../disruption-supply';
import type { DemoScale } from './province';

/**
 * Demo release plans for every city: four weeks up to the current one and the next week (whose
 * release is published on Saturday 12:00; seeding it lets ordering work on any day), for every
 * brand-spec an ordinary shop may receive (价类 4–5) plus a sample of dearer ones — all of them
 * would only lengthen the full seed without showing more. Every active retailer of grade 5 or
 * more gets a quota on at least 10 specs in the current and next week, unless its area is sealed.
 * Seeded after the demo disruption so that its sealed areas' share is held in reserve.
 */
export async function seedSupplyDemo(
  db: Kysely<any>,
  options: { org: SeededOrg; scale: DemoScale; now: Date },
) {
  return seedSupplyPlans(db, {
    cityCodes: options.org.cities.map((c) => c.code),
    now: options.now,
    weeks: 4,
    weeksAhead: 1,
    productsPerCity: options.scale === 'tiny' ? 14 : 22,
    // History only shows on the board and in analyses: fewer specs keep the full seed short.
    historyProductsPerCity: options.scale === 'tiny' ? 8 : 12,
    // The seed runs before any app: it builds the view of the areas just seeded on its own handle.
    eligibility: disruptionEligibility(
      createDisruptionState({ db, retail: createRetailState(db), clock: () => options.now }),
    ),
  });
}
