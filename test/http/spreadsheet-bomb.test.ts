import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipBomb } from '../support/zip-bomb';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await startTestApp();
  adminToken = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const tables = [
  'audit_log',
  'disruption_areas',
  'products',
  'supply_positions',
  'supply_plans',
  'staff',
  'workforce_members',
];

async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const week = '2022-W20';
/** Every route that reads an uploaded spreadsheet. */
const importRoutes = [
  '/api/areas/import',
  '/api/products/import',
  `/api/supply/targets/import?cityCode=140100&week=${week}`,
  `/api/supply/positions/import?cityCode=140100&week=${week}`,
  '/api/workforce/members/import',
];

describe('a zip bomb uploaded as xlsx', () => {
  // 640 MiB of zeros in ~660 KB of zip: as large as the contracts' 900,000 base64 characters allow.
  const honest = zipBomb(640).toString('base64');
  const lying = zipBomb(640, { lie: true }).toString('base64');

  it('is refused by every import route with 413 before any workbook is parsed, writing nothing', async () => {
    expect(honest.length).toBeLessThanOrEqual(900_000);
    const before = await rowCounts();
    for (const url of importRoutes) {
      for (const [label, content] of [
        ['declared size', honest],
        ['lying header', lying],
      ] as const) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { ...bearer(adminToken), 'accept-language': 'en' },
          payload: { format: 'xlsx', content },
        });
        expect(response.statusCode, `${url}: ${label}`).toBe(413);
        const error = errorOf(response);
        expect(error.code, `${url}: ${label}`).toBe('SPREADSHEET_TOO_LARGE');
        expect(error.message).toBe(
          'The spreadsheet is too large once unpacked (at most 1000 entries and 64 MB in all); nothing was imported',
        );
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('is refused in Chinese by default', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/products/import',
      headers: bearer(adminToken),
      payload: { format: 'xlsx', content: lying },
    });
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).message).toBe(
      '表格文件解压后过大（最多 1000 个条目、共 64 MB），未导入任何内容',
    );
  });
});
