import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workforceCommand } from '../../src/cli/commands/workforce';
import { seedDemo } from '../../src/server/flows/demo';
import { purgeHealthReports } from '../../src/server/modules/workforce';
import { auditRow, insertAuditRows } from '../../src/server/platform/audit';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { openTestDatabase, testDialect } from '../support/database';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const note = '味觉减退-测试标记';
const place = '隔离酒店-测试标记-7F';
// 38.7 standing alone, not inside a longer number such as a coordinate.
const temperature = /(^|[^0-9.])38\.7([^0-9]|$)/;

function day(offset = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}
const post = async (url: string, user: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(await t.login(user)), payload });
const get = async (url: string, user: string) =>
  t.app.inject({ method: 'GET', url, headers: bearer(await t.login(user)) });

/** Every table of the database, from its own catalogue, as text per row. */
async function everyRow(db: Kysely<any>): Promise<{ table: string; text: string }[]> {
  const tables =
    testDialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
        ).rows
      : (
          await sql<{ name: string }>`select name from sqlite_master
            where type = 'table' and name not like 'sqlite_%'`.execute(db)
        ).rows;
  expect(tables.map((r) => r.name)).toEqual(
    expect.arrayContaining(['health_reports', 'audit_log', 'health_daily_counts']),
  );
  const out: { table: string; text: string }[] = [];
  for (const { name } of tables) {
    const rows = await db.selectFrom(name).selectAll().execute();
    for (const row of rows) out.push({ table: name, text: JSON.stringify(row) });
  }
  return out;
}

async function auditCount(action: string) {
  const row = await t.db.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('nothing health-derived outlives the retention', () => {
  it('purges reports and strips audit entries, keeping the fact that they happened', async () => {
    const listed = await get('/api/workforce/members?unit=LC140100&pageSize=5', 'taiyuan.epi');
    const staffId = (listed.json().items as { staffId: string }[])[0]!.staffId;
    const filed = await post('/api/workforce/health-reports', 'taiyuan.epi', {
      staffId,
      location: place,
      healthCode: 'red',
      temperature: 38.7,
      testKind: 'pcr',
      testDate: day(-1),
      testResult: 'positive',
      symptoms: ['fever'],
      workMode: 'quarantined',
      note,
    });
    expect(filed.statusCode).toBe(201);
    const flagged = await get(
      `/api/workforce/health-reports?unit=LC140100&date=${day()}&risk=flagged`,
      'taiyuan.epi',
    );
    expect(flagged.statusCode).toBe(200);
    // An entry written before swaps were audited in the neutral form.
    await insertAuditRows(t.db.db, [
      auditRow(
        {
          actor: {
            userId: 'usr_taiyuan_dispatch',
            role: 'logistics_dispatcher',
            companyId: '140100',
          },
        },
        {
          action: 'roster.swap',
          entityType: 'duty_shift',
          entityId: 'sft_old',
          companyId: '140100',
          before: { staffId, assignmentId: 'asg_old', reasons: ['mode', 'health_risk'] },
          after: { staffId: 'stf_other', assignmentId: 'asg_new' },
        },
      ),
    ]);

    const seeded = await everyRow(t.db.db);
    expect(seeded.some((r) => r.text.includes(note))).toBe(true);
    const auditText = (rows: { table: string; text: string }[]) =>
      rows.filter((r) => r.table === 'audit_log').map((r) => r.text);
    expect(auditText(seeded).some((s) => s.includes('quarantined'))).toBe(true);
    expect(auditText(seeded).some((s) => s.includes('health_risk'))).toBe(true);
    const kept = {
      onBehalf: await auditCount('health.report.on_behalf'),
      read: await auditCount('health.read'),
      swap: await auditCount('roster.swap'),
    };
    expect(kept.onBehalf).toBeGreaterThanOrEqual(1);
    expect(kept.read).toBeGreaterThanOrEqual(1);

    // Forty days on, all of it is past the 30-day retention.
    const later = new Date(Date.now() + 40 * 86_400_000);
    const result = await purgeHealthReports(t.db.db, later, { actor: null, via: 'schedule' });
    expect(result.auditStripped).toBeGreaterThanOrEqual(3);

    const after = await everyRow(t.db.db);
    for (const row of after) {
      expect(row.text, row.table).not.toContain(note);
      expect(row.text, row.table).not.toContain(place);
      expect(temperature.test(row.text), `${row.table}: ${row.text}`).toBe(false);
    }
    for (const text of auditText(after)) {
      for (const word of ['"workMode"', '"reasons"', 'health_risk', 'quarantined', '"risk"']) {
        expect(text).not.toContain(word);
      }
    }
    // The facts that a report was filed, read and a swap made stay, with who and whose.
    expect(await auditCount('health.report.on_behalf')).toBe(kept.onBehalf);
    expect(await auditCount('health.read')).toBe(kept.read);
    expect(await auditCount('roster.swap')).toBe(kept.swap);
    const filing = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_id', 'after_json'])
      .where('entity_id', '=', filed.json().report.id)
      .executeTakeFirstOrThrow();
    expect(filing.actor_id).toBe('usr_taiyuan_epi');
    expect(JSON.parse(filing.after_json!)).toEqual({ staffId, date: day() });
    const read = await t.db.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'health.read')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(read.after_json!)).toMatchObject({
      date: day(),
      staffCount: expect.any(Number),
    });

    // A second run has nothing left to strip.
    const again = await purgeHealthReports(t.db.db, later, { actor: null, via: 'schedule' });
    expect(again.auditStripped).toBe(0);
  });
});

describe('a manual purge names who ran it', () => {
  it('records the administrator behind the API call', async () => {
    const ran = await post('/api/workforce/purge', 'admin', { confirm: true });
    expect(ran.statusCode).toBe(200);
    const entry = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_role', 'ip', 'after_json'])
      .where('action', '=', 'health.purge')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: 'usr_admin', actor_role: 'admin', ip: '127.0.0.1' });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ via: 'api' });
  });

  it('needs --by on the command line and records that user and the OS account', async () => {
    const db = await openTestDatabase({ fileName: 'tongxin.db' });
    const saved = { ...process.env };
    try {
      await seedDemo(db.db, { scale: 'tiny', seed: 7 });
      if (db.url) process.env.DATABASE_URL = db.url;
      else process.env.TONGXIN_VAR_DIR = db.sqlitePath!.replace(/\/tongxin\.db$/, '');
      const purges = async () =>
        db.db
          .selectFrom('audit_log')
          .select(['actor_id', 'after_json'])
          .where('action', '=', 'health.purge')
          .execute();
      expect(await workforceCommand(['purge'])).toBe(2);
      expect(await workforceCommand(['purge', '--by', 'nobody-here'])).toBe(2);
      expect(await purges()).toEqual([]);
      expect(await workforceCommand(['purge', '--by', 'admin'])).toBe(0);
      const [entry] = await purges();
      expect(entry!.actor_id).toBe('usr_admin');
      expect(JSON.parse(entry!.after_json!)).toMatchObject({
        via: 'cli',
        osUser: expect.any(String),
      });
    } finally {
      process.env = saved;
      await db.dispose();
    }
  });
});
