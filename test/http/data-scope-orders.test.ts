import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app';

/**
 * Issue #13, item 2 with real orders: closing a cycle and reading a city's demand stay inside the
 * caller's data scope (docs/architecture.md#security-and-data-scope). Retailers of 小店区 and
 * 迎泽区 (Taiyuan) and of Datong order by phone inside the 2022-W15 windows (open from Saturday
 * 9 April 2022 12:00), on plans published here.
 */
let t: TestApp;
let now = new Date('2022-04-09T14:00:00+08:00');
const cycle = '2022-W15';
let products: string[];

interface Placed {
  retailerId: string;
  cityCode: string;
  countyCode: string;
  deliveryDate: string;
  lines: { productCode: string; quantity: number }[];
}
const placed: Placed[] = [];

async function call(
  username: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(await t.login(username)),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any };
}

async function publishPlan(manager: string, cityCode: string, productCode: string) {
  const created = await call(manager, 'POST', '/api/supply/plans', {
    cityCode,
    week: cycle,
    productCode,
    method: 'A',
    target: 20_000,
    cap: 20,
    profile: { preset: 'linear', minGrade: 1, start: 1, step: 1 },
    allowOverSupply: true,
  });
  expect(created.status).toBe(201);
  const published = await call(
    manager,
    'POST',
    `/api/supply/plans/${created.body.plan.id}/publish`,
    {},
  );
  expect(published.status).toBe(200);
}

/** Phone orders for the first `count` retailers of `where` whose window is open, quantities varied. */
async function placeOrders(
  taker: string,
  where: { column: 'county_code' | 'city_code'; code: string },
  count: number,
) {
  const candidates = await t.db.db
    .selectFrom('retailers')
    .select(['id', 'city_code', 'county_code'])
    .where(where.column, '=', where.code)
    .where('status', '=', 'active')
    .where('service_state', '=', 'open')
    .orderBy('licence_no')
    .execute();
  let n = 0;
  for (const r of candidates) {
    if (n === count) break;
    const page = await call(taker, 'GET', `/api/ordering/retailers/${r.id}/order`);
    expect(page.status).toBe(200);
    if (page.body.ordering !== 'allowed') continue;
    const offer = new Map<string, number>(
      page.body.offer.map((o: { productCode: string; available: number }) => [
        o.productCode,
        o.available,
      ]),
    );
    // Both products, a different quantity per order, so that totals tell counties apart.
    const lines = products.map((productCode, i) => ({
      productCode,
      quantity: Math.min(offer.get(productCode) ?? 0, 1 + ((n + i) % 3)),
    }));
    if (lines.some((l) => l.quantity < 1)) continue;
    const put = await call(taker, 'PUT', `/api/ordering/retailers/${r.id}/order`, { lines });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.order.status).toBe('submitted');
    placed.push({
      retailerId: r.id,
      cityCode: r.city_code,
      countyCode: r.county_code,
      deliveryDate: page.body.deliveryDate,
      lines,
    });
    n++;
  }
  expect(n, `${where.code}: retailers free to order`).toBe(count);
}

/** The demand answer as `product|date → [orders, requested]`. */
const demandOf = (
  items: { productCode: string; deliveryDate: string; orders: number; requestedQuantity: number }[],
) =>
  Object.fromEntries(
    items.map((r) => [`${r.productCode}|${r.deliveryDate}`, [r.orders, r.requestedQuantity]]),
  );

/** The same figures computed by hand from the orders placed in `counties`. */
function expectedDemand(counties: string[]) {
  const rows: Record<string, [number, number]> = {};
  for (const order of placed.filter((o) => counties.includes(o.countyCode))) {
    for (const line of order.lines) {
      const key = `${line.productCode}|${order.deliveryDate}`;
      const row = (rows[key] ??= [0, 0]);
      row[0] += 1;
      row[1] += line.quantity;
    }
  }
  return rows;
}

