import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { addDays, isoWeekOfDate, localDateOf } from '../../src/engines/calendar';
import { disruptionEligibility } from '../../src/server/flows/disruption-supply';
import { createDisruptionState } from '../../src/server/modules/disruption';
import { dataDir } from '../../src/server/modules/org';
import { allocationAttributes, createRetailState } from '../../src/server/modules/retail';
import {
  availableSupplyOf,
  loadQuotaBook,
  seedSupplyPlans,
  type OrderingEligibility,
  type QuotaBook,
} from '../../src/server/modules/supply';

/** One retailer of a load run: its session token and the order it will place. */
export interface Shopper {
  retailerId: string;
  cityCode: string;
  /** A retailer account belongs to its county's unit (its data scope comes from it). */
  countyCode: string;
  token: string;
  lines: { productCode: string; quantity: number }[];
}

// The demo's city companies, from the reference data the product ships.
const cityCodes = (
  JSON.parse(fs.readFileSync(path.join(dataDir(), 'divisions.json'), 'utf8')) as {
    cities: { code: string }[];
  }
).cities.map((c) => c.code);

/** Who may order, from a disruption view of `db` built for the fixture (no app runs here). */
function eligibilityOf(db: Kysely<any>): OrderingEligibility {
  return disruptionEligibility(createDisruptionState({ db, retail: createRetailState(db) }));
}

async function cityOffers(
  db: Kysely<any>,
  eligibilityRule: OrderingEligibility,
  cityCode: string,
  at: Date,
  book: QuotaBook,
  enough: number,
) {
  const [attributes, eligibility] = await Promise.all([
    allocationAttributes(db, { cityCode }),
    eligibilityRule(db, { cityCode }, at),
  ]);
  // Every third retailer in licence order, so the shoppers spread over the city's counties.
  return attributes
    .filter((a, i) => i % 3 === 0 && a.status === 'active')
    .filter((a) => eligibility.get(a.id)?.ordering !== 'blocked')
    .slice(0, enough)
    .map((a) => ({
      id: a.id,
      countyCode: a.countyCode,
      offer: book.quotasOf(a, eligibility.get(a.id)).filter((q) => q.quota > 0),
    }));
}

/**
 * Prepares a load run on a seeded demo: publishes the week's release plans of every city for the
 * week of `at`, picks `count` retailers who may order at least `minLines` brand-specs, writes a
 * session for each (as if each had logged in) and a total-control pool on one spec per city sized
 * at `poolShare` of what the shoppers will ask of it, so that pools bind during the run.
 */
export async function prepareOrdering(
  db: Kysely<any>,
  options: {
    at: Date;
    count: number;
    minLines?: number;
    maxLines?: number;
    productsPerCity?: number;
    poolShare?: number;
    publish?: boolean;
  },
): Promise<{ cycleId: string; shoppers: Shopper[] }> {
  // Windows open on the Saturday before their week: from Saturday noon on, the cycle in force is
  // the next ISO week's.
  const cycleId = isoWeekOfDate(addDays(localDateOf(options.at), 2));
  const rule = eligibilityOf(db);
  const minLines = options.minLines ?? 10;
  const maxLines = options.maxLines ?? 12;
  const existing = await db
    .selectFrom('supply_plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('week', '=', cycleId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  if (options.publish !== false && Number(existing.n) === 0) {
    await seedSupplyPlans(db, {
      cityCodes,
      now: new Date(options.at.getTime() + 2 * 86_400_000),
      weeks: 1,
      productsPerCity: options.productsPerCity ?? 24,
      eligibility: rule,
    });
  }
  const perCity = new Map<
    string,
    { id: string; countyCode: string; offer: { productCode: string; quota: number }[] }[]
  >();
  for (const cityCode of cityCodes) {
    const book = await loadQuotaBook(db, cityCode, cycleId);
    perCity.set(
      cityCode,
      (
        await cityOffers(db, rule, cityCode, options.at, book, Math.ceil(options.count / 5) + 50)
      ).filter((r) => r.offer.length >= minLines),
    );
  }
  const shoppers: Shopper[] = [];
  for (let round = 0; shoppers.length < options.count; round++) {
    let added = false;
    for (const cityCode of cityCodes) {
      const r = perCity.get(cityCode)![round];
      if (!r || shoppers.length >= options.count) continue;
      added = true;
      const n = Math.min(r.offer.length, minLines + (round % (maxLines - minLines + 1)));
      shoppers.push({
        retailerId: r.id,
        cityCode,
        countyCode: r.countyCode,
        token: randomBytes(24).toString('base64url'),
        lines: r.offer.slice(0, n).map((q, i) => ({
          productCode: q.productCode,
          quantity: Math.min(q.quota, 1 + ((round + i) % 3)),
        })),
      });
    }
    if (!added) break;
  }

  const stamp = new Date().toISOString();
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const users = shoppers.map((s) => ({
    id: `usr_bench_${s.retailerId}`,
    company_id: s.cityCode,
    username: `bench.${s.retailerId}`,
    display_name: s.retailerId,
    // Nobody logs in with a password: each shopper gets a session below.
    password_hash: 'scrypt$disabled',
    role: 'retailer',
    unit_code: s.countyCode,
    staff_id: null,
    retailer_id: s.retailerId,
    language: 'zh-CN',
    disabled: 0,
    created_at: stamp,
    last_login_at: null,
  }));
  const sessions = shoppers.map((s) => ({
    token_hash: createHash('sha256').update(s.token).digest('base64url'),
    user_id: `usr_bench_${s.retailerId}`,
    created_at: stamp,
    expires_at: expires,
    user_agent: 'bench',
  }));
  for (let i = 0; i < users.length; i += 500) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + 500))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await db
      .insertInto('sessions')
      .values(sessions.slice(i, i + 500))
      .execute();
  }

  const share = options.poolShare ?? 0.9;
  const pools: {
    cycle_id: string;
    city_code: string;
    product_code: string;
    company_id: string;
    total: number;
    updated_by: null;
    updated_at: string;
  }[] = [];
  for (const cityCode of cityCodes) {
    const demand = new Map<string, number>();
    for (const s of shoppers) {
      if (s.cityCode !== cityCode) continue;
      for (const l of s.lines)
        demand.set(l.productCode, (demand.get(l.productCode) ?? 0) + l.quantity);
    }
    const busiest = [...demand.entries()].sort((a, b) => b[1] - a[1])[0];
    if (!busiest) continue;
    pools.push({
      cycle_id: cycleId,
      city_code: cityCode,
      product_code: busiest[0],
      company_id: cityCode,
      total: Math.floor(busiest[1] * share),
      updated_by: null,
      updated_at: stamp,
    });
  }
  if (pools.length > 0) {
    await db
      .insertInto('ordering_pools')
      .values(pools)
      .onConflict((oc) =>
        oc.columns(['cycle_id', 'city_code', 'product_code']).doUpdateSet((eb) => ({
          total: eb.ref('excluded.total'),
        })),
      )
      .execute();
  }
  return { cycleId, shoppers };
}

