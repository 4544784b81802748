import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disruptionEligibility } from '../../src/server/flows/disruption-supply';
import { isoWeekOf, quotasForRetailer, shiftIsoWeek } from '../../src/server/modules/supply';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

/**
 * The retailer attributes of migration 0009 — 营销部 (marketing department) and visit cycle — as
 * method B's fifth dimension and as 两周一访上浮 (a biweekly customer counts double), and the demo
 * releases ordering relies on (the current and the next week).
 */
let t: TestApp;
const week = '2022-W30';
const linear = { preset: 'linear', minGrade: 1, start: 1, step: 1 } as const;

type Row = {
  id: string;
  grade: number;
  status: string;
  county_code: string;
  market_type: string;
  marketing_dept: string | null;
  visit_cycle: string;
};
let taiyuan: Row[];
let products: string[];

beforeAll(async () => {
  t = await startTestApp();
  taiyuan = (await t.db.db
    .selectFrom('retailers')
    .select([
      'id',
      'grade',
      'status',
      'county_code',
      'market_type',
      'marketing_dept',
      'visit_cycle',
    ])
    .where('city_code', '=', '140100')
    .orderBy('licence_no')
    .execute()) as Row[];
  products = (
    await t.db.db
      .selectFrom('products')
      .select('code')
      .where('active', '=', 1)
      .orderBy('code')
      .execute()
  ).map((p) => p.code);
});
afterAll(async () => {
  await t?.close();
});

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(await t.login('taiyuan')),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

const plan = (productCode: string, extra: Record<string, unknown> = {}) => ({
  cityCode: '140100',
  week,
  productCode,
  method: 'A',
  target: 3000,
  profile: linear,
  allowOverSupply: true,
  ...extra,
});

describe('the demo’s retailer attributes', () => {
  it('assigns every retailer a 营销部 of its county (2–4 each) and visits some rural ones biweekly', async () => {
    const all = await t.db.db
      .selectFrom('retailers')
      .select(['county_code', 'market_type', 'marketing_dept', 'visit_cycle'])
      .execute();
    const depts = new Map<string, Set<string>>();
    for (const r of all) {
      expect(r.marketing_dept).toMatch(new RegExp(`^${r.county_code}YX[1-4]$`));
      const set = depts.get(r.county_code) ?? new Set<string>();
      set.add(r.marketing_dept!);
      depts.set(r.county_code, set);
    }
    for (const set of depts.values()) expect(set.size).toBeGreaterThanOrEqual(2);
    const rural = all.filter((r) => r.market_type === 'rural');
    const biweekly = rural.filter((r) => r.visit_cycle === 'biweekly').length;
    expect(biweekly / rural.length).toBeGreaterThan(0.08);
    expect(biweekly / rural.length).toBeLessThan(0.25);
    expect(all.filter((r) => r.market_type === 'urban' && r.visit_cycle === 'biweekly')).toEqual(
      [],
    );
  });

  it('shows both on the retailer detail', async () => {
    const r = taiyuan.find((x) => x.visit_cycle === 'biweekly') ?? taiyuan[0]!;
    const res = await call('GET', `/api/retailers/${r.id}`);
    expect(res.status).toBe(200);
    expect(res.body.retailer.marketingDept).toBe(r.marketing_dept);
    expect(res.body.retailer.visitCycle).toBe(r.visit_cycle);
  });
});