async function statusesOf(cityCode: string) {
  const ids = placed.filter((o) => o.cityCode === cityCode).map((o) => o.retailerId);
  const rows = await t.db.db
    .selectFrom('ordering_orders')
    .select(['retailer_id', 'status'])
    .where('cycle_id', '=', cycle)
    .where('retailer_id', 'in', ids)
    .execute();
  expect(rows).toHaveLength(ids.length);
  return rows.map((r) => r.status);
}

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  products = (
    await t.db.db
      .selectFrom('products')
      .select('code')
      .where('active', '=', 1)
      .orderBy('code')
      .limit(2)
      .execute()
  ).map((p) => p.code);
  for (const code of products) {
    await publishPlan('taiyuan', '140100', code);
    await publishPlan('datong', '140200', code);
  }
  await placeOrders('xiaodian.am', { column: 'county_code', code: '140105' }, 3);
  await placeOrders('taiyuan', { column: 'county_code', code: '140106' }, 2);
  await placeOrders('datong', { column: 'city_code', code: '140200' }, 3);
});
afterAll(async () => {
  await t?.close();
});

describe('a city’s demand is read within the reader’s scope', () => {
  it('gives the 小店区 planner only 小店区’s part, and the Taiyuan manager both counties', async () => {
    const county = await call(
      'xiaodian.planner',
      'GET',
      `/api/ordering/cycles/${cycle}/demand?cityCode=140100`,
    );
    expect(county.status).toBe(200);
    const own = expectedDemand(['140105']);
    expect(demandOf(county.body.items)).toEqual(own);

    const city = await call(
      'taiyuan',
      'GET',
      `/api/ordering/cycles/${cycle}/demand?cityCode=140100`,
    );
    expect(city.status).toBe(200);
    const both = expectedDemand(['140105', '140106']);
    expect(demandOf(city.body.items)).toEqual(both);
    // The two answers differ by exactly 迎泽区's orders, so the county's cut is visible.
    const sum = (rows: Record<string, [number, number]>) =>
      Object.values(rows).reduce((s, [, q]) => s + q, 0);
    const yingze = placed
      .filter((o) => o.countyCode === '140106')
      .reduce((s, o) => s + o.lines.reduce((l, x) => l + x.quantity, 0), 0);
    expect(yingze).toBeGreaterThan(0);
    expect(sum(both) - sum(own)).toBe(yingze);
    // Another city's demand is not the county's to read at all (out of scope reads as absent).
    const datong = await call(
      'xiaodian.planner',
      'GET',
      `/api/ordering/cycles/${cycle}/demand?cityCode=140200`,
    );
    expect(datong.status).toBe(404);
    expect(datong.body.error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('closing a cycle confirms only the closer’s city', () => {
  it('lets Taiyuan’s manager confirm Taiyuan’s orders and leaves Datong’s submitted', async () => {
    // A week on: every W15 window has closed.
    now = new Date('2022-04-20T10:00:00+08:00');
    const taiyuanCount = placed.filter((o) => o.cityCode === '140100').length;
    const datongCount = placed.filter((o) => o.cityCode === '140200').length;

    const taiyuan = await call('taiyuan', 'POST', `/api/ordering/cycles/${cycle}/close`, {});
    expect(taiyuan.status).toBe(200);
    expect(taiyuan.body.confirmedOrders).toBe(taiyuanCount);
    expect(await statusesOf('140100')).toEqual(Array(taiyuanCount).fill('confirmed'));
    expect(await statusesOf('140200')).toEqual(Array(datongCount).fill('submitted'));

    // Closing again from Taiyuan still leaves Datong alone.
    const again = await call('taiyuan', 'POST', `/api/ordering/cycles/${cycle}/close`, {});
    expect(again.body.confirmedOrders).toBe(0);
    expect(await statusesOf('140200')).toEqual(Array(datongCount).fill('submitted'));

    const datong = await call('datong', 'POST', `/api/ordering/cycles/${cycle}/close`, {});
    expect(datong.status).toBe(200);
    expect(datong.body.confirmedOrders).toBe(datongCount);
    expect(await statusesOf('140200')).toEqual(Array(datongCount).fill('confirmed'));

    // The province closes everything; nothing is left to close.
    const admin = await call('admin', 'POST', `/api/ordering/cycles/${cycle}/close`, {});
    expect(admin.status).toBe(200);
    expect(admin.body.confirmedOrders).toBe(0);
  });
});
