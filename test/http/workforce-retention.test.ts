import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeHealthReports } from '../../src/server/modules/workforce';
import { bearer, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const schedule = { actor: null, via: 'schedule' } as const;

function day(offset = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

async function countAll(table: string) {
  return Number(
    (
      await t.db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe('retention of health data', () => {
  it('keeps reports younger than the retention and touches nothing', async () => {
    const before = await countAll('health_reports');
    const result = await purgeHealthReports(t.db.db, new Date(), schedule);
    expect(result).toMatchObject({ purged: 0, rolledUpDays: 0, before: day(-30) });
    expect(await countAll('health_reports')).toBe(before);
  });

  it('purges reports past retention into anonymous counts that still answer availability', async () => {
    const token = await t.login('taiyuan');
    const dates = [day(-2), day(-1), day()];
    const before = new Map<
      string,
      { byMode: Record<string, number>; unableOnSite: number; reported: number }
    >();
    for (const date of dates) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/workforce/availability?unit=140100&date=${date}`,
        headers: bearer(token),
      });
      before.set(date, r.json());
    }
    const current = Number(
      (
        await t.db.db
          .selectFrom('health_reports')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('is_current', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(current).toBeGreaterThan(0);

    // Forty days on, every demo report is past the 30-day retention.
    const later = new Date(Date.now() + 40 * 86_400_000);
    const result = await purgeHealthReports(t.db.db, later, schedule);
    expect(result.purged).toBeGreaterThanOrEqual(current);
    expect(result.rolledUpDays).toBe(3);
    expect(await countAll('health_reports')).toBe(0);

    const rollup = await t.db.db.selectFrom('health_daily_counts').selectAll().execute();
    expect(rollup.reduce((sum, r) => sum + Number(r.reports), 0)).toBe(current);
    // Anonymous: no person, no health fact, only unit, day, mode and counts.
    expect(Object.keys(rollup[0]!).sort()).toEqual(
      [
        'company_id',
        'infected',
        'report_date',
        'reports',
        'suspected',
        'unit_code',
        'unit_path',
        'work_mode',
      ].sort(),
    );

    for (const date of dates) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/workforce/availability?unit=140100&date=${date}`,
        headers: bearer(token),
      });
      const after = r.json();
      expect(after.byMode, date).toEqual(before.get(date)!.byMode);
      expect(after.unableOnSite).toBe(before.get(date)!.unableOnSite);
    }
    const trend = await t.app.inject({
      method: 'GET',
      url: '/api/workforce/availability/trend?unit=140100&trendDays=3',
      headers: bearer(token),
    });
    expect(trend.json().trend.map((d: { reported: number }) => d.reported)).toEqual(
      dates.map((d) => before.get(d)!.reported),
    );
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'health.purge')
      .execute();
    expect(audit.length).toBe(2);

    // Running again finds nothing and counts nothing twice.
    const again = await purgeHealthReports(t.db.db, later, schedule);
    expect(again.purged).toBe(0);
    const rollupAgain = await t.db.db.selectFrom('health_daily_counts').selectAll().execute();
    expect(rollupAgain.reduce((sum, r) => sum + Number(r.reports), 0)).toBe(current);
  });

  it('lets only the configurer run the purge, and validates the settings', async () => {
    const admin = await t.login('admin');
    const officer = await t.login('taiyuan.epi');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/workforce/purge',
      headers: bearer(officer),
      payload: { confirm: true },
    });
    expect(denied.statusCode).toBe(403);
    const ran = await t.app.inject({
      method: 'POST',
      url: '/api/workforce/purge',
      headers: bearer(admin),
      payload: { confirm: true },
    });
    expect(ran.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/workforce/settings',
      headers: bearer(admin),
      payload: { reportCutoff: '10:00', retentionDays: 3, testIntervalDays: 3 },
    });
    expect(bad.statusCode).toBe(400);
    const good = await t.app.inject({
      method: 'PUT',
      url: '/api/workforce/settings',
      headers: bearer(admin),
      payload: { reportCutoff: '09:30', retentionDays: 14, testIntervalDays: 2 },
    });
    expect(good.statusCode).toBe(200);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/workforce/settings',
      headers: bearer(officer),
    });
    expect(read.json().settings).toEqual({
      reportCutoff: '09:30',
      retentionDays: 14,
      testIntervalDays: 2,
    });
  });
});
