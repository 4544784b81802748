import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskFlags } from '../../src/contracts/workforce';
import { createUser } from '../../src/server/modules/identity';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
const password = 'Datong-Officer-2022';

beforeAll(async () => {
  t = await startTestApp();
  // An epidemic officer of another company (Datong) and one of the province company.
  await createUser(
    t.db.db,
    t.app.state.org,
    {
      username: 'datong.epi',
      password,
      displayName: '大同防控',
      role: 'epidemic_officer',
      unitCode: '140200',
      staffId: 'stf_140200_epidemic_officer001',
    },
    null,
  );
});
afterAll(async () => {
  await t?.close();
});

async function loginAs(username: string, pass: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: pass },
  });
  expect(response.statusCode).toBe(200);
  return response.json().token as string;
}

function todayShanghai(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const report = {
  location: '太原市小店区',
  healthCode: 'green',
  temperature: 36.5,
  testKind: 'pcr',
  testDate: todayShanghai(-1),
  testResult: 'negative',
  symptoms: [],
  workMode: 'on_site',
};

async function count(table: string, where?: [string, string]) {
  let q = t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0], '=', where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function post(url: string, token: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object });
}
async function get(url: string, token: string) {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}

describe('daily health report', () => {
  it('lets a staff member report, and a later report that day replaces the earlier one', async () => {
    const token = await t.login('xiaodian.staff');
    const first = await post('/api/workforce/health-reports', token, report);
    expect(first.statusCode).toBe(201);
    const filed = first.json().report;
    expect(filed).toMatchObject({
      staffId: 'stf_140105_clerk001',
      date: todayShanghai(),
      workMode: 'on_site',
      temperature: 36.5,
      current: true,
      onBehalf: false,
      flags: [],
    });
    const second = await post('/api/workforce/health-reports', token, {
      ...report,
      workMode: 'home_office',
      temperature: 37.4,
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().report.flags).toEqual(['fever']);

    const day = await get('/api/workforce/me', token);
    expect(day.statusCode).toBe(200);
    const body = day.json();
    expect(body.today).toMatchObject({ id: second.json().report.id, workMode: 'home_office' });
    const todays = (body.history as { date: string; current: boolean; id: string }[]).filter(
      (r) => r.date === todayShanghai(),
    );
    // The demo's report of the day, the first and the second: history keeps all, one current.
    expect(todays.filter((r) => r.current).map((r) => r.id)).toEqual([second.json().report.id]);
    expect(todays.map((r) => r.id)).toContain(filed.id);
    expect(body.proposedMode).toBeNull();
  });

  it('refuses bad input with 4xx and saves nothing', async () => {
    const token = await t.login('xiaodian.staff');
    const before = await count('health_reports');
    const cases: [unknown, number][] = [
      [{ ...report, temperature: 33.9 }, 400],
      [{ ...report, temperature: 43.1 }, 400],
      [{ ...report, temperature: '36.5' }, 400],
      [{ ...report, workMode: 'partying' }, 400],
      [{ ...report, healthCode: 'blue' }, 400],
      [{ ...report, date: todayShanghai(1) }, 422],
      [{ ...report, date: todayShanghai(-30) }, 422],
      [{ ...report, date: '2022-02-30' }, 400],
      [{ ...report, testDate: todayShanghai(1) }, 422],
      [{ ...report, testDate: null }, 422],
      [{ ...report, staffId: 'stf_140105_clerk002' }, 403],
      [{ ...report, location: 'x'.repeat(101) }, 400],
      [{ ...report, extra: 1 }, 400],
    ];
    for (const [payload, status] of cases) {
      const response = await post('/api/workforce/health-reports', token, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(errorOf(response).message.length).toBeGreaterThan(0);
    }
    expect(await count('health_reports')).toBe(before);
  });

  it('answers in English on request', async () => {
    const token = await t.login('xiaodian.staff');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/workforce/health-reports?lang=en',
      headers: bearer(token),
      payload: { ...report, date: todayShanghai(2) },
    });
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).message).toMatch(/future/);
  });

  it('lets the company officer file for someone who cannot, audited as on behalf', async () => {
    const officer = await t.login('taiyuan.epi');
    const response = await post('/api/workforce/health-reports', officer, {
      ...report,
      staffId: 'stf_140105_clerk002',
      workMode: 'quarantined',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().report).toMatchObject({ onBehalf: true, workMode: 'quarantined' });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_id', '=', response.json().report.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('health.report.on_behalf');
    // The trail names the day and mode, never the health facts.
    expect(audit.after_json).not.toMatch(/temperature|healthCode/);
  });
});

