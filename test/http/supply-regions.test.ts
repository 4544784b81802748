import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { OrderingEligibility, RetailerEligibility } from '../../src/server/modules/supply';
import { quotasForRetailer } from '../../src/server/modules/supply';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

/**
 * Region classes (分类投放) through an injected eligibility: a real rule over the test database —
 * retailers of the sealed county cannot order (held under its area), those of a controlled county
 * order at a reduced multiplier. Reopening is a switch the test flips.
 */
let t: TestApp;
let app: FastifyInstance;
let sealedCounty: string;
let controlledCounty: string;
let reopened = false;
let products: string[];
const week = '2022-W20';

const areaEligibility: OrderingEligibility = async (db, retailers) => {
  let q = db.selectFrom('retailers').select(['id', 'county_code', 'service_state']);
  q = Array.isArray(retailers)
    ? q.where('id', 'in', retailers.length ? [...retailers] : [''])
    : q.where('city_code', '=', (retailers as { cityCode: string }).cityCode);
  const out = new Map<string, RetailerEligibility>();
  for (const r of await q.execute()) {
    if (r.county_code === sealedCounty && !reopened)
      out.set(r.id, { ordering: 'blocked', areaId: 'area_sealed' });
    else if (r.county_code === controlledCounty)
      out.set(r.id, { ordering: 'allowed', areaId: 'area_ctl', multiplierClass: 'controlled' });
    else
      out.set(r.id, {
        ordering: r.service_state === 'suspended' ? 'blocked' : 'allowed',
        areaId: null,
      });
  }
  return out;
};