describe('method B by 营销部', () => {
  it('makes one cell per department of the city, labelled by county and number', async () => {
    const res = await call('POST', '/api/supply/preview', {
      ...plan(products[0]!),
      method: 'B',
      dimensions: ['marketing_dept'],
    });
    expect(res.status).toBe(200);
    const active = taiyuan.filter((r) => r.status === 'active');
    const cells = res.body.preview.cells as { key: string; label: string; customers: number }[];
    expect(new Set(cells.map((c) => c.key))).toEqual(new Set(active.map((r) => r.marketing_dept)));
    for (const c of cells) {
      expect(c.label).toMatch(/营销[一二三四]部$/);
      expect(c.customers).toBeLessThanOrEqual(
        active.filter((r) => r.marketing_dept === c.key).length,
      );
    }
    // Those the demo's sealed areas hold back are counted apart.
    expect(cells.reduce((s, c) => s + c.customers, 0) + res.body.preview.blocked).toBe(
      active.length,
    );
  });

  it('crosses it with a second dimension and scales one department’s cell', async () => {
    // A department with an active urban shop, so the cell `<dept>|urban` exists.
    const dept = taiyuan.find(
      (r) => r.status === 'active' && r.market_type === 'urban',
    )!.marketing_dept!;
    const res = await call('POST', '/api/supply/preview', {
      ...plan(products[1]!),
      method: 'B',
      dimensions: ['marketing_dept', 'market_type'],
      cellMultipliers: { [`${dept}|urban`]: 0.5 },
    });
    expect(res.status).toBe(200);
    const cell = res.body.preview.cells.find((c: { key: string }) => c.key === `${dept}|urban`);
    expect(cell.multiplier).toBe(0.5);
    const p = res.body.preview;
    expect(p.allocated + p.reserved + p.idle).toBe(3000);
  });

  it('refuses a multiplier for a cell no retailer falls in (422, with its path)', async () => {
    // The demo numbers 营销部 1–4 per county: a ninth names no cell.
    const county = taiyuan[0]!.county_code;
    const res = await call('POST', '/api/supply/preview', {
      ...plan(products[1]!),
      method: 'B',
      dimensions: ['marketing_dept', 'market_type'],
      cellMultipliers: { [`${county}YX9|urban`]: 0.5 },
    });
    expect(res.status).toBe(422);
    expect(errorOf(res.response).details).toMatchObject({
      errors: [{ path: ['cellMultipliers', `${county}YX9|urban`] }],
    });
  });

  it('English labels say so', async () => {
    const res = await call('POST', '/api/supply/preview?lang=en', {
      ...plan(products[0]!),
      method: 'B',
      dimensions: ['marketing_dept'],
    });
    expect(res.status).toBe(200);
    for (const c of res.body.preview.cells) expect(c.label).toMatch(/ marketing dept \d$/);
  });
});

