import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

/**
 * Ordering through the HTTP API on a tiny demo, with the app's clock set inside the 2022-W15
 * cycle (Saturday 9 April 2022 12:00 opens every window; each closes 23:59 the day before the
 * retailer's order day). The week's plans are published here, so quotas follow from this file.
 */
let t: TestApp;
let now = new Date('2022-04-09T14:00:00+08:00');
const cycle = '2022-W15';
let products: string[];
let shopId: string;
let neighbours: { id: string; county_code: string; order_day: number; lon: number; lat: number }[];

async function call(
  username: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await t.app.inject({
    method,
    url,
    headers: { ...bearer(await t.login(username)), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

async function publishPlan(productCode: string, extra: Record<string, unknown> = {}) {
  const created = await call('taiyuan', 'POST', '/api/supply/plans', {
    cityCode: '140100',
    week: cycle,
    productCode,
    method: 'A',
    target: 20_000,
    cap: 20,
    profile: { preset: 'linear', minGrade: 1, start: 1, step: 1 },
    allowOverSupply: true,
    ...extra,
  });
  expect(created.status).toBe(201);
  const published = await call(
    'taiyuan',
    'POST',
    `/api/supply/plans/${created.body.plan.id}/publish`,
    {},
  );
  expect(published.status).toBe(200);
}

async function rowCounts() {
  const count = async (table: string) =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    orders: await count('ordering_orders'),
    lines: await count('ordering_order_lines'),
    keys: await count('ordering_idempotency'),
  };
}

async function storedLines(retailerId: string) {
  return t.db.db
    .selectFrom('ordering_order_lines as l')
    .innerJoin('ordering_orders as o', 'o.id', 'l.order_id')
    .select(['l.product_code', 'l.quantity', 'l.price_fen', 'o.version', 'o.status', 'o.channel'])
    .where('o.retailer_id', '=', retailerId)
    .orderBy('l.product_code')
    .execute();
}

const put = (lines: { productCode: string; quantity: number }[], key?: string) =>
  call(
    'shop.xiaodian',
    'PUT',
    '/api/ordering/my-order',
    { lines },
    key ? { 'idempotency-key': key } : {},
  );

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  products = (
    await t.db.db
      .selectFrom('products')
      .select('code')
      .where('active', '=', 1)
      .orderBy('code')
      .limit(5)
      .execute()
  ).map((p) => p.code);
  // P0 plain, P1 pooled by a planner, P2 short of stock, P4 plain; P3 has no plan at all.
  for (const code of [products[0]!, products[1]!, products[2]!, products[4]!]) {
    await publishPlan(code);
  }
  const user = await t.db.db
    .selectFrom('users')
    .select('retailer_id')
    .where('username', '=', 'shop.xiaodian')
    .executeTakeFirstOrThrow();
  shopId = user.retailer_id!;
  neighbours = await t.db.db
    .selectFrom('retailers')
    .select(['id', 'county_code', 'order_day', 'lon', 'lat'])
    .where('county_code', '=', '140105')
    .where('status', '=', 'active')
    .where('service_state', '=', 'open')
    .where('id', '!=', shopId)
    .orderBy('licence_no')
    .execute();
  // Only those the demo's sealed areas leave free to order.
  const free: typeof neighbours = [];
  for (const r of neighbours) {
    const page = await call('xiaodian.am', 'GET', `/api/ordering/retailers/${r.id}/order`);
    if (page.body.ordering === 'allowed') free.push(r);
    if (free.length === 30) break;
  }
  neighbours = free;
});
afterAll(async () => {
  await t?.close();
});

describe('a retailer orders and edits within its quotas', () => {
  it('sees the open window, its offer with quotas and prices, and no order yet', async () => {
    const page = await call('shop.xiaodian', 'GET', '/api/ordering/my-order');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ cycleId: cycle, retailerId: shopId, order: null });
    expect(page.body.window.open).toBe(true);
    expect(page.body.window.opensAt).toBe('2022-04-09T04:00:00.000Z');
    const offered = page.body.offer.map((o: { productCode: string }) => o.productCode);
    expect(offered).toEqual(
      expect.arrayContaining([products[0], products[1], products[2], products[4]]),
    );
    expect(offered).not.toContain(products[3]);
    for (const item of page.body.offer) {
      expect(item.quota).toBeGreaterThan(0);
      expect(item.available).toBe(item.quota);
      expect(item.priceFen).toBeGreaterThan(0);
    }
  });

  it('places an order, answered only with what was committed', async () => {
    const response = await put(
      [
        { productCode: products[0]!, quantity: 2 },
        { productCode: products[1]!, quantity: 1 },
      ],
      'first-order-0001',
    );
    expect(response.status).toBe(200);
    const order = response.body.order;
    expect(order).toMatchObject({
      cycleId: cycle,
      status: 'submitted',
      version: 1,
      channel: 'self',
    });
    expect(order.totalQuantity).toBe(3);
    const stored = await storedLines(shopId);
    expect(stored.map((l) => [l.product_code, l.quantity])).toEqual([
      [products[0], 2],
      [products[1], 1],
    ]);
    expect(stored[0]!.price_fen).toBe(order.lines[0].priceFen);
    expect(order.totalFen).toBe(2 * order.lines[0].priceFen + order.lines[1].priceFen);
  });

  it('applies a retried request once, and refuses the key for other lines', async () => {
    const before = await rowCounts();
    const retry = await put(
      [
        { productCode: products[1]!, quantity: 1 },
        { productCode: products[0]!, quantity: 2 },
      ],
      'first-order-0001',
    );
    expect(retry.status).toBe(200);
    expect(retry.body.order.version).toBe(1);
    expect(await rowCounts()).toEqual(before);
    const reused = await put([{ productCode: products[0]!, quantity: 5 }], 'first-order-0001');
    expect(reused.status).toBe(422);
    expect(errorOf(reused.response).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await storedLines(shopId)).map((l) => l.quantity)).toEqual([2, 1]);
  });

  it('replaces the whole order until the window closes', async () => {
    const edited = await put([{ productCode: products[0]!, quantity: 4 }], 'second-order-002');
    expect(edited.status).toBe(200);
    expect(edited.body.order.version).toBe(2);
    const stored = await storedLines(shopId);
    expect(stored.map((l) => [l.product_code, l.quantity, l.version])).toEqual([
      [products[0], 4, 2],
    ]);
    const page = await call('shop.xiaodian', 'GET', '/api/ordering/my-order');
    const p0 = page.body.offer.find((o: { productCode: string }) => o.productCode === products[0]);
    expect(p0.ordered).toBe(4);
  });

  it('refuses a line over quota or not offered with a reason per line, writing nothing', async () => {
    const page = await call('shop.xiaodian', 'GET', '/api/ordering/my-order');
    const quota = page.body.offer.find(
      (o: { productCode: string }) => o.productCode === products[0],
    ).quota as number;
    const before = await rowCounts();
    const refused = await put([
      { productCode: products[0]!, quantity: quota + 1 },
      { productCode: products[2]!, quantity: 1 },
      { productCode: products[3]!, quantity: 1 },
    ]);
    expect(refused.status).toBe(422);
    const error = errorOf(refused.response);
    expect(error.code).toBe('ORDER_REFUSED');
    expect(error.message).toContain('2');
    expect((error.details as { lines: unknown[] }).lines).toEqual([
      { productCode: products[0], code: 'QUOTA_EXCEEDED', requested: quota + 1, limit: quota },
      { productCode: products[3], code: 'NOT_OFFERED', requested: 1, limit: 0 },
    ]);
    expect(await rowCounts()).toEqual(before);
    expect((await storedLines(shopId)).map((l) => l.quantity)).toEqual([4]);
  });
});