describe('privacy of health data', () => {
  it('shows a unit’s reports to the officer of the same company and audits the read', async () => {
    const officer = await t.login('taiyuan.epi');
    const before = await count('audit_log', ['action', 'health.read']);
    const response = await get(
      `/api/workforce/health-reports?unit=140105&date=${todayShanghai()}`,
      officer,
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { staffId: string; unitCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.unitCode === '140105')).toBe(true);
    expect(await count('audit_log', ['action', 'health.read'])).toBe(before + 1);
    const history = await get('/api/workforce/health-reports/staff/stf_140105_clerk001', officer);
    expect(history.statusCode).toBe(200);
    expect(await count('audit_log', ['action', 'health.read'])).toBe(before + 2);
  });

  it('refuses the officer of another company and leaves a trace of the attempt', async () => {
    const datong = await loginAs('datong.epi', password);
    const list = await get('/api/workforce/health-reports?unit=140105', datong);
    expect(list.statusCode).toBe(404);
    expect(errorOf(list).code).toBe('OUT_OF_SCOPE');
    const person = await get('/api/workforce/health-reports/staff/stf_140105_clerk001', datong);
    expect(person.statusCode).toBe(404);
    const refused = await t.db.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'health.read.refused')
      .execute();
    expect(refused.map((r) => r.entity_id)).toContain('stf_140105_clerk001');
    const ownCompany = await get('/api/workforce/health-reports?unit=140200', datong);
    expect(ownCompany.statusCode).toBe(200);
  });

  it('refuses roles without health access, even the administrator', async () => {
    for (const user of ['admin', 'taiyuan', 'analyst', 'taiyuan.dispatch']) {
      const token = await t.login(user);
      const response = await get('/api/workforce/health-reports?unit=140105', token);
      expect(response.statusCode, user).toBe(403);
    }
    const colleague = await t.login('xiaodian.licence');
    const other = await get('/api/workforce/health-reports/staff/stf_140105_clerk001', colleague);
    expect(other.statusCode).toBe(404);
  });
});

describe('availability', () => {
  it('matches the reports: unable = neither on site nor on duty, ratio over head-count', async () => {
    const officer = await t.login('taiyuan.epi');
    const manager = await t.login('taiyuan');
    const date = todayShanghai();
    const reports = (
      await get(`/api/workforce/health-reports?unit=140105&date=${date}`, officer)
    ).json().items as { workMode: string; flags: string[] }[];
    const members = (await get('/api/workforce/members?unit=140105&pageSize=200', manager)).json();
    const response = await get(`/api/workforce/availability?unit=140105&date=${date}`, manager);
    expect(response.statusCode).toBe(200);
    const a = response.json();
    const byMode = (mode: string) => reports.filter((r) => r.workMode === mode).length;
    const unable = reports.filter(
      (r) => r.workMode !== 'on_site' && r.workMode !== 'on_duty',
    ).length;
    expect(a.headcount).toBe(members.total);
    expect(a.reported).toBe(reports.length);
    expect(a.onSite).toBe(byMode('on_site'));
    expect(a.onDuty).toBe(byMode('on_duty'));
    expect(a.homeOffice).toBe(byMode('home_office'));
    expect(a.unableOnSite).toBe(unable);
    expect(a.unableRatio).toBe(Math.round((unable / members.total) * 10000) / 10000);
    expect(a.byMode.quarantined).toBe(byMode('quarantined'));
    expect(a.missing).toBe(members.total - reports.length);
    // The database's risk counts agree with the flags the rules give each report.
    for (const flag of riskFlags) {
      expect(a.risk[flag], flag).toBe(reports.filter((r) => r.flags.includes(flag)).length);
    }
    expect(a.risk.fever).toBeGreaterThanOrEqual(1);

    const city = (
      await get(`/api/workforce/availability?unit=140100&date=${date}`, manager)
    ).json();
    const row = (city.children as { code: string }[]).find((c) => c.code === '140105');
    expect(row).toMatchObject({
      headcount: a.headcount,
      unableOnSite: a.unableOnSite,
      onSite: a.onSite,
    });
    const sum = (city.children as { headcount: number }[]).reduce((s, c) => s + c.headcount, 0);
    expect(sum).toBe(city.headcount);

    // A suspected case today (fever with a symptom) in the city ends its 双零 streak: the day
    // itself had an alarm, so the streak is 0 days whatever the days before held.
    const suspected = await post('/api/workforce/health-reports', await t.login('xiaodian.staff'), {
      ...report,
      workMode: 'home_office',
      temperature: 38.2,
      symptoms: ['cough'],
    });
    expect(suspected.statusCode).toBe(201);
    const after = (
      await get(`/api/workforce/availability?unit=140100&date=${date}`, manager)
    ).json();
    expect(after.zeroStreakDays).toBe(0);
  });

  it('lists who has not reported, and refuses units outside the scope', async () => {
    const manager = await t.login('taiyuan');
    const date = todayShanghai();
    const missing = await get(`/api/workforce/missing?unit=140105&date=${date}`, manager);
    expect(missing.statusCode).toBe(200);
    const a = (await get(`/api/workforce/availability?unit=140105&date=${date}`, manager)).json();
    expect(missing.json().items).toHaveLength(a.missing);
    expect(missing.json().cutoff).toBe('10:00');
    const outside = await get('/api/workforce/availability?unit=140200', manager);
    expect(outside.statusCode).toBe(404);
    const trend = await get('/api/workforce/availability/trend?unit=140100&trendDays=3', manager);
    expect(trend.statusCode).toBe(200);
    expect(trend.json().trend).toHaveLength(3);
    expect(trend.json().trend[2].date).toBe(date);
  });
});

