import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Page {
  items: {
    id: string;
    name: string;
    countyCode: string;
    cityCode: string;
    grade: number;
    businessType: string;
    licenceNo: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

async function list(token: string, query: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/retailers?${query}`,
    headers: bearer(token),
  });
  return { status: response.statusCode, body: response.json() as Page, response };
}

describe('GET /api/retailers', () => {
  it('paginates the caller’s scope with a total', async () => {
    const token = await t.login('analyst');
    const first = await list(token, 'pageSize=25');
    const second = await list(token, 'pageSize=25&page=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(25);
    const total = await t.db.db
      .selectFrom('retailers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(first.body.total).toBe(Number(total.n));
    const ids = new Set([...first.body.items, ...second.body.items].map((r) => r.id));
    expect(ids.size).toBe(50);
    const licences = first.body.items.map((r) => r.licenceNo);
    expect([...licences].sort()).toEqual(licences);
  });

  it('filters by county, grade range and business type together', async () => {
    const token = await t.login('analyst');
    const { body } = await list(
      token,
      'countyCode=140105&gradeMin=3&gradeMax=12&businessType=grocery&pageSize=200',
    );
    expect(body.total).toBeGreaterThan(0);
    for (const r of body.items) {
      expect(r.countyCode).toBe('140105');
      expect(r.grade).toBeGreaterThanOrEqual(3);
      expect(r.grade).toBeLessThanOrEqual(12);
      expect(r.businessType).toBe('grocery');
    }
    const direct = await t.db.db
      .selectFrom('retailers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('county_code', '=', '140105')
      .where('grade', '>=', 3)
      .where('grade', '<=', 12)
      .where('business_type', '=', 'grocery')
      .executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(direct.n));
  });

  it('searches by a name fragment and by licence number', async () => {
    const token = await t.login('analyst');
    const sample = await t.db.db
      .selectFrom('retailers')
      .select(['name', 'licence_no'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const fragment = sample.name.slice(0, 2);
    const byName = await list(token, `q=${encodeURIComponent(fragment)}&pageSize=200`);
    expect(byName.body.total).toBeGreaterThan(0);
    expect(
      byName.body.items.every((r) => r.name.includes(fragment) || r.licenceNo.includes(fragment)),
    ).toBe(true);
    const byLicence = await list(token, `q=${sample.licence_no}`);
    expect(byLicence.body.items.map((r) => r.licenceNo)).toEqual([sample.licence_no]);
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    const token = await t.login('analyst');
    const { body } = await list(token, `q=${encodeURIComponent('%_%')}`);
    expect(body.total).toBe(0);
  });

  it('sorts by grade descending', async () => {
    const token = await t.login('taiyuan');
    const { body } = await list(token, 'sort=-grade&pageSize=50');
    const grades = body.items.map((r) => r.grade);
    expect([...grades].sort((a, b) => b - a)).toEqual(grades);
  });

  it('keeps a city manager inside the city and a county user inside the county', async () => {
    const city = await list(await t.login('datong'), 'pageSize=200');
    expect(city.body.items.every((r) => r.cityCode === '140200')).toBe(true);
    const otherCity = await list(await t.login('datong'), 'cityCode=140100');
    expect(otherCity.body.total).toBe(0);
    const county = await list(await t.login('xiaodian.am'), 'pageSize=200');
    expect(county.body.items.every((r) => r.countyCode === '140105')).toBe(true);
  });

  it('shows a retailer only itself', async () => {
    const token = await t.login('shop.xiaodian');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    const ownId = me.json().user.retailerId as string;
    const { body } = await list(token, 'pageSize=5');
    expect(body.items.map((r) => r.id)).toEqual([ownId]);
    expect(body.total).toBe(1);
    const neighbour = await t.db.db
      .selectFrom('retailers')
      .select(['id'])
      .where('county_code', '=', '140105')
      .where('id', '!=', ownId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/retailers/${neighbour.id}`,
      headers: bearer(token),
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses wrong types and unknown filters with the field path', async () => {
    const token = await t.login('analyst');
    const bad = await list(token, 'gradeMin=high&colour=red');
    expect(bad.status).toBe(400);
    const error = errorOf(bad.response);
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = (error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain('querystring.gradeMin');
    expect(paths).toContain('querystring');
    const tooBig = await list(token, 'pageSize=100000');
    expect(tooBig.status).toBe(400);
    const badCounty = await list(token, 'countyCode=110105');
    expect(badCounty.status).toBe(400);
    const longQuery = await list(token, `q=${'x'.repeat(500)}`);
    expect(longQuery.status).toBe(400);
  });
});

describe('GET /api/retailers/:id', () => {
  it('returns the detail with account manager and delivery line', async () => {
    const token = await t.login('xiaodian.am');
    const row = await t.db.db
      .selectFrom('retailers')
      .select(['id', 'licence_no'])
      .where('county_code', '=', '140105')
      .limit(1)
      .executeTakeFirstOrThrow();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/retailers/${row.id}`,
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(200);
    const { retailer } = response.json();
    expect(retailer).toMatchObject({
      id: row.id,
      licenceNo: row.licence_no,
      countyName: '小店区',
      cityName: '太原市',
    });
    expect(retailer.accountManager?.name).toBeTruthy();
    expect(retailer.deliveryLine?.name).toContain('小店区');
  });

  it('reports another scope’s retailer as not found, in the user’s language', async () => {
    const token = await t.login('datong');
    const row = await t.db.db
      .selectFrom('retailers')
      .select(['id'])
      .where('city_code', '=', '140100')
      .limit(1)
      .executeTakeFirstOrThrow();
    const zh = await t.app.inject({
      method: 'GET',
      url: `/api/retailers/${row.id}`,
      headers: bearer(token),
    });
    expect(zh.statusCode).toBe(404);
    expect(errorOf(zh)).toMatchObject({
      code: 'OUT_OF_SCOPE',
      message: '未找到该零售户，或不在您的数据范围内',
    });
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/retailers/${row.id}?lang=en`,
      headers: bearer(token),
    });
    expect(errorOf(en).message).toBe('No such retailer within your data scope');
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/retailers/rtl_nope',
      headers: bearer(token),
    });
    expect(errorOf(missing)).toEqual(errorOf(zh));
  });
});
