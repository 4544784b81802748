import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrders } from '../../src/server/flows/demo/ordering';
import { bearer, startTestApp, type TestApp } from '../support/app';

/**
 * The server's demo places the open cycle's first orders. On a tiny demo, with the clock at
 * Sunday 10:00 in Shanghai before the week the demo publishes plans for (every window of that
 * week is open then), they must obey the same rules as any order and leave the demo shop empty.
 */
function sundayBeforeThisWeek(now = new Date()): Date {
  const weekday = (now.getUTCDay() + 6) % 7;
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - weekday - 1, 2),
  );
}

const clock = sundayBeforeThisWeek();
let t: TestApp;
let summary: Awaited<ReturnType<typeof seedDemoOrders>>;
let shopId: string;

beforeAll(async () => {
  // The seed places its orders before the server opens the database, as `startServer` does:
  // while a server runs, it alone owns the orders.
  t = await startTestApp({
    clock: () => clock,
    beforeApp: async (db) => {
      shopId = (
        await db.db
          .selectFrom('users')
          .select('retailer_id')
          .where('username', '=', 'shop.xiaodian')
          .executeTakeFirstOrThrow()
      ).retailer_id!;
      summary = await seedDemoOrders(db.db, {
        cityCodes: ['140100'],
        now: clock,
        seed: 7,
        share: 0.6,
        exclude: new Set([shopId]),
      });
    },
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo orders', () => {
  it('are placed through the ordering rules, within quotas, and not for the demo shop', async () => {
    expect(summary.placed).toBeGreaterThan(20);

    const orders = await t.db.db
      .selectFrom('ordering_orders')
      .select(['retailer_id', 'county_code', 'channel', 'status', 'city_code', 'version'])
      .execute();
    expect(orders).toHaveLength(summary.placed);
    expect(orders.every((o) => o.city_code === '140100' && o.status === 'submitted')).toBe(true);
    expect(orders.every((o) => Number(o.version) === 1)).toBe(true);
    expect(new Set(orders.map((o) => o.channel))).toEqual(new Set(['self', 'phone']));
    expect(orders.some((o) => o.retailer_id === shopId)).toBe(false);

    // As the account manager sees them (the ledger is rebuilt from the database): each line
    // within the retailer's quota.
    const token = await t.login('xiaodian.am');
    const inXiaodian = orders.filter((o) => o.county_code === '140105');
    expect(inXiaodian.length).toBeGreaterThan(0);
    for (const o of inXiaodian) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/ordering/retailers/${o.retailer_id}/order`,
        headers: bearer(token),
      });
      const page = response.json();
      expect(page.order.lines.length).toBeGreaterThan(0);
      for (const line of page.order.lines) {
        const offered = page.offer.find(
          (item: { productCode: string }) => item.productCode === line.productCode,
        );
        expect(line.quantity).toBeGreaterThan(0);
        expect(line.quantity).toBeLessThanOrEqual(offered.quota);
      }
    }
  });
});