describe('travel approvals', () => {
  it('refuses a return before the departure, and a refusal without a reason', async () => {
    const staff = await t.login('xiaodian.staff');
    const head = await t.login('xiaodian.planner');
    const before = await count('travel_requests');
    const bad = await post('/api/workforce/travel', staff, {
      destination: '北京市',
      scope: 'out_of_province',
      purpose: '家属就医',
      essential: true,
      departOn: todayShanghai(3),
      returnOn: todayShanghai(2),
    });
    expect(bad.statusCode).toBe(400);
    expect(await count('travel_requests')).toBe(before);

    const applied = await post('/api/workforce/travel', staff, {
      destination: '北京市',
      scope: 'out_of_province',
      purpose: '旅游',
      essential: false,
      departOn: todayShanghai(1),
      returnOn: todayShanghai(4),
    });
    expect(applied.statusCode).toBe(201);
    const id = applied.json().travel.id as string;
    const noReason = await post(`/api/workforce/travel/${id}/decision`, head, {
      decision: 'refuse',
    });
    expect(noReason.statusCode).toBe(422);
    const staffTry = await post(`/api/workforce/travel/${id}/decision`, staff, {
      decision: 'approve',
    });
    expect(staffTry.statusCode).toBe(403);
    const refused = await post(`/api/workforce/travel/${id}/decision`, head, {
      decision: 'refuse',
      reason: '非必要不出行',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().travel).toMatchObject({
      status: 'refused',
      decisionReason: '非必要不出行',
    });
    const again = await post(`/api/workforce/travel/${id}/decision`, head, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
  });

  it('lists an approved traveller as away on the days of the trip', async () => {
    const staff = await t.login('xiaodian.staff');
    const head = await t.login('xiaodian.planner');
    const applied = await post('/api/workforce/travel', staff, {
      destination: '石家庄市',
      scope: 'out_of_province',
      purpose: '业务协调',
      essential: true,
      departOn: todayShanghai(),
      returnOn: todayShanghai(2),
    });
    const id = applied.json().travel.id as string;
    expect(
      (await post(`/api/workforce/travel/${id}/decision`, head, { decision: 'approve' }))
        .statusCode,
    ).toBe(200);
    const away = await get(`/api/workforce/travel?unit=140105&awayOn=${todayShanghai(1)}`, head);
    expect((away.json().items as { id: string }[]).map((i) => i.id)).toContain(id);
    const notYet = await get(`/api/workforce/travel?unit=140105&awayOn=${todayShanghai(3)}`, head);
    expect((notYet.json().items as { id: string }[]).map((i) => i.id)).not.toContain(id);
    const mine = await get('/api/workforce/travel?mine=true', staff);
    expect((mine.json().items as { id: string }[]).map((i) => i.id)).toContain(id);
    const unitList = await get('/api/workforce/travel?unit=140105', staff);
    expect(unitList.statusCode).toBe(403);
  });
});

describe('volunteer service', () => {
  // A 1×1 PNG.
  const png =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

  it('logs hours with a photo and adds them to the totals and the leaderboard', async () => {
    const staff = await t.login('xiaodian.staff');
    const manager = await t.login('taiyuan');
    const before = (await get('/api/workforce/volunteer/summary?unit=140105', manager)).json();
    const logged = await post('/api/workforce/volunteer', staff, {
      community: '小店区坞城社区',
      date: todayShanghai(),
      hours: 3.5,
      type: 'test_registration',
      photo: png,
    });
    expect(logged.statusCode).toBe(201);
    expect(logged.json().entry).toMatchObject({ hours: 3.5, hasPhoto: true });
    const after = (await get('/api/workforce/volunteer/summary?unit=140105', manager)).json();
    expect(after.totalHours).toBeCloseTo(before.totalHours + 3.5, 5);
    const type = (after.byType as { type: string; hours: number }[]).find(
      (x) => x.type === 'test_registration',
    );
    expect(type!.hours).toBeGreaterThanOrEqual(3.5);
    expect((after.leaderboard as { staffId: string }[]).map((l) => l.staffId)).toContain(
      'stf_140105_clerk001',
    );
    const photo = await get(`/api/workforce/volunteer/${logged.json().entry.id}/photo`, manager);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('refuses quarter hours, a future day and a fake image', async () => {
    const staff = await t.login('xiaodian.staff');
    const before = await count('volunteer_logs');
    const base = { community: '社区', date: todayShanghai(), hours: 2, type: 'supplies' };
    expect(
      (await post('/api/workforce/volunteer', staff, { ...base, hours: 1.25 })).statusCode,
    ).toBe(400);
    expect((await post('/api/workforce/volunteer', staff, { ...base, hours: 0 })).statusCode).toBe(
      400,
    );
    expect(
      (await post('/api/workforce/volunteer', staff, { ...base, date: todayShanghai(1) }))
        .statusCode,
    ).toBe(422);
    const fake = await post('/api/workforce/volunteer', staff, {
      ...base,
      photo: 'data:image/png;base64,aGVsbG8gd29ybGQ=',
    });
    expect(fake.statusCode).toBe(400);
    expect(await count('volunteer_logs')).toBe(before);
  });
});

describe('staff registry import', () => {
  it('imports nothing when one row is bad, reporting the row', async () => {
    const admin = await t.login('admin');
    const before = await count('workforce_members');
    const staffBefore = await count('staff');
    const csv = [
      'staff_id,name,unit_code,position,phone,home_lon,home_lat,skills',
      'stf_imp_a,赵一,140105,clerk,13900000001,112.56,37.79,office',
      'stf_imp_b,钱二,NOWHERE,clerk,13900000002,112.56,37.79,office',
    ].join('\n');
    const response = await post('/api/workforce/members/import', admin, {
      format: 'csv',
      content: csv,
    });
    expect(response.statusCode).toBe(422);
    const rows = (errorOf(response).details as { rows: { row: number; errors: string[] }[] }).rows;
    expect(rows).toEqual([
      {
        row: 3,
        staffId: 'stf_imp_b',
        ok: false,
        errors: ['unit_code: unknown or outside your scope'],
      },
    ]);
    expect(await count('workforce_members')).toBe(before);
    expect(await count('staff')).toBe(staffBefore);
  });

  it('imports a good xlsx sheet into the registry and the org staff list', async () => {
    const admin = await t.login('admin');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('staff');
    sheet.addRow(['工号', '姓名', '单位代码', '岗位', '电话', '经度', '纬度', '技能']);
    sheet.addRow([
      'stf_imp_c',
      '孙三',
      'LC140100',
      'warehouse_keeper',
      '13900000003',
      112.6,
      37.76,
      'warehouse、receiving',
    ]);
    sheet.addRow(['stf_imp_d', '李四', '140105', 'clerk', '', '', '', 'office']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const dry = await post('/api/workforce/members/import', admin, {
      format: 'xlsx',
      content,
      dryRun: true,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ imported: 0, dryRun: true });
    const response = await post('/api/workforce/members/import', admin, {
      format: 'xlsx',
      content,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().imported).toBe(2);
    const manager = await t.login('taiyuan');
    const listed = await get('/api/workforce/members?unit=LC140100&q=stf_imp_c', manager);
    expect(listed.json().items[0]).toMatchObject({
      staffId: 'stf_imp_c',
      skills: ['warehouse', 'receiving'],
      homeCountyCode: expect.stringMatching(/^1401\d\d$/),
    });
    expect(await count('staff', ['id', 'stf_imp_d'])).toBe(1);
    const twice = await post('/api/workforce/members/import', admin, { format: 'xlsx', content });
    expect(twice.statusCode).toBe(422);
  });
});
