import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/server/platform/clock';
import { clockSettingOf, loadConfig } from '../../src/server/platform/config';
import { bearer, startTestApp, type TestApp } from '../support/app';

/**
 * One server clock for every module (docs/architecture.md#where-state-lives): an app started at
 * 2022-04-16 14:00 in Shanghai answers by that instant in workforce and disruption, not only in
 * ordering.
 */
const instant = '2022-04-16T14:00:00+08:00';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock: () => new Date(instant) });
});
afterAll(async () => {
  await t?.close();
});

async function get(username: string, url: string) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: bearer(await t.login(username)),
  });
  return { status: response.statusCode, body: response.json() as any };
}

describe('the server clock', () => {
  it('gives workforce its day: the health report day is the clock’s date in Shanghai', async () => {
    const me = await get('xiaodian.am', '/api/workforce/me');
    expect(me.status).toBe(200);
    expect(me.body.date).toBe('2022-04-16');
  });

  it('gives disruption its "now": an area of that week is in force, the overview is at that instant', async () => {
    const sealedIn140105 = async () => {
      const overview = await get('admin', '/api/disruption/overview');
      expect(overview.status).toBe(200);
      expect(overview.body.at).toBe(new Date(instant).toISOString());
      return overview.body.counties.find((c: any) => c.countyCode === '140105')?.sealedAreas ?? 0;
    };
    const before = await sealedIn140105();
    // Lapsed years ago in real time; in force at the server's instant.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/areas',
      headers: bearer(await t.login('taiyuan.epi')),
      payload: {
        scheme: 'epidemic-2022',
        status: 'sealed',
        validFrom: '2022-04-10T00:00:00+08:00',
        validUntil: '2022-04-20T00:00:00+08:00',
        countyCodes: ['140105'],
      },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().area.active).toBe(true);
    expect(await sealedIn140105()).toBe(before + 1);
  });
});

describe('TONGXIN_CLOCK', () => {
  it('is read by the config only, checked, and runs from the instant it names', () => {
    expect(loadConfig({ TONGXIN_CLOCK: instant }).clock).toBe(instant);
    expect(loadConfig({}).clock).toBeNull();
    expect(() => clockSettingOf({ TONGXIN_CLOCK: 'next tuesday' })).toThrow(/TONGXIN_CLOCK/);
    const clock = clockFrom(instant);
    const now = clock().getTime();
    expect(now).toBeGreaterThanOrEqual(Date.parse(instant));
    expect(now).toBeLessThan(Date.parse(instant) + 60_000);
  });
});
