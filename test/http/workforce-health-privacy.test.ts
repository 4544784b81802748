import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

// Roles without health.read (the dispatcher: roster.manage only) see a person as unavailable,
// never the health risk, the code colour or the mode behind it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function day(offset = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}
const post = async (url: string, user: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(await t.login(user)), payload });
const get = async (url: string, user: string) =>
  t.app.inject({ method: 'GET', url, headers: bearer(await t.login(user)) });

const healthWords = [
  '"health_risk"',
  '"mode"',
  '"red"',
  '"red_code"',
  'quarantined',
  '健康风险',
  '红码',
  '隔离',
  '38.7',
];

describe('health data in rosters for roles without health.read', () => {
  let sick: string;
  let well: string;
  let shiftId: string;

  beforeAll(async () => {
    const listed = await get(
      '/api/workforce/members?unit=LC140100&pageSize=200',
      'taiyuan.dispatch',
    );
    const members = listed.json().items as { staffId: string }[];
    [sick, well] = [members[0]!.staffId, members[1]!.staffId];
    const report = {
      location: '太原物流中心',
      testKind: 'pcr',
      testDate: day(-1),
      testResult: 'negative',
      symptoms: [],
    };
    const filedSick = await post('/api/workforce/health-reports', 'taiyuan.epi', {
      ...report,
      staffId: sick,
      healthCode: 'red',
      temperature: 38.7,
      workMode: 'quarantined',
    });
    expect(filedSick.statusCode).toBe(201);
    const filedWell = await post('/api/workforce/health-reports', 'taiyuan.epi', {
      ...report,
      staffId: well,
      healthCode: 'green',
      temperature: 36.4,
      workMode: 'on_site',
    });
    expect(filedWell.statusCode).toBe(201);
    const created = await post('/api/workforce/shifts', 'taiyuan.dispatch', {
      unit: 'LC140100',
      date: day(1),
      label: '白班（隐私）',
      start: '08:00',
      end: '20:00',
      minHeadcount: 1,
      requiredSkills: [],
      staffIds: [sick],
    });
    expect(created.statusCode).toBe(201);
    const shift = created.json().shift;
    shiftId = shift.id;
    // The creating dispatcher's own answer is already neutral.
    expect(shift.assignees[0]).toMatchObject({ available: false, reasons: ['unavailable'] });
    for (const word of healthWords) expect(created.body).not.toContain(word);
  });

  it('shows the dispatcher "unavailable" and the epidemic officer the reasons', async () => {
    const url = `/api/workforce/rosters?unit=LC140100&from=${day(1)}&days=1`;
    const dispatcher = await get(url, 'taiyuan.dispatch');
    expect(dispatcher.statusCode).toBe(200);
    const mine = (dispatcher.json().shifts as { id: string; assignees: unknown[] }[]).find(
      (s) => s.id === shiftId,
    )!;
    expect(mine.assignees[0]).toMatchObject({ staffId: sick, reasons: ['unavailable'] });
    for (const word of healthWords) expect(dispatcher.body).not.toContain(word);

    const officer = await get(url, 'taiyuan.epi');
    const theirs = (
      officer.json().shifts as { id: string; assignees: { reasons: string[] }[] }[]
    ).find((s) => s.id === shiftId)!;
    expect(theirs.assignees[0]!.reasons).toEqual(['mode', 'health_risk']);
  });

  it('refuses a swap to the sick person without saying why', async () => {
    const other = await post('/api/workforce/shifts', 'taiyuan.dispatch', {
      unit: 'LC140100',
      date: day(1),
      label: '夜班（隐私）',
      start: '20:00',
      end: '08:00',
      minHeadcount: 1,
      requiredSkills: [],
      staffIds: [well],
    });
    expect(other.statusCode).toBe(201);
    const otherId = other.json().shift.id as string;
    const refused = await post(`/api/workforce/shifts/${otherId}/swap`, 'taiyuan.dispatch', {
      outStaffId: well,
      inStaffId: sick,
    });
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).details).toEqual({ reasons: ['unavailable'] });
    expect(errorOf(refused).message).toContain('不可到岗');
    for (const word of healthWords) expect(refused.body).not.toContain(word);
  });

  it('exports the roster with the person marked 不可到岗 and no health fact', async () => {
    const response = await get(
      `/api/workforce/rosters/export?unit=LC140100&from=${day(1)}&days=1`,
      'taiyuan.dispatch',
    );
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
    );
    const text = cells.join('\n');
    expect(text).toContain('（不可到岗）');
    for (const word of ['健康风险', '红码', '隔离', 'health_risk', 'quarantined', '38.7']) {
      expect(text).not.toContain(word);
    }
  });
});
