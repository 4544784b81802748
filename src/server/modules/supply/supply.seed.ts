import type { Kysely } from 'kysely';
import { allocationAttributes } from '../retail';
import { serviceStateEligibility, type OrderingEligibility } from './eligibility';
import { derivePlan, prepareCity, type PlanSpec } from './plan.derive';
import { sdb } from './plan.context';
import * as repo from './plan.repository';
import { GRADES, logisticsCentreOf, priceBandProfile } from './plan.rules';
import type { FrozenResult } from './plan.mapping';
import * as productRepo from './supply.repository';
import type { SupplyPlansTable } from './supply.tables';
import { isoWeekOf, mondayOfIsoWeek, shiftIsoWeek, weekSerial } from './week.rules';

/** Average 条 per eligible customer and week by price class: cheap specs move more. */
// The cheap bands are sized so that a mid-grade shop (D5 up) receives them every week.
const perCustomer: Record<number, number> = { 1: 0.6, 2: 1.1, 3: 2.2, 4: 4, 5: 3 };

/**
 * The brand-specs the demo releases: every spec whose price band reaches the middle grades (价类
 * 4 and 5, minimum grade ≤ 4 — what ordering needs so that an ordinary shop has a dozen specs to
 * order), then an even sample of the dearer ones, `count` in all.
 */
function demoProducts<T extends { code: string; price_class: number }>(all: T[], count: number) {
  const reach = all
    .filter((p) => p.price_class >= 4)
    .sort((a, b) => b.price_class - a.price_class || (a.code < b.code ? -1 : 1));
  const dear = all.filter((p) => p.price_class < 4);
  const rest = Math.max(0, count - reach.length);
  const step = rest > 0 ? Math.max(1, Math.floor(dear.length / rest)) : dear.length + 1;
  const sample = dear.filter((_, i) => i % step === 0).slice(0, rest);
  // Interleaved, so that the methods (by position) fall on both kinds of spec.
  const out: T[] = [];
  for (let i = 0; out.length < Math.min(count, reach.length + sample.length); i++) {
    if (i < reach.length) out.push(reach[i]!);
    if (i < sample.length) out.push(sample[i]!);
  }
  return out.slice(0, count);
}

/**
 * Demo releases: for each city, the last `weeks` weeks up to the current one and `weeksAhead`
 * weeks after it (the next week's release is published on Saturday 12:00; seeding it lets
 * ordering work on any day), published plans for `productsPerCity` brand-specs (fewer for past
 * weeks if `historyProductsPerCity` says so; method A mostly, C and B by county among them) and
 * the logistics centre's supply position. Deterministic for the same database and `now`.
 */