describe('pools and stock', () => {
  it('a pool is shared first come first served, and never exceeded', async () => {
    const set = await call('taiyuan', 'PUT', '/api/ordering/pools', {
      cycleId: cycle,
      cityCode: '140100',
      productCode: products[1],
      total: 3,
    });
    expect(set.status).toBe(200);
    const first = neighbours[0]!;
    const taken = await call('xiaodian.am', 'PUT', `/api/ordering/retailers/${first.id}/order`, {
      lines: [{ productCode: products[1], quantity: 3 }],
    });
    expect(taken.status).toBe(200);
    expect(taken.body.order.channel).toBe('phone');
    const refused = await put([
      { productCode: products[0]!, quantity: 4 },
      { productCode: products[1]!, quantity: 1 },
    ]);
    expect(refused.status).toBe(422);
    expect((errorOf(refused.response).details as { lines: unknown[] }).lines).toEqual([
      { productCode: products[1], code: 'POOL_EXHAUSTED', requested: 1, limit: 0 },
    ]);
    const pools = await call(
      'taiyuan',
      'GET',
      `/api/ordering/pools?cycleId=${cycle}&cityCode=140100`,
    );
    expect(pools.body.items).toContainEqual({
      cycleId: cycle,
      cityCode: '140100',
      productCode: products[1],
      total: 3,
      used: 3,
      source: 'set',
    });
  });

  it('stock available to promise bounds what the city can order', async () => {
    const position = await call('taiyuan', 'PUT', '/api/supply/positions', {
      cityCode: '140100',
      week: cycle,
      items: [{ productCode: products[2], stock: 5, inbound: 0, safetyStock: 0 }],
    });
    expect(position.status).toBe(200);
    // The ledger re-reads stock positions within two seconds.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await call('shop.xiaodian', 'GET', '/api/ordering/my-order');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = neighbours[1]!;
    const ok = await call('xiaodian.am', 'PUT', `/api/ordering/retailers/${second.id}/order`, {
      lines: [{ productCode: products[2], quantity: 4 }],
    });
    expect(ok.status).toBe(200);
    const refused = await put([
      { productCode: products[0]!, quantity: 4 },
      { productCode: products[2]!, quantity: 2 },
    ]);
    expect(refused.status).toBe(422);
    expect((errorOf(refused.response).details as { lines: unknown[] }).lines).toEqual([
      { productCode: products[2], code: 'OUT_OF_STOCK', requested: 2, limit: 1 },
    ]);
    const fits = await put([
      { productCode: products[0]!, quantity: 4 },
      { productCode: products[2]!, quantity: 1 },
    ]);
    expect(fits.status).toBe(200);
  });

  it('concurrent orders never take more than the pool holds', async () => {
    await call('taiyuan', 'PUT', '/api/ordering/pools', {
      cycleId: cycle,
      cityCode: '140100',
      productCode: products[0],
      total: 30,
    });
    const before = Number(
      (
        await t.db.db
          .selectFrom('ordering_order_lines')
          .select((eb) => eb.fn.sum<number>('quantity').as('q'))
          .where('product_code', '=', products[0]!)
          .executeTakeFirstOrThrow()
      ).q ?? 0,
    );
    const racers = neighbours.slice(2, 22);
    const results = await Promise.all(
      racers.map((r) =>
        call('xiaodian.am', 'PUT', `/api/ordering/retailers/${r.id}/order`, {
          lines: [{ productCode: products[0], quantity: 2 }],
        }),
      ),
    );
    const accepted = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 422);
    expect(accepted + refused.length).toBe(racers.length);
    expect(accepted).toBe(Math.floor((30 - before) / 2));
    for (const r of refused) {
      expect((errorOf(r.response).details as { lines: { code: string }[] }).lines[0]!.code).toBe(
        'POOL_EXHAUSTED',
      );
    }
    const after = await t.db.db
      .selectFrom('ordering_order_lines as l')
      .innerJoin('ordering_orders as o', 'o.id', 'l.order_id')
      .select((eb) => eb.fn.sum<number>('l.quantity').as('q'))
      .where('l.product_code', '=', products[0]!)
      .where('o.status', '!=', 'cancelled')
      .executeTakeFirstOrThrow();
    expect(Number(after.q)).toBeLessThanOrEqual(30);
    expect(Number(after.q)).toBe(before + accepted * 2);
  });
});

