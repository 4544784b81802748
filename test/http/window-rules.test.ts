import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

/**
 * Per-county window rules set through the API. The app's clock is inside 2022-W15 (Saturday
 * 9 April 2022, 14:00 Shanghai); the rules are checked on the next cycle, 2022-W16 (Monday
 * 18 April), which has no holiday.
 */
let t: TestApp;
const now = new Date('2022-04-09T14:00:00+08:00');
const xiaodian = '140105';

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
});
afterAll(async () => {
  await t?.close();
});

async function call(username: string, method: 'GET' | 'PUT', url: string, payload?: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(await t.login(username)),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

const friday = {
  opensDayOffset: -3,
  opensAt: '09:30',
  closesDaysBefore: 2,
  closesAt: '18:00',
  holidayShift: 'next_working_day',
  deliveryLagDays: 1,
};

async function storedRule(countyCode: string) {
  return t.db.db
    .selectFrom('ordering_window_rules')
    .selectAll()
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
}

describe('per-county window rules', () => {
  it('reads the default for a county with no rule of its own', async () => {
    const res = await call('xiaodian.planner', 'GET', `/api/ordering/window-rules/${xiaodian}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      countyCode: xiaodian,
      rule: {
        opensDayOffset: -2,
        opensAt: '12:00',
        closesDaysBefore: 1,
        closesAt: '23:59',
        holidayShift: 'next_working_day',
        deliveryLagDays: 1,
      },
      isDefault: true,
      updatedBy: null,
      updatedAt: null,
    });
  });

  it('sets a county’s rule (audited), and the county’s next window follows it', async () => {
    const page = async () =>
      (await call('shop.xiaodian', 'GET', '/api/ordering/my-order?cycleId=2022-W16')).body;
    const before = await page();
    // Default: opens Saturday 16 April 12:00 (+08) = 04:00Z.
    expect(before.window.opensAt).toBe('2022-04-16T04:00:00.000Z');

    const set = await call(
      'xiaodian.planner',
      'PUT',
      `/api/ordering/window-rules/${xiaodian}`,
      friday,
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ countyCode: xiaodian, rule: friday, isDefault: false });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', xiaodian)
      .where('action', '=', 'ordering.window_rule.set')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual(friday);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ opensDayOffset: -2 });

    const after = await page();
    // Opens Monday 18 April − 3 days = Friday 15 April, 09:30 (+08) = 01:30Z.
    expect(after.window.opensAt).toBe('2022-04-15T01:30:00.000Z');
    // Closes 2 days before the shop's order day, at the end of 18:00 (+08) = 10:00:59.999Z.
    const [y, m, d] = (after.orderDate as string).split('-').map(Number) as [
      number,
      number,
      number,
    ];
    const closeDay = new Date(Date.UTC(y, m - 1, d - 2)).toISOString().slice(0, 10);
    expect(after.window.closesAt).toBe(`${closeDay}T10:00:59.999Z`);
    expect(before.orderDate).toBe(after.orderDate);

    const read = await call('taiyuan', 'GET', `/api/ordering/window-rules/${xiaodian}`);
    expect(read.body).toMatchObject({ rule: friday, isDefault: false });
    expect(read.body.updatedAt).toBe(now.toISOString());
  });

  it('refuses bad rules with 400 and keeps the stored one', async () => {
    const stored = await storedRule(xiaodian);
    const cases: [string, Record<string, unknown>][] = [
      ['time out of range', { ...friday, opensAt: '24:00' }],
      ['not a time', { ...friday, closesAt: '6pm' }],
      ['open offset past Monday', { ...friday, opensDayOffset: 1 }],
      ['close offset of 0 days', { ...friday, closesDaysBefore: 0 }],
      ['fractional lag', { ...friday, deliveryLagDays: 1.5 }],
      ['unknown holiday rule', { ...friday, holidayShift: 'previous' }],
      ['unknown field', { ...friday, opensWeekday: 5 }],
      // Opens Saturday before the week, closes 7 days before a Monday order day: before it opens.
      ['closes before it opens', { ...friday, opensDayOffset: 0, closesDaysBefore: 7 }],
    ];
    for (const [label, body] of cases) {
      const res = await call(
        'xiaodian.planner',
        'PUT',
        `/api/ordering/window-rules/${xiaodian}`,
        body,
      );
      expect(res.status, label).toBe(400);
      expect(errorOf(res.response).code, label).toBe('VALIDATION_FAILED');
    }
    expect(await storedRule(xiaodian)).toEqual(stored);
  });

  it('lets a county planner set only its own county (403), and answers in English', async () => {
    const other = '140106';
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/ordering/window-rules/${other}`,
      headers: { ...bearer(await t.login('xiaodian.planner')), 'accept-language': 'en' },
      payload: friday,
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(errorOf(res).message).toBe('You are not allowed to do this');
    expect(await storedRule(other)).toBeUndefined();
    // Nor may an account manager (no order.manage), even in its own county.
    const am = await call('xiaodian.am', 'PUT', `/api/ordering/window-rules/${xiaodian}`, friday);
    expect(am.status).toBe(403);
    // A city manager may set any county of its city; an unknown county is 404.
    const city = await call('taiyuan', 'PUT', `/api/ordering/window-rules/${other}`, friday);
    expect(city.status).toBe(200);
    const unknown = await call('taiyuan', 'PUT', '/api/ordering/window-rules/140199', friday);
    expect(unknown.status).toBe(404);
  });
});
