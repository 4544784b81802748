import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { serviceStateEligibility } from '../../src/server/modules/supply';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

// The supply module's own rule decides who may order here (a retailer's service state), so that
// the expectations below follow from the rows this file sets; region classes from the disruption
// layer are exercised in supply-regions.test.ts.
let t: TestApp;
let app: FastifyInstance;
let products: { code: string; price_class: number }[];
const week = '2022-W14';
const linear = { preset: 'linear', minGrade: 5, start: 1, step: 1 } as const;

beforeAll(async () => {
  t = await startTestApp();
  app = await buildApp({
    db: t.db.db,
    dialect: t.db.dialect,
    webDir: null,
    logLevel: 'silent',
    orderingEligibility: serviceStateEligibility,
  });
  await app.ready();
  products = await t.db.db
    .selectFrom('products')
    .select(['code', 'price_class'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function call(
  username: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const response = await app.inject({
    method,
    url,
    headers: bearer(await t.login(username)),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

async function taiyuanRetailers() {
  return t.db.db
    .selectFrom('retailers')
    .select(['id', 'grade', 'service_state', 'status', 'county_code', 'market_type'])
    .where('city_code', '=', '140100')
    .orderBy('licence_no')
    .execute();
}

/** Counts per grade of retailers who count (active, not suspended) and of suspended ones. */
async function directCounts() {
  const rows = await taiyuanRetailers();
  const eligible = new Array<number>(30).fill(0);
  const blocked = new Array<number>(30).fill(0);
  for (const r of rows) {
    if (r.status !== 'active') continue;
    if (r.service_state === 'suspended') blocked[r.grade - 1]!++;
    else eligible[r.grade - 1]!++;
  }
  return { eligible, blocked };
}

function plainPlan(productCode: string, target: number, extra: Record<string, unknown> = {}) {
  return {
    cityCode: '140100',
    week,
    productCode,
    method: 'A',
    target,
    cap: 20,
    profile: linear,
    ...extra,
  };
}

async function planCount() {
  const row = await t.db.db
    .selectFrom('supply_plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('a planner builds, previews and publishes a week', () => {
  let planId: string;
  const target = 1234;

  it('enters the supply, creates a draft with a preview that adds up', async () => {
    const product = products[0]!.code;
    const saved = await call('taiyuan', 'PUT', '/api/supply/positions', {
      cityCode: '140100',
      week,
      items: [{ productCode: product, stock: 1000, inbound: 800, safetyStock: 100 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.items[0].available).toBe(1700);

    const created = await call('taiyuan', 'POST', '/api/supply/plans', plainPlan(product, target));
    expect(created.status).toBe(201);
    planId = created.body.plan.id;
    const p = created.body.preview;
    expect(created.body.plan).toMatchObject({
      status: 'draft',
      version: 1,
      weekStart: '2022-04-04',
    });
    expect(p.available).toBe(1700);
    expect(p.allocated + p.reserved + p.idle).toBe(target);
    expect(p.allocated).toBeLessThanOrEqual(target);
    const { eligible, blocked } = await directCounts();
    expect(p.customers).toBe(eligible.reduce((a, b) => a + b, 0));
    expect(p.blocked).toBe(blocked.reduce((a, b) => a + b, 0));
    expect(p.grades.map((g: { customers: number }) => g.customers)).toEqual(eligible);
    // Never higher for a lower grade; nothing below the minimum grade.
    const quotas = p.cells[0].quotas as number[];
    for (let j = 1; j < 30; j++) expect(quotas[j]).toBeGreaterThanOrEqual(quotas[j - 1]!);
    expect(quotas.slice(0, 4)).toEqual([0, 0, 0, 0]);
  });

  it('re-previews with another target from the slider without writing', async () => {
    const before = await planCount();
    const slid = await call('taiyuan', 'POST', `/api/supply/plans/${planId}/preview`, {
      target: 600,
    });
    expect(slid.status).toBe(200);
    expect(slid.body.preview.target).toBe(600);
    expect(slid.body.preview.allocated).toBeLessThanOrEqual(600);
    expect(await planCount()).toBe(before);
    const stored = await call('taiyuan', 'GET', `/api/supply/plans/${planId}`);
    expect(stored.body.plan.target).toBe(target);
  });

  it('publishes once (audited), then refuses a second publish and any edit', async () => {
    const published = await call('taiyuan', 'POST', `/api/supply/plans/${planId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.plan.status).toBe('published');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', planId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'supply.plan.create',
      'supply.plan.publish',
    ]);
    const again = await call('taiyuan', 'POST', `/api/supply/plans/${planId}/publish`);
    expect(again.status).toBe(409);
    const edit = await call('taiyuan', 'PUT', `/api/supply/plans/${planId}`, {
      method: 'A',
      target: 10,
      profile: linear,
    });
    expect(edit.status).toBe(409);
    const dup = await call('taiyuan', 'POST', '/api/supply/plans', plainPlan(products[0]!.code, 5));
    expect(dup.status).toBe(409);
    const stored = await call('taiyuan', 'GET', `/api/supply/plans/${planId}`);
    expect(stored.body.plan.target).toBe(target);
  });

  it('shows the plan on the week’s board with its utilisation', async () => {
    const board = await call('taiyuan', 'GET', `/api/supply/board?cityCode=140100&week=${week}`);
    expect(board.status).toBe(200);
    const row = board.body.rows.find((r: { planId: string }) => r.planId === planId);
    expect(row).toMatchObject({ status: 'published', target, available: 1700 });
    expect(row.utilisation).toBeCloseTo(row.allocated / target, 10);
    expect(board.body.rows).toHaveLength(products.length);
  });

  it('gives each retailer its grade’s quota, worked out by hand, and holds the suspended apart', async () => {
    // Two plans whose quotas follow by hand from the definition (docs/architecture.md#supply-release):
    // the ideal quota is y_j = min(U, λ·r_j) with one λ such that Σ c_j·y_j = T, and the
    // suspended are held in reserve at what they would get with everyone counted.
    //
    // Flat: r_j = 1 for all 30 grades, no cap, T = 3 × (eligible + suspended) = 3·N. Then
    // Σ c_j·λ = λ·N = 3·N gives λ = 3: every grade's quota is exactly 3 条, nothing to round;
    // the reserve is 3 × suspended and the rest, 3 × eligible, is allocated.
    //
    // Capped: the linear profile from grade 5 (r_j = j − 4 for j ≥ 5, 0 below), cap U = 20,
    // T = 20 × (those of grade ≥ 5, suspended included). Σ c_j·min(20, λ·r_j) can reach
    // 20·Σ c_j only when every y_j = 20, so grades 5–30 get 20 and grades 1–4 get 0.
    // One shop of grade ≥ 5 suspended for the while, through the account manager's route.
    const victim = (await taiyuanRetailers()).find(
      (r) => r.status === 'active' && r.service_state === 'open' && r.grade >= 5,
    )!;
    const suspend = await call('admin', 'PUT', `/api/retailers/${victim.id}/service-state`, {
      state: 'suspended',
      reason: '装修',
    });
    expect(suspend.status).toBe(200);
    try {
      await handWorkedPlans(victim.id);
    } finally {
      await call('admin', 'PUT', `/api/retailers/${victim.id}/service-state`, { state: 'open' });
    }
  });

  async function handWorkedPlans(victimId: string) {
    const { eligible, blocked } = await directCounts();
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const counted = sum(eligible);
    const suspended = sum(blocked);
    expect(suspended).toBe(1);
    const flatProduct = products.at(-1)!.code;
    const cappedProduct = products.at(-2)!.code;
    const publish = async (body: Record<string, unknown>) => {
      const created = await call('taiyuan', 'POST', '/api/supply/plans', body);
      expect(created.status).toBe(201);
      const published = await call(
        'taiyuan',
        'POST',
        `/api/supply/plans/${created.body.plan.id}/publish`,
      );
      expect(published.status).toBe(200);
      return published.body.preview;
    };
    const flat = await publish(
      plainPlan(flatProduct, 3 * (counted + suspended), {
        cap: null,
        profile: new Array(30).fill(1),
      }),
    );
    expect(flat.cells[0].quotas).toEqual(new Array(30).fill(3));
    expect(flat.reserved).toBe(3 * suspended);
    expect(flat.allocated).toBe(3 * counted);
    expect(flat.idle).toBe(0);

    const fromGrade5 = (xs: number[]) => sum(xs.slice(4));
    const capped = await publish(
      plainPlan(cappedProduct, 20 * (fromGrade5(eligible) + fromGrade5(blocked)), {
        cap: 20,
      }),
    );
    const expected = [0, 0, 0, 0, ...new Array(26).fill(20)];
    expect(capped.cells[0].quotas).toEqual(expected);
    expect(capped.reserved).toBe(20 * fromGrade5(blocked));
    expect(capped.allocated).toBe(20 * fromGrade5(eligible));

    const rows = (await taiyuanRetailers()).filter((r) => r.status === 'active');
    const sample = [
      ...rows.filter((_, i) => i % 15 === 0),
      ...rows.filter((r) => r.grade < 5).slice(0, 2),
      ...rows.filter((r) => r.id === victimId),
    ];
    for (const r of sample) {
      const got = await call('taiyuan', 'GET', `/api/supply/retailers/${r.id}/quotas?week=${week}`);
      expect(got.status).toBe(200);
      const item = (code: string) =>
        got.body.items.find((i: { productCode: string }) => i.productCode === code);
      if (r.service_state === 'suspended') {
        expect(item(flatProduct)).toMatchObject({ quota: 0, reason: 'region_blocked' });
        expect(item(cappedProduct)).toMatchObject({ quota: 0, reason: 'region_blocked' });
      } else {
        expect(item(flatProduct).quota, `grade ${r.grade}`).toBe(3);
        expect(item(cappedProduct).quota, `grade ${r.grade}`).toBe(r.grade < 5 ? 0 : 20);
        if (r.grade < 5) expect(item(cappedProduct).reason).toBe('below_min_grade');
      }
      expect(item(products[1]!.code)).toMatchObject({ quota: 0, reason: 'no_plan' });
    }
  }

  it('lets the logged-in retailer read its own quotas with the wholesale price', async () => {
    const mine = await call('shop.xiaodian', 'GET', `/api/supply/my-quotas?week=${week}`);
    expect(mine.status).toBe(200);
    const item = mine.body.items.find(
      (i: { productCode: string }) => i.productCode === products[0]!.code,
    );
    const product = await t.db.db
      .selectFrom('products')
      .select('wholesale_price_fen')
      .where('code', '=', products[0]!.code)
      .executeTakeFirstOrThrow();
    expect(item.priceFen).toBe(product.wholesale_price_fen);
    const other = await call(
      'shop.xiaodian',
      'GET',
      `/api/supply/retailers/${(await taiyuanRetailers()).find((r) => r.id !== mine.body.retailerId)!.id}/quotas?week=${week}`,
    );
    expect(other.status).toBe(403);
  });

  it('corrects a published plan with a new version that quotas then follow', async () => {
    const product = products[0]!.code;
    const correction = await call(
      'taiyuan',
      'POST',
      '/api/supply/plans',
      plainPlan(product, 1600, { correctionOf: planId }),
    );
    expect(correction.status).toBe(201);
    expect(correction.body.plan.version).toBe(2);
    const published = await call(
      'taiyuan',
      'POST',
      `/api/supply/plans/${correction.body.plan.id}/publish`,
    );
    expect(published.status).toBe(200);
    const first = await call('taiyuan', 'GET', `/api/supply/plans/${planId}`);
    expect(first.body.plan).toMatchObject({ status: 'published', superseded: true, target: 1234 });
    const top = (await taiyuanRetailers()).filter(
      (r) => r.status === 'active' && r.service_state !== 'suspended',
    )[0]!;
    const got = await call('taiyuan', 'GET', `/api/supply/retailers/${top.id}/quotas?week=${week}`);
    const item = got.body.items.find((i: { productCode: string }) => i.productCode === product);
    expect(item.planId).toBe(correction.body.plan.id);
  });
});

describe('concurrent planners', () => {
  it('lets exactly one of two simultaneous creations of the same plan through', async () => {
    const body = plainPlan(products[9]!.code, 50);
    const results = await Promise.all([
      call('taiyuan', 'POST', '/api/supply/plans', body),
      call('taiyuan', 'POST', '/api/supply/plans', body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = await call(
      'taiyuan',
      'GET',
      `/api/supply/plans?week=${week}&productCode=${products[9]!.code}`,
    );
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].id as string;
    const published = await Promise.all([
      call('taiyuan', 'POST', `/api/supply/plans/${id}/publish`),
      call('taiyuan', 'POST', `/api/supply/plans/${id}/publish`),
    ]);
    expect(published.map((r) => r.status).sort()).toEqual([200, 409]);
    const blocked = await t.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', id)
      .where('action', '=', 'supply.plan.publish')
      .execute();
    expect(blocked).toHaveLength(1);
  });
});

describe('blocked retailers and the reserve', () => {
  it('moves a suspended retailer out of the counts into the reserve, or redistributes', async () => {
    const product = products[2]!.code;
    const body = plainPlan(product, 900, { cap: null });
    const before = await call('taiyuan', 'POST', '/api/supply/preview', body);
    expect(before.status).toBe(200);
    const victim = (await taiyuanRetailers()).find(
      (r) => r.status === 'active' && r.service_state === 'open' && r.grade >= 20,
    )!;
    const quotaBefore = before.body.preview.cells[0].quotas[victim.grade - 1];
    expect(quotaBefore).toBeGreaterThan(0);
    // Through the account manager's route, as in use (the server sees its own writes at once).
    const suspended = await call('admin', 'PUT', `/api/retailers/${victim.id}/service-state`, {
      state: 'suspended',
      reason: '装修',
    });
    expect(suspended.status).toBe(200);
    try {
      const after = await call('taiyuan', 'POST', '/api/supply/preview', body);
      const a = after.body.preview;
      const b = before.body.preview;
      expect(a.customers).toBe(b.customers - 1);
      expect(a.blocked).toBe(b.blocked + 1);
      expect(a.grades[victim.grade - 1].customers).toBe(b.grades[victim.grade - 1].customers - 1);
      expect(a.reserved).toBeGreaterThan(b.reserved);
      const area = a.reserve.find(
        (r: { areaKey: string }) => r.areaKey === `county:${victim.county_code}`,
      );
      expect(area.retailers).toBeGreaterThanOrEqual(1);
      expect(a.allocated + a.reserved + a.idle).toBe(900);

      const spread = await call('taiyuan', 'POST', '/api/supply/preview', {
        ...body,
        blockedPolicy: 'redistribute',
      });
      expect(spread.body.preview.reserved).toBe(0);
      expect(spread.body.preview.allocated).toBeGreaterThanOrEqual(a.allocated);
    } finally {
      await call('admin', 'PUT', `/api/retailers/${victim.id}/service-state`, {
        state: victim.service_state,
      });
    }
  });
});

describe('methods', () => {
  it('B splits by county with one scale and a per-cell multiplier', async () => {
    const rows = (await taiyuanRetailers()).filter((r) => r.status === 'active');
    const county = rows[0]!.county_code;
    const res = await call('taiyuan', 'POST', '/api/supply/preview', {
      ...plainPlan(products[3]!.code, 1500, { cap: null }),
      method: 'B',
      dimensions: ['county'],
      cellMultipliers: { [county]: 0.5 },
    });
    expect(res.status).toBe(200);
    const cells = res.body.preview.cells as { key: string; multiplier: number; quotas: number[] }[];
    expect(new Set(cells.map((c) => c.key))).toEqual(new Set(rows.map((r) => r.county_code)));
    const half = cells.find((c) => c.key === county)!;
    const other = cells.find((c) => c.key !== county)!;
    expect(half.multiplier).toBe(0.5);
    expect(half.quotas[29]).toBeLessThanOrEqual(other.quotas[29]!);
  });

  it('D gives only the chosen retailers a quota; E gives everyone the cap', async () => {
    const rows = (await taiyuanRetailers()).filter(
      (r) => r.status === 'active' && r.service_state !== 'suspended',
    );
    const chosen = rows.slice(0, 3).map((r) => r.id);
    const d = await call('taiyuan', 'POST', '/api/supply/preview', {
      ...plainPlan(products[4]!.code, 30, { cap: null, profile: new Array(30).fill(1) }),
      method: 'D',
      retailerIds: chosen,
    });
    expect(d.status).toBe(200);
    expect(d.body.preview.customers).toBe(3);
    expect(d.body.preview.allocated).toBe(30);
    const e = await call('taiyuan', 'POST', '/api/supply/preview', {
      ...plainPlan(products[4]!.code, 100000, { cap: 4 }),
      method: 'E',
      profile: undefined,
    });
    expect(e.status).toBe(200);
    expect(e.body.preview.cells[0].quotas[29]).toBe(4);
  });

  it('answers not_selected to a retailer a published method-D plan did not choose', async () => {
    const rows = (await taiyuanRetailers()).filter(
      (r) => r.status === 'active' && r.service_state !== 'suspended',
    );
    const [chosen, other] = [rows[0]!, rows[1]!];
    const created = await call('taiyuan', 'POST', '/api/supply/plans', {
      ...plainPlan(products[6]!.code, 7, { cap: null, profile: new Array(30).fill(1) }),
      method: 'D',
      retailerIds: [chosen.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.plan.retailerIds).toEqual([chosen.id]);
    await call('taiyuan', 'POST', `/api/supply/plans/${created.body.plan.id}/publish`);
    const quota = async (id: string) =>
      (
        await call('taiyuan', 'GET', `/api/supply/retailers/${id}/quotas?week=${week}`)
      ).body.items.find((i: { productCode: string }) => i.productCode === products[6]!.code);
    expect(await quota(chosen.id)).toMatchObject({ quota: 7, reason: null });
    expect(await quota(other.id)).toMatchObject({ quota: 0, reason: 'not_selected' });
  });

  it('rotates the remainder so that nothing fractional stays idle', async () => {
    const res = await call('taiyuan', 'POST', '/api/supply/preview', {
      ...plainPlan(products[5]!.code, 1001, { cap: null }),
      remainder: 'rotate',
    });
    expect(res.status).toBe(200);
    expect(res.body.preview.allocated + res.body.preview.reserved).toBe(1001);
  });
});

describe('bad input is refused and writes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string?][] = [
    ['decreasing profile', { profile: [...new Array(29).fill(1), 0] }, 422, 'decreasing'],
    ['negative target', { target: -5 }, 422, 'range'],
    ['fractional target', { target: 10.5 }, 422, 'integer'],
    ['fractional override', { overrides: [{ retailerId: 'x', quota: 1.5 }] }, 422],
    ['cap of zero', { cap: 0 }, 422, 'range'],
    ['short profile', { profile: [1, 2, 3] }, 400, 'length'],
    ['target as text', { target: '100' }, 400],
    ['unknown product', { productCode: 'NOPE' }, 422],
    [
      'unknown cell',
      { method: 'B', dimensions: ['county'], cellMultipliers: { '149999': 2 } },
      422,
    ],
    ['not an ISO week', { week: '2022-W60' }, 400],
    ['unknown field', { colour: 'red' }, 400],
    ['over the available supply', { target: 5000 }, 422],
    ['method D without retailers', { method: 'D' }, 400],
  ];
  for (const [name, change, status, code] of cases) {
    it(`refuses a ${name} with ${status}`, async () => {
      const before = await planCount();
      const res = await call('taiyuan', 'POST', '/api/supply/plans', {
        ...plainPlan(products[0]!.code, 100),
        week: '2022-W14',
        ...change,
      });
      expect(res.status, res.response.body).toBe(status);
      if (code) {
        const details = errorOf(res.response).details as { errors: { code: string }[] };
        expect(details.errors.map((e) => e.code)).toContain(code);
      }
      expect(await planCount()).toBe(before);
    });
  }

  it('accepts a target over the supply with an explicit override', async () => {
    const res = await call('taiyuan', 'POST', '/api/supply/preview', {
      ...plainPlan(products[0]!.code, 5000),
      allowOverSupply: true,
    });
    expect(res.status).toBe(200);
  });

  it('answers in English when asked', async () => {
    const res = await call('taiyuan', 'POST', '/api/supply/plans?lang=en', {
      ...plainPlan(products[0]!.code, 5000),
    });
    expect(res.status).toBe(422);
    expect(errorOf(res.response).message).toMatch(/exceeds the 1700 available/);
  });

  it('forbids an analyst to plan (403) but lets them read', async () => {
    const res = await call(
      'analyst',
      'POST',
      '/api/supply/plans',
      plainPlan(products[7]!.code, 10),
    );
    expect(res.status).toBe(403);
    const list = await call('analyst', 'GET', `/api/supply/plans?week=${week}`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
  });
});

describe('data scope', () => {
  it('hides Taiyuan’s plans from a Datong planner (404) and keeps them unchanged', async () => {
    const list = await call('taiyuan', 'GET', `/api/supply/plans?week=${week}`);
    const plan = list.body.items[0];
    expect(plan.cityCode).toBe('140100');
    for (const [method, url, payload] of [
      ['GET', `/api/supply/plans/${plan.id}`, undefined],
      ['PUT', `/api/supply/plans/${plan.id}`, { method: 'A', target: 1, profile: linear }],
      ['POST', `/api/supply/plans/${plan.id}/publish`, undefined],
      ['POST', `/api/supply/plans/${plan.id}/preview`, undefined],
      ['POST', '/api/supply/plans', plainPlan(products[8]!.code, 10)],
      ['GET', `/api/supply/board?cityCode=140100&week=${week}`, undefined],
    ] as const) {
      const res = await call('datong', method, url, payload);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const theirs = await call('datong', 'GET', `/api/supply/plans?week=${week}`);
    expect(theirs.body.items).toEqual([]);
    const again = await call('taiyuan', 'GET', `/api/supply/plans/${plan.id}`);
    expect(again.body.plan).toEqual(plan);
  });
});
