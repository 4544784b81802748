import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/org/units', () => {
  it('lists the 11 cities and 117 counties of Shanxi with their GB/T 2260 codes', async () => {
    const token = await t.login('analyst');
    const cities = await t.app.inject({
      method: 'GET',
      url: '/api/org/units?level=city',
      headers: bearer(token),
    });
    const counties = await t.app.inject({
      method: 'GET',
      url: '/api/org/units?level=county',
      headers: bearer(token),
    });
    const cityItems = cities.json().items as { code: string; name: string; parentCode: string }[];
    const countyItems = counties.json().items as {
      code: string;
      name: string;
      parentCode: string;
      level: string;
    }[];
    expect(cityItems).toHaveLength(11);
    expect(countyItems).toHaveLength(117);
    expect(cityItems.map((c) => c.code)).toEqual([
      '140100',
      '140200',
      '140300',
      '140400',
      '140500',
      '140600',
      '140700',
      '140800',
      '140900',
      '141000',
      '141100',
    ]);
    expect(cityItems[0]).toMatchObject({
      code: '140100',
      name: '太原市',
      level: 'city',
      parentCode: '140000',
    });
    expect(countyItems.find((c) => c.code === '140105')).toMatchObject({
      name: '小店区',
      parentCode: '140100',
    });
    expect(countyItems.find((c) => c.code === '140703')).toMatchObject({
      name: '太谷区',
      parentCode: '140700',
    });
    expect(new Set(countyItems.map((c) => c.code)).size).toBe(117);
    for (const county of countyItems) {
      expect(county.code).toMatch(/^14\d{4}$/);
      expect(county.code.slice(0, 4)).toBe(county.parentCode.slice(0, 4));
    }
  });

  it('has one logistics centre per city', async () => {
    const token = await t.login('admin');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/org/units?level=logistics',
      headers: bearer(token),
    });
    const items = response.json().items as { code: string; parentCode: string }[];
    expect(items).toHaveLength(11);
    expect(items.map((i) => i.code)).toContain('LC140100');
  });

  it('limits units to the caller’s subtree', async () => {
    const city = await t.login('taiyuan');
    const county = await t.login('xiaodian.planner');
    const cityView = await t.app.inject({
      method: 'GET',
      url: '/api/org/units?level=county',
      headers: bearer(city),
    });
    expect(
      (cityView.json().items as { parentCode: string }[]).every((u) => u.parentCode === '140100'),
    ).toBe(true);
    expect(cityView.json().items).toHaveLength(10);
    const countyView = await t.app.inject({
      method: 'GET',
      url: '/api/org/units',
      headers: bearer(county),
    });
    expect((countyView.json().items as { code: string }[]).map((u) => u.code)).toEqual(['140105']);
  });

  it('reports a unit outside the scope as not found', async () => {
    const token = await t.login('taiyuan');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/org/units/140211',
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('OUT_OF_SCOPE');
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/org/units/140105',
      headers: bearer(token),
    });
    expect(own.json().unit.name).toBe('小店区');
  });

  it('refuses an unknown level with 400 naming the field', async () => {
    const token = await t.login('analyst');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/org/units?level=galaxy',
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      expect.objectContaining({ path: 'querystring.level' }),
    ]);
  });
});

describe('GET /api/geo/counties', () => {
  it('serves the 117 county shapes as GeoJSON', async () => {
    const token = await t.login('analyst');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/geo/counties',
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(200);
    const collection = response.json() as {
      features: { properties: { code: string }; geometry: { type: string } }[];
    };
    expect(collection.features).toHaveLength(117);
    expect(['Polygon', 'MultiPolygon']).toContain(collection.features[0]!.geometry.type);
  });
});

describe('GET /api/health', () => {
  it('reports the database kind and the server’s clock', async () => {
    const before = Date.now();
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toMatchObject({ status: 'ok', database: t.db.dialect });
    // No TONGXIN_CLOCK here: the business clock is real time.
    const now = Date.parse(response.json().now);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('GET /api/overview', () => {
  it('gives headline counts of the caller’s scope that add up with the county figures', async () => {
    const token = await t.login('taiyuan');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: bearer(token),
    });
    const body = response.json();
    expect(body.headline.cities).toBe(1);
    expect(body.headline.counties).toBe(10);
    const sum = (body.byCounty as { retailers: number }[]).reduce((a, c) => a + c.retailers, 0);
    expect(sum).toBe(body.headline.retailers);
    expect(body.byCounty.every((c: { cityCode: string }) => c.cityCode === '140100')).toBe(true);
    const direct = await t.db.db
      .selectFrom('retailers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('city_code', '=', '140100')
      .executeTakeFirstOrThrow();
    expect(body.headline.retailers).toBe(Number(direct.n));
  });
});