beforeAll(async () => {
  t = await startTestApp();
  const counties = await t.db.db
    .selectFrom('retailers')
    .select(['county_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('city_code', '=', '140100')
    .groupBy('county_code')
    .orderBy('county_code')
    .execute();
  sealedCounty = counties[0]!.county_code;
  controlledCounty = counties[1]!.county_code;
  products = (
    await t.db.db.selectFrom('products').select('code').orderBy('code').limit(5).execute()
  ).map((p) => p.code);
  app = await buildApp({
    db: t.db.db,
    dialect: t.db.dialect,
    webDir: null,
    logLevel: 'silent',
    orderingEligibility: areaEligibility,
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const token = await t.login('taiyuan');
  const response = await app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

const base = {
  cityCode: '140100',
  week,
  method: 'A',
  target: 2000,
  profile: { preset: 'linear', minGrade: 1, start: 1, step: 1 },
};

describe('region classes', () => {
  let planId: string;

  it('holds the sealed area’s share and scales the controlled class', async () => {
    const plain = await call('POST', '/api/supply/preview', {
      ...base,
      productCode: products[0],
    });
    expect(plain.status).toBe(200);
    const p = plain.body.preview;
    const sealed = p.reserve.find((r: { areaKey: string }) => r.areaKey === 'area_sealed');
    const inSealed = await t.db.db
      .selectFrom('retailers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('county_code', '=', sealedCounty)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(sealed.retailers).toBe(Number(inSealed.n));
    expect(sealed.quantity).toBeGreaterThan(0);
    expect(p.reserved).toBe(
      p.reserve.reduce((s: number, r: { quantity: number }) => s + r.quantity, 0),
    );
    expect(p.allocated + p.reserved + p.idle).toBe(2000);

    const scaled = await call('POST', '/api/supply/plans', {
      ...base,
      productCode: products[0],
      classMultipliers: { controlled: 0.5 },
    });
    expect(scaled.status).toBe(201);
    planId = scaled.body.plan.id;
    const cells = scaled.body.preview.cells as {
      key: string;
      multiplier: number;
      quotas: number[];
    }[];
    const ctl = cells.find((c) => c.key === 'all#controlled')!;
    const rest = cells.find((c) => c.key === 'all')!;
    expect(ctl.multiplier).toBe(0.5);
    expect(ctl.quotas[29]).toBeLessThan(rest.quotas[29]!);
    expect((await call('POST', `/api/supply/plans/${planId}/publish`)).status).toBe(200);
  });

  it('answers region_blocked to a sealed retailer, the class quota to a controlled one', async () => {
    const [sealed] = await t.db.db
      .selectFrom('retailers')
      .select(['id'])
      .where('county_code', '=', sealedCounty)
      .where('status', '=', 'active')
      .limit(1)
      .execute();
    const [controlled] = await t.db.db
      .selectFrom('retailers')
      .select(['id', 'grade'])
      .where('county_code', '=', controlledCounty)
      .where('status', '=', 'active')
      .where('service_state', '!=', 'suspended')
      .orderBy('grade', 'desc')
      .limit(1)
      .execute();
    const a = await call('GET', `/api/supply/retailers/${sealed!.id}/quotas?week=${week}`);
    const mine = a.body.items.find((i: { productCode: string }) => i.productCode === products[0]);
    expect(mine).toMatchObject({ quota: 0, reason: 'region_blocked' });
    const plan = await call('POST', `/api/supply/plans/${planId}/preview`);
    const ctl = plan.body.preview.cells.find((c: { key: string }) => c.key === 'all#controlled');
    const b = await call('GET', `/api/supply/retailers/${controlled!.id}/quotas?week=${week}`);
    const theirs = b.body.items.find((i: { productCode: string }) => i.productCode === products[0]);
    expect(theirs.quota).toBe(ctl.quotas[controlled!.grade - 1]);
  });

  it('releases the reserve with a 补投放 once the area reopens', async () => {
    const source = await call('GET', `/api/supply/plans/${planId}`);
    expect(source.status).toBe(200);
    const preview = await call('POST', `/api/supply/plans/${planId}/preview`);
    const held = preview.body.preview.reserve.find(
      (r: { areaKey: string }) => r.areaKey === 'area_sealed',
    );
    reopened = true;
    try {
      const replenish = await call('POST', '/api/supply/plans', {
        ...base,
        productCode: products[0],
        kind: 'replenish',
        replenishOf: planId,
        areaKey: 'area_sealed',
        target: held.quantity,
        profile: undefined,
      });
      expect(replenish.status, replenish.response.body).toBe(201);
      expect(replenish.body.preview.customers).toBe(held.retailers);
      expect(replenish.body.preview.allocated).toBeLessThanOrEqual(held.quantity);
      expect(
        (await call('POST', `/api/supply/plans/${replenish.body.plan.id}/publish`)).status,
      ).toBe(200);
      const [sealed] = await t.db.db
        .selectFrom('retailers')
        .select(['id', 'grade'])
        .where('county_code', '=', sealedCounty)
        .where('status', '=', 'active')
        .orderBy('grade', 'desc')
        .limit(1)
        .execute();
      // Ordering calls the exported derivation directly, with the app's eligibility.
      const quotas = await quotasForRetailer(t.db.db, sealed!.id, week, {
        eligibility: areaEligibility,
        now: () => new Date(),
      });
      const item = quotas!.find((i) => i.productCode === products[0])!;
      expect(item.planId).toBe(replenish.body.plan.id);
      expect(item.quota).toBe(replenish.body.preview.cells[0].quotas[sealed!.grade - 1]);
    } finally {
      reopened = false;
    }
  });
});

describe('spreadsheets', () => {
  it('imports a week’s targets all or nothing, with a row report', async () => {
    const count = async () =>
      Number(
        (
          await t.db.db
            .selectFrom('supply_plans')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await call('POST', `/api/supply/targets/import?cityCode=140100&week=${week}`, {
      format: 'csv',
      content: `品规编码,投放量,最低档位\n${products[1]},500,3\n${products[2]},-4,\nNOPE,10,\n`,
    });
    expect(bad.status).toBe(422);
    const rows = (errorOf(bad.response).details as { rows: { row: number }[] }).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4]);
    expect(await count()).toBe(before);

    const good = await call('POST', `/api/supply/targets/import?cityCode=140100&week=${week}`, {
      format: 'csv',
      content: `productCode,target,method,cap\n${products[1]},500,A,\n${products[2]},300,C,10\n`,
    });
    expect(good.status, good.response.body).toBe(200);
    expect(good.body.imported).toBe(2);
    expect(await count()).toBe(before + 2);
    const board = await call('GET', `/api/supply/board?cityCode=140100&week=${week}`);
    const row = board.body.rows.find((r: { productCode: string }) => r.productCode === products[2]);
    expect(row).toMatchObject({ status: 'draft', method: 'C', target: 300 });
    expect(row.allocated).toBeGreaterThan(0);
  });

  it('imports supply positions, refusing a sheet with one bad row whole', async () => {
    const url = `/api/supply/positions/import?cityCode=140100&week=${week}`;
    const bad = await call('POST', url, {
      format: 'csv',
      content: `品规编码,库存,预计到货,安全库存\n${products[3]},100,50,10\n${products[4]},1.5,0,0\n`,
    });
    expect(bad.status).toBe(422);
    const none = await call('GET', `/api/supply/positions?cityCode=140100&week=${week}`);
    expect(none.body.items).toEqual([]);
    const good = await call('POST', url, {
      format: 'csv',
      content: `productCode,stock,inbound,safetyStock\n${products[3]},100,50,10\n`,
    });
    expect(good.status).toBe(200);
    const after = await call('GET', `/api/supply/positions?cityCode=140100&week=${week}`);
    expect(after.body.items).toMatchObject([{ productCode: products[3], available: 140 }]);
  });

  it('exports the published quota table as xlsx', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/supply/board/export?cityCode=140100&week=${week}`,
      headers: bearer(await t.login('taiyuan')),
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(2).value)).toContain(products[0]!);
    expect(sheet.getRow(2).getCell(1).value).toBe('D30');
    const plan = await call(
      'GET',
      `/api/supply/plans?cityCode=140100&week=${week}&status=published`,
    );
    expect(plan.body.items.length).toBeGreaterThan(0);
  });

  it('round-trips the product catalogue through xlsx and refuses a bad sheet whole', async () => {
    const exported = await app.inject({
      method: 'GET',
      url: '/api/products/export',
      headers: bearer(await t.login('admin')),
    });
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.addRow(['TX-NEW-1', '同心(测试)', '同心', '山西中烟', 9000, 10500, 12000, 50]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const token = await t.login('admin');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/products/import',
      headers: bearer(token),
      payload: { format: 'xlsx', content },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await t.db.db
      .selectFrom('products')
      .selectAll()
      .where('code', '=', 'TX-NEW-1')
      .executeTakeFirstOrThrow();
    expect(row.price_class).toBe(2);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/products/import',
      headers: bearer(token),
      payload: {
        format: 'csv',
        content:
          'code,name,brand,manufacturer,allocationPriceFen,wholesalePriceFen,retailPriceFen\nTX-NEW-2,a,b,c,100,200,300\nTX-NEW-3,a,b,c,12.5,200,300\n',
      },
    });
    expect(bad.statusCode).toBe(422);
    const none = await t.db.db
      .selectFrom('products')
      .select('code')
      .where('code', '=', 'TX-NEW-2')
      .execute();
    expect(none).toEqual([]);
    const forbidden = await call('POST', '/api/products/import', { format: 'csv', content: 'x' });
    expect(forbidden.status).toBe(403);
  });
});