describe('两周一访上浮', () => {
  it('counts a biweekly customer double in c_j when the plan asks', async () => {
    const active = taiyuan.filter((r) => r.status === 'active');
    const biweekly = new Array<number>(30).fill(0);
    for (const r of active) if (r.visit_cycle === 'biweekly') biweekly[r.grade - 1]!++;
    expect(biweekly.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const once = await call('POST', '/api/supply/preview', plan(products[2]!));
    const twice = await call('POST', '/api/supply/preview', {
      ...plan(products[2]!),
      biweeklyWeight: 2,
    });
    expect(once.status).toBe(200);
    expect(twice.status).toBe(200);
    const a = once.body.preview;
    const b = twice.body.preview;
    // The same customers, weighted: each biweekly one takes twice its grade's quota.
    expect(b.customers).toBe(a.customers);
    for (const g of b.grades) {
      expect(g.customers).toBe(a.grades[g.grade - 1].customers);
      expect(g.allocated).toBe((g.customers + biweekly[g.grade - 1]!) * g.quotaMax);
    }
    expect(b.allocated).toBeLessThanOrEqual(3000);
    // More weighted customers share the same target: the quotas come down (give or take the
    // rounding of one grade).
    const sum = (p: { grades: { quotaMax: number }[] }) =>
      p.grades.reduce((s, g) => s + g.quotaMax, 0);
    expect(sum(b)).toBeLessThanOrEqual(sum(a) + 1);
  });

  it('stores the weight with the plan', async () => {
    const created = await call('POST', '/api/supply/plans', {
      ...plan(products[3]!),
      biweeklyWeight: 2,
    });
    expect(created.status).toBe(201);
    expect(created.body.plan.biweeklyWeight).toBe(2);
    const read = await call('GET', `/api/supply/plans/${created.body.plan.id}`);
    expect(read.body.plan.biweeklyWeight).toBe(2);
    const plain = await call('PUT', `/api/supply/plans/${created.body.plan.id}`, {
      method: 'A',
      target: 3000,
      profile: linear,
      allowOverSupply: true,
    });
    expect(plain.status).toBe(200);
    expect(plain.body.plan.biweeklyWeight).toBe(1);
  });

  it('gives a biweekly retailer twice its grade’s quota once the plan is published', async () => {
    const created = await call('POST', '/api/supply/plans', {
      ...plan(products[4]!),
      biweeklyWeight: 2,
    });
    expect(created.status).toBe(201);
    const published = await call('POST', `/api/supply/plans/${created.body.plan.id}/publish`, {});
    expect(published.status).toBe(200);
    const grades = published.body.preview.grades as { grade: number; quotaMax: number }[];
    const quotaOf = async (id: string) =>
      (await call('GET', `/api/supply/retailers/${id}/quotas?week=${week}`)).body.items.find(
        (q: { productCode: string }) => q.productCode === products[4],
      ).quota as number;
    const active = taiyuan.filter((r) => r.status === 'active' && r.grade >= 10);
    const biweekly = active.find((r) => r.visit_cycle === 'biweekly')!;
    const weekly = active.find((r) => r.visit_cycle === 'weekly' && r.grade === biweekly.grade)!;
    const gradeQuota = grades.find((g) => g.grade === biweekly.grade)!.quotaMax;
    expect(gradeQuota).toBeGreaterThan(0);
    expect(await quotaOf(weekly.id)).toBe(gradeQuota);
    expect(await quotaOf(biweekly.id)).toBe(2 * gradeQuota);
  });

  it('refuses a weight that is not a whole number from 1 to 4, writing nothing', async () => {
    const before = await t.db.db
      .selectFrom('supply_plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [weight, status, code] of [
      [1.5, 422, 'integer'],
      [0, 422, 'range'],
      [9, 422, 'range'],
    ] as const) {
      const res = await call('POST', '/api/supply/plans', {
        ...plan(products[4]!),
        biweeklyWeight: weight,
      });
      expect(res.status).toBe(status);
      expect(errorOf(res.response).details).toMatchObject({
        errors: [{ path: ['biweeklyWeight'], code }],
      });
    }
    const text = await call('POST', '/api/supply/plans', {
      ...plan(products[4]!),
      biweeklyWeight: 'two',
    });
    expect(text.status).toBe(400);
    const after = await t.db.db
      .selectFrom('supply_plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the demo releases ordering relies on', () => {
  it('publishes the current and the next week, a dozen specs for every ordinary shop', async () => {
    const current = isoWeekOf(new Date());
    for (const w of [current, shiftIsoWeek(current, 1)]) {
      const published = await t.db.db
        .selectFrom('supply_plans')
        .select(['city_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('week', '=', w)
        .where('status', '=', 'published')
        .groupBy('city_code')
        .execute();
      expect(published.length).toBe(11);
      // Every 7th active Taiyuan shop of grade 5 or more (not held back by a sealed area).
      const sample = taiyuan
        .filter((r) => r.status === 'active' && r.grade >= 5)
        .filter((_, i) => i % 7 === 0);
      expect(sample.length).toBeGreaterThan(10);
      for (const r of sample) {
        const items = (await quotasForRetailer(t.db.db, r.id, w, {
          eligibility: disruptionEligibility(t.app.state.disruption),
          now: () => new Date(),
        }))!;
        if (items.some((q) => q.reason === 'region_blocked')) continue;
        expect(
          items.filter((q) => q.quota > 0).length,
          `${r.id} (D${r.grade}) in ${w}`,
        ).toBeGreaterThanOrEqual(10);
      }
    }
  });
});
