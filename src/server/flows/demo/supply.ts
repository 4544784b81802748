import type { Kysely } from 'kysely';
import type { SeededOrg } from '../../modules/org';
import { seedSupplyPlans } from '../../modules/supply';
import { disruptionEligibility } from '../disruption-supply';
import type { DemoScale } from './province';

/**
 * Demo release plans: four weeks up to the current one for every city, a sample of brand-specs
 * each (all of them would only lengthen the full seed without showing more). Seeded after the
 * demo disruption so that its sealed areas' share is held in reserve, as the app would.
 */
export async function seedSupplyDemo(
  db: Kysely<any>,
  options: { org: SeededOrg; scale: DemoScale; now: Date },
) {
  return seedSupplyPlans(db, {
    cityCodes: options.org.cities.map((c) => c.code),
    now: options.now,
    weeks: 4,
    productsPerCity: options.scale === 'tiny' ? 6 : 12,
    eligibility: disruptionEligibility,
  });
}