export interface OrderingAudit {
  orders: number;
  lines: number;
  quantity: number;
  quotaViolations: number;
  poolViolations: number;
  stockViolations: number;
  duplicateOrders: number;
}

/**
 * Checks a cycle from the database alone: no retailer holds more of a spec than its quota, no pool
 * and no centre's stock is overdrawn, and no retailer has two orders for the cycle.
 */
export async function auditOrdering(
  db: Kysely<any>,
  cycleId: string,
  at: Date,
): Promise<OrderingAudit> {
  const orders = await db
    .selectFrom('ordering_orders')
    .select(['id', 'retailer_id', 'city_code', 'status'])
    .where('cycle_id', '=', cycleId)
    .execute();
  const lines = await db
    .selectFrom('ordering_order_lines as l')
    .innerJoin('ordering_orders as o', 'o.id', 'l.order_id')
    .select(['o.retailer_id', 'o.city_code', 'l.product_code', 'l.quantity'])
    .where('o.cycle_id', '=', cycleId)
    .where('o.status', '!=', 'cancelled')
    .execute();
  const perRetailer = new Set<string>();
  let duplicateOrders = 0;
  for (const o of orders) {
    if (perRetailer.has(o.retailer_id)) duplicateOrders++;
    perRetailer.add(o.retailer_id);
  }
  let quotaViolations = 0;
  let poolViolations = 0;
  let stockViolations = 0;
  let quantity = 0;
  const cities = [...new Set(lines.map((l) => l.city_code as string))];
  const rule = eligibilityOf(db);
  for (const cityCode of cities) {
    const cityLines = lines.filter((l) => l.city_code === cityCode);
    const book = await loadQuotaBook(db, cityCode, cycleId);
    const attributes = new Map(
      (await allocationAttributes(db, { cityCode })).map((a) => [a.id, a]),
    );
    const ids = [...new Set(cityLines.map((l) => l.retailer_id as string))];
    const eligibility = await rule(db, ids, at);
    const quotas = new Map<string, Map<string, number>>();
    for (const id of ids) {
      quotas.set(
        id,
        new Map(
          book
            .quotasOf(attributes.get(id)!, eligibility.get(id))
            .map((q) => [q.productCode, q.quota]),
        ),
      );
    }
    const drawn = new Map<string, number>();
    for (const l of cityLines) {
      quantity += Number(l.quantity);
      if (Number(l.quantity) > (quotas.get(l.retailer_id)?.get(l.product_code) ?? 0))
        quotaViolations++;
      drawn.set(l.product_code, (drawn.get(l.product_code) ?? 0) + Number(l.quantity));
    }
    const pools = await db
      .selectFrom('ordering_pools')
      .select(['product_code', 'total'])
      .where('cycle_id', '=', cycleId)
      .where('city_code', '=', cityCode)
      .execute();
    for (const p of pools) if ((drawn.get(p.product_code) ?? 0) > Number(p.total)) poolViolations++;
    for (const [code, available] of await availableSupplyOf(db, cityCode, cycleId)) {
      if ((drawn.get(code) ?? 0) > available) stockViolations++;
    }
  }
  return {
    orders: orders.length,
    lines: lines.length,
    quantity,
    quotaViolations,
    poolViolations,
    stockViolations,
    duplicateOrders,
  };
}
