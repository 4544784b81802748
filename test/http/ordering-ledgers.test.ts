import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

/**
 * Ordering's memory is bounded (issue #13 item 12): a cycle far from now is refused before any
 * ledger is built for it; an idle ledger is dropped and rebuilt from the database with the same
 * quota usage, pools and orders; no more than `maxLedgers` stay resident. The clock is inside the
 * 2022-W15 cycle, whose windows are open (as in ordering.test.ts).
 */
const now = new Date('2022-04-09T14:00:00+08:00');
const cycle = '2022-W15';

async function call(
  t: TestApp,
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

async function publishPlans(t: TestApp, codes: string[]) {
  for (const productCode of codes) {
    const created = await call(t, 'taiyuan', 'POST', '/api/supply/plans', {
      cityCode: '140100',
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
      t,
      'taiyuan',
      'POST',
      `/api/supply/plans/${created.body.plan.id}/publish`,
      {},
    );
    expect(published.status).toBe(200);
  }
}

async function productCodes(t: TestApp): Promise<string[]> {
  const rows = await t.db.db
    .selectFrom('products')
    .select('code')
    .where('active', '=', 1)
    .orderBy('code')
    .limit(3)
    .execute();
  return rows.map((p) => p.code as string);
}

const memory = async (t: TestApp) => (await call(t, 'admin', 'GET', '/api/health/memory')).body;

describe('a cycle far from now', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: () => now });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is refused on every kind of ordering route, in Chinese and in English, with nothing built or written', async () => {
    const far = '2023-W16'; // Monday 17 April 2023: 373 days after 9 April 2022
    const refusals = [
      await call(t, 'shop.xiaodian', 'GET', `/api/ordering/my-order?cycleId=${far}`),
      await call(t, 'shop.xiaodian', 'PUT', `/api/ordering/my-order?cycleId=${far}`, {
        lines: [],
      }),
      await call(
        t,
        'xiaodian.planner',
        'GET',
        `/api/ordering/cycles/2021-W14/progress?countyCode=140105`,
      ),
      await call(t, 'taiyuan', 'GET', `/api/ordering/cycles/${far}/demand?cityCode=140100`),
      await call(t, 'taiyuan', 'PUT', '/api/ordering/pools', {
        cycleId: '2099-W01',
        cityCode: '140100',
        productCode: (await productCodes(t))[0],
        total: 10,
      }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(422);
      expect(errorOf(r.response).code).toBe('CYCLE_OUT_OF_RANGE');
      expect(errorOf(r.response).message).toContain('超过一年');
    }
    const english = await call(
      t,
      'shop.xiaodian',
      'GET',
      `/api/ordering/my-order?cycleId=${far}`,
      undefined,
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(422);
    expect(errorOf(english.response).message).toBe(
      `Cycle ${far} is more than a year from now; it cannot be read or ordered`,
    );
    expect(errorOf(english.response).details).toMatchObject({ cycleId: far, today: '2022-04-09' });
    expect((await memory(t)).ordering.ledgers).toEqual([]);
    const pools = await t.db.db.selectFrom('ordering_pools').selectAll().execute();
    expect(pools).toEqual([]);
  });

  it('is served up to a year away', async () => {
    // Monday 10 April 2023: 366 days away, the last week within reach.
    const page = await call(t, 'shop.xiaodian', 'GET', '/api/ordering/my-order?cycleId=2023-W15');
    expect(page.status).toBe(200);
    expect(page.body.cycleId).toBe('2023-W15');
    const back = await call(t, 'shop.xiaodian', 'GET', '/api/ordering/my-order?cycleId=2021-W15');
    expect(back.status).toBe(200);
  });
});