describe('a sealed retailer orders in an extra window once its area reopens', () => {
  let sealed: (typeof neighbours)[number];
  let areaId: string;

  it('is refused with AREA_BLOCKED while its area is sealed', async () => {
    sealed = neighbours[25]!;
    const area = await call('taiyuan.epi', 'POST', '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: '2022-04-09T00:00:00Z',
      circle: { center: [Number(sealed.lon), Number(sealed.lat)], radiusM: 30 },
    });
    expect(area.status).toBe(200);
    areaId = area.body.area.id;
    const page = await call('xiaodian.am', 'GET', `/api/ordering/retailers/${sealed.id}/order`);
    expect(page.body.ordering).toBe('blocked');
    const refused = await call('xiaodian.am', 'PUT', `/api/ordering/retailers/${sealed.id}/order`, {
      lines: [{ productCode: products[2], quantity: 1 }],
    });
    expect(refused.status).toBe(422);
    expect((errorOf(refused.response).details as { lines: { code: string }[] }).lines).toEqual([
      { productCode: products[2], code: 'AREA_BLOCKED', requested: 1, limit: 0 },
    ]);
  });

  it('orders through an extra window after the area has reopened and its window closed', async () => {
    // A week later: the area reopened on Monday the 18th, every W15 window has closed.
    now = new Date('2022-04-18T10:00:00+08:00');
    const ended = await call('taiyuan.epi', 'POST', `/api/areas/${areaId}/end`, {
      at: '2022-04-18T00:00:00+08:00',
    });
    expect(ended.status).toBe(200);
    const late = await call(
      'xiaodian.am',
      'PUT',
      `/api/ordering/retailers/${sealed.id}/order?cycleId=${cycle}`,
      { lines: [{ productCode: products[0], quantity: 1 }] },
    );
    expect(late.status).toBe(422);
    expect((errorOf(late.response).details as { lines: { code: string }[] }).lines[0]!.code).toBe(
      'WINDOW_CLOSED',
    );
    const opened = await call('xiaodian.planner', 'POST', '/api/ordering/windows', {
      cycleId: cycle,
      retailerIds: [sealed.id],
      opensAt: '2022-04-18T09:00:00+08:00',
      closesAt: '2022-04-19T18:00:00+08:00',
      reason: '解封后补订',
    });
    expect(opened.status).toBe(201);
    const page = await call('xiaodian.am', 'GET', `/api/ordering/retailers/${sealed.id}/order`);
    expect(page.body.cycleId).toBe(cycle);
    expect(page.body.window).toMatchObject({ open: true, extra: true, reason: '解封后补订' });
    expect(page.body.ordering).toBe('allowed');
    const ordered = await call('xiaodian.am', 'PUT', `/api/ordering/retailers/${sealed.id}/order`, {
      lines: [{ productCode: products[4], quantity: 1 }],
    });
    expect(ordered.status).toBe(200);
    expect(ordered.body.order.cycleId).toBe(cycle);
    // Others of the county are still closed.
    const other = await put([{ productCode: products[0]!, quantity: 1 }]);
    expect(errorOf(other.response).code).toBe('ORDER_REFUSED');
  });
});