export async function seedSupplyPlans(
  db: Kysely<any>,
  options: {
    cityCodes: readonly string[];
    now: Date;
    weeks: number;
    /** Weeks after the current one, published too (default 0). */
    weeksAhead?: number;
    productsPerCity: number;
    /** Brand-specs of the weeks before the current one (default: all of them). */
    historyProductsPerCity?: number;
    /** Who may order; default: each retailer's service state. */
    eligibility?: OrderingEligibility;
  },
): Promise<{ plans: number }> {
  const products = demoProducts(
    await productRepo.findAllProducts(sdb(db), true),
    options.productsPerCity,
  );
  const current = isoWeekOf(options.now);
  const stamp = options.now.toISOString();
  let count = 0;
  for (const cityCode of options.cityCodes) {
    const retailers = await allocationAttributes(db, { cityCode });
    if (retailers.length === 0) continue;
    const eligibility = await (options.eligibility ?? serviceStateEligibility)(
      db,
      { cityCode },
      options.now,
    );
    const active = retailers.filter((r) => r.status === 'active').length;
    for (let w = options.weeks - 1; w >= -(options.weeksAhead ?? 0); w--) {
      const week = shiftIsoWeek(current, -w);
      const rows: SupplyPlansTable[] = [];
      const exceptions: Parameters<typeof repo.insertPlanRetailers>[1] = [];
      const positions: Parameters<typeof repo.upsertPositions>[1] = [];
      const ofWeek = w > 0 ? products.slice(0, options.historyProductsPerCity) : products;
      ofWeek.forEach((product, k) => {
        const swing = 0.9 + ((k * 7 + (w + 10) * 3) % 5) * 0.05;
        const target = Math.round(active * (perCustomer[product.price_class] ?? 1) * swing);
        const method = k % 6 === 1 ? 'C' : k % 6 === 4 ? 'B' : 'A';
        const profile = method === 'C' ? null : priceBandProfile(product.price_class);
        const spec: PlanSpec = {
          method,
          target,
          cap: product.price_class <= 2 ? 10 : 30,
          profile,
          priceClass: product.price_class,
          dimensions: method === 'B' ? ['county'] : [],
          cellMultipliers: {},
          classMultipliers: {},
          blockedPolicy: 'reserve',
          remainder: 'rotate',
          selected: null,
          overrides: new Map(),
          weekSerial: weekSerial(week),
        };
        const outcome = derivePlan(spec, retailers, eligibility);
        if (!outcome.ok) return;
        const d = outcome.plan;
        const stock = Math.round(target * 0.7);
        const inbound = Math.round(target * 0.5);
        const safety = Math.round(target * 0.1);
        positions.push({
          week,
          logistics_code: logisticsCentreOf(cityCode),
          product_code: product.code,
          company_id: cityCode,
          stock,
          inbound,
          safety_stock: safety,
          updated_at: stamp,
          updated_by: null,
        });
        const frozen: FrozenResult = {
          target: d.target,
          allocated: d.allocated,
          reserved: d.reserved,
          idle: d.idle,
          customers: d.customers,
          blocked: d.blocked,
          available: stock + inbound - safety,
          profile: d.profile,
          cells: d.cells,
          reserve: d.reserve,
          extraByGrade: new Array<number>(GRADES).fill(0),
        };
        if (d.extras.size > 0) {
          const city = prepareCity(retailers, eligibility);
          for (const [id, extra] of d.extras) {
            const k = city.rowOf(id);
            if (k !== undefined) frozen.extraByGrade[city.grade[k]! - 1]! += extra;
          }
        }
        const id = `spl_demo_${cityCode}_${week.replace('-', '')}_${product.code}`;
        rows.push({
          id,
          company_id: cityCode,
          city_code: cityCode,
          week,
          week_start: mondayOfIsoWeek(week)!,
          product_code: product.code,
          kind: 'regular',
          area_key: '',
          version: 1,
          status: 'published',
          method,
          target,
          cap: spec.cap,
          profile_json: profile === null ? null : JSON.stringify(profile),
          dimensions_json: JSON.stringify(spec.dimensions),
          cell_multipliers_json: '{}',
          class_multipliers_json: '{}',
          blocked_policy: 'reserve',
          remainder: 'rotate',
          biweekly_weight: 1,
          allow_over_supply: 0,
          note: null,
          correction_of: null,
          replenish_of: null,
          result_json: JSON.stringify(frozen),
          created_by: null,
          created_at: stamp,
          updated_at: stamp,
          published_at: stamp,
          published_by: null,
        });
        for (const b of d.blockedRetailers)
          exceptions.push({
            plan_id: id,
            retailer_id: b.id,
            kind: 'blocked',
            company_id: cityCode,
            quota: b.share,
            area_key: b.areaKey,
          });
        for (const [retailerId, extra] of d.extras)
          exceptions.push({
            plan_id: id,
            retailer_id: retailerId,
            kind: 'extra',
            company_id: cityCode,
            quota: extra,
            area_key: null,
          });
      });
      for (const row of rows) await repo.insertPlan(sdb(db), row);
      await repo.insertPlanRetailers(sdb(db), exceptions);
      await repo.upsertPositions(sdb(db), positions);
      count += rows.length;
    }
  }
  return { plans: count };
}