describe('an idle ledger', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: () => now, ordering: { idleLedgerMs: 1_000 } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is dropped, and rebuilt from the database with the same orders, quota usage and pools', async () => {
    const codes = await productCodes(t);
    await publishPlans(t, codes);
    const pool = await call(t, 'taiyuan', 'PUT', '/api/ordering/pools', {
      cycleId: cycle,
      cityCode: '140100',
      productCode: codes[0],
      total: 500,
    });
    expect(pool.status).toBe(200);
    const placed = await call(
      t,
      'shop.xiaodian',
      'PUT',
      '/api/ordering/my-order',
      {
        lines: [
          { productCode: codes[0], quantity: 2 },
          { productCode: codes[1], quantity: 1 },
        ],
      },
      { 'idempotency-key': 'ledger-evict-0001' },
    );
    expect(placed.status).toBe(200);
    const pageBefore = (await call(t, 'shop.xiaodian', 'GET', '/api/ordering/my-order')).body;
    const poolsBefore = (
      await call(t, 'taiyuan', 'GET', `/api/ordering/pools?cycleId=${cycle}&cityCode=140100`)
    ).body;
    expect(poolsBefore.items.find((p: any) => p.productCode === codes[0])).toMatchObject({
      total: 500,
      used: 2,
      source: 'set',
    });
    // Left alone, the ledger goes.
    const deadline = Date.now() + 20_000;
    let after = await memory(t);
    while (after.ordering.ledgers.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await memory(t);
    }
    expect(after.ordering.ledgers).toEqual([]);
    expect(after.ordering.evictions).toBeGreaterThanOrEqual(1);

    // Rebuilt on the next request: the same order, the same quotas used, the same pools.
    const pageAfter = (await call(t, 'shop.xiaodian', 'GET', '/api/ordering/my-order')).body;
    // (The PUT's answer came from the ledger that was there before any eviction.)
    expect(pageAfter.order).toEqual(placed.body.order);
    expect(pageAfter.order).toEqual(pageBefore.order);
    const ordered = (code: string) =>
      pageAfter.offer.find((o: { productCode: string }) => o.productCode === code).ordered;
    expect([ordered(codes[0]!), ordered(codes[1]!)]).toEqual([2, 1]);
    expect(pageAfter.offer).toEqual(pageBefore.offer);
    const poolsAfter = (
      await call(t, 'taiyuan', 'GET', `/api/ordering/pools?cycleId=${cycle}&cityCode=140100`)
    ).body;
    expect(poolsAfter).toEqual(poolsBefore);
    expect(poolsAfter.items.find((p: any) => p.productCode === codes[0]).used).toBe(2);
    // The idempotency key survived: the retry answers as the first time and applies nothing.
    const retry = await call(
      t,
      'shop.xiaodian',
      'PUT',
      '/api/ordering/my-order',
      {
        lines: [
          { productCode: codes[0], quantity: 2 },
          { productCode: codes[1], quantity: 1 },
        ],
      },
      { 'idempotency-key': 'ledger-evict-0001' },
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(placed.body);
  });
});

describe('the resident ledgers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: () => now, ordering: { maxLedgers: 2 } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('stay within the bound, the least recently used going first', async () => {
    const weeks = ['2022-W14', '2022-W15', '2022-W16', '2022-W17'];
    for (const week of weeks) {
      const pools = await call(
        t,
        'taiyuan',
        'GET',
        `/api/ordering/pools?cycleId=${week}&cityCode=140100`,
      );
      expect(pools.status).toBe(200);
      const m = await memory(t);
      expect(m.ordering.ledgers.length).toBeLessThanOrEqual(2);
    }
    const m = await memory(t);
    expect(m.ordering.ledgers.map((l: any) => l.cycleId).sort()).toEqual(['2022-W16', '2022-W17']);
    expect(m.ordering.evictions).toBe(2);
    expect(m.ordering.maxLedgers).toBe(2);
    // The memory report walks each module's state as well.
    expect(m.structures.map((s: { name: string }) => s.name)).toEqual([
      'unit directory',
      'retail directory and profiles',
      'disruption view',
      'supply caches',
      'staff registry',
      'ordering ledgers and windows',
    ]);
    const ordering = m.structures.find((s: { name: string }) => s.name.startsWith('ordering'));
    expect(ordering.objects).toBeGreaterThan(100);
    expect((await call(t, 'taiyuan', 'GET', '/api/health/memory')).status).toBe(403);
  });
});