describe('closing, the county view and the logistics demand', () => {
  it('confirms orders whose window closed and records the fill rate', async () => {
    now = new Date('2022-04-20T10:00:00+08:00');
    const closed = await call('taiyuan', 'POST', `/api/ordering/cycles/${cycle}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.confirmedOrders).toBeGreaterThan(3);
    const statuses = await t.db.db
      .selectFrom('ordering_orders')
      .select(['status'])
      .where('cycle_id', '=', cycle)
      .execute();
    expect(statuses.every((s) => s.status === 'confirmed')).toBe(true);
    const figures = await t.db.db
      .selectFrom('ordering_figures')
      .selectAll()
      .where('cycle_id', '=', cycle)
      .where('county_code', '=', '140105')
      .executeTakeFirstOrThrow();
    expect(figures.ordered_retailers).toBeGreaterThan(3);
    expect(figures.confirmed_quantity).toBe(figures.requested_quantity);

    const progress = await call(
      'xiaodian.planner',
      'GET',
      `/api/ordering/cycles/${cycle}/progress?countyCode=140105&filter=ordered&pageSize=100`,
    );
    expect(progress.status).toBe(200);
    const s = progress.body.summary;
    expect(s.orderedRetailers).toBe(figures.ordered_retailers);
    expect(s.fillRate).toBe(1);
    expect(s.orderingRate).toBeCloseTo(s.orderedRetailers / s.activeRetailers, 10);
    expect(progress.body.page.items.map((r: { retailerId: string }) => r.retailerId)).toContain(
      shopId,
    );
    const demand = await call(
      'taiyuan.dispatch',
      'GET',
      `/api/ordering/cycles/${cycle}/demand?cityCode=140100`,
    );
    expect(demand.status).toBe(200);
    const total = demand.body.items.reduce(
      (sum: number, r: { confirmedQuantity: number }) => sum + r.confirmedQuantity,
      0,
    );
    expect(total).toBe(figures.confirmed_quantity);
  });

  it('exports the county’s orders to Excel', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/ordering/cycles/${cycle}/export?countyCode=140105`,
      headers: bearer(await t.login('xiaodian.planner')),
    });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const lines = book.worksheets[1]!;
    const shopLines = lines
      .getSheetValues()
      .filter((row) => Array.isArray(row) && row.includes(products[0]!));
    expect(shopLines.length).toBeGreaterThan(0);
    const history = await call('shop.xiaodian', 'GET', '/api/ordering/my-orders');
    expect(history.body.items[0]).toMatchObject({ cycleId: cycle, status: 'confirmed' });
  });
});

describe('who may order for whom, and bad input', () => {
  it('keeps retailers and account managers inside their scope', async () => {
    const other = neighbours[3]!.id;
    const asShop = await call('shop.xiaodian', 'PUT', `/api/ordering/retailers/${other}/order`, {
      lines: [{ productCode: products[0], quantity: 1 }],
    });
    expect(asShop.status).toBe(403);
    const datong = await t.db.db
      .selectFrom('retailers')
      .select('id')
      .where('city_code', '=', '140200')
      .executeTakeFirstOrThrow();
    const outside = await call('xiaodian.am', 'GET', `/api/ordering/retailers/${datong.id}/order`);
    expect(outside.status).toBe(404);
    expect(errorOf(outside.response).code).toBe('OUT_OF_SCOPE');
  });

  it.each([
    ['a negative quantity', { lines: [{ productCode: 'X', quantity: -1 }] }],
    ['a zero quantity', { lines: [{ productCode: 'X', quantity: 0 }] }],
    ['a fractional quantity', { lines: [{ productCode: 'X', quantity: 1.5 }] }],
    ['a text quantity', { lines: [{ productCode: 'X', quantity: '2' }] }],
    [
      'a duplicate product line',
      {
        lines: [
          { productCode: 'A1', quantity: 1 },
          { productCode: 'A1', quantity: 2 },
        ],
      },
    ],
    [
      '10,000 lines',
      { lines: Array.from({ length: 10_000 }, (_, i) => ({ productCode: `P${i}`, quantity: 1 })) },
    ],
    ['an unknown field', { lines: [], note: 'x' }],
  ])('refuses %s with a 400 and writes nothing', async (_label, body) => {
    now = new Date('2022-04-09T14:00:00+08:00');
    const before = await rowCounts();
    const response = await call('shop.xiaodian', 'PUT', '/api/ordering/my-order', body);
    expect(response.status).toBe(400);
    expect(errorOf(response.response).code).toBe('VALIDATION_FAILED');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers in English on request', async () => {
    const response = await call(
      'shop.xiaodian',
      'PUT',
      '/api/ordering/my-order?lang=en',
      { lines: [{ productCode: products[3], quantity: 1 }] },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(422);
    expect(errorOf(response.response).message).toMatch(/refused/);
  });
});
