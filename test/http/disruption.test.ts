import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry, type Polygon } from '../../src/engines/geo';
import { commuteOracleFor } from '../../src/server/flows/workforce-commute';
import { disruptionEligibility } from '../../src/server/flows/disruption-supply';
import type { AreasChanged } from '../../src/server/modules/disruption';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function call(
  username: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(await t.login(username)),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any, response };
}

async function areaCount() {
  const row = await t.db.db
    .selectFrom('disruption_areas')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function square(lon: number, lat: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

/** 小店区 retailers and staff homes that no area covers now. */
async function freePlacesInXiaodian() {
  const retailers = await t.db.db
    .selectFrom('retailers')
    .select(['id', 'lon', 'lat'])
    .where('county_code', '=', '140105')
    .where('status', '=', 'active')
    .where('service_state', '=', 'open')
    .orderBy('id')
    .execute();
  const checked = await call('admin', 'POST', '/api/places/effective', {
    places: retailers.map((r) => ({ type: 'retailer', id: r.id })),
  });
  expect(checked.status).toBe(200);
  const free = new Set(
    (checked.body.items as { id: string; areaIds: string[] }[])
      .filter((i) => i.areaIds.length === 0)
      .map((i) => i.id),
  );
  return retailers.filter((r) => free.has(r.id));
}

describe('schemes', () => {
  it('lists the built-in schemes with their effects', async () => {
    const { status, body } = await call('analyst', 'GET', '/api/disruption/schemes');
    expect(status).toBe(200);
    const ids = (body.items as { id: string }[]).map((s) => s.id).sort();
    expect(ids).toEqual(['epidemic-2022', 'flood', 'risk-2022', 'road-closure']);
    const epidemic = body.items.find((s: { id: string }) => s.id === 'epidemic-2022');
    expect(epidemic.statuses[0]).toMatchObject({
      id: 'sealed',
      severity: 30,
      effects: { ordering: 'blocked', delivery: 'none', commute: 'cannot', office: 'closed' },
    });
  });

  it('lets an administrator edit effects, audited with before and after; others are refused', async () => {
    const list = await call('admin', 'GET', '/api/disruption/schemes');
    const flood = list.body.items.find((s: { id: string }) => s.id === 'flood');
    const edited = {
      id: flood.id,
      label: flood.label,
      statuses: flood.statuses.map((s: any) =>
        s.id === 'warning' ? { ...s, effects: { ...s.effects, delivery: 'deferred' } } : s,
      ),
    };
    expect((await call('taiyuan', 'PUT', '/api/disruption/schemes/flood', edited)).status).toBe(
      403,
    );
    const saved = await call('admin', 'PUT', '/api/disruption/schemes/flood', edited);
    expect(saved.status).toBe(200);
    expect(saved.body.scheme.statuses[2].effects.delivery).toBe('deferred');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'disruption.scheme.edit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).statuses[2].effects.delivery).toBe('fixed_time');
    expect(JSON.parse(audit.after_json!).statuses[2].effects.delivery).toBe('deferred');
  });
});

describe('the demo disruption', () => {
  it('carries active sealed and controlled Taiyuan areas now, and one ended', async () => {
    const now = await call(
      'analyst',
      'GET',
      `/api/areas?activeAt=${new Date().toISOString()}&pageSize=50`,
    );
    expect(now.status).toBe(200);
    const statuses = (now.body.items as { status: string; companyId: string }[]).map(
      (a) => a.status,
    );
    expect(statuses).toContain('sealed');
    expect(statuses).toContain('controlled');
    const all = await call('analyst', 'GET', '/api/areas?pageSize=50');
    expect(all.body.items.some((a: { endedAt: string | null }) => a.endedAt !== null)).toBe(true);
    const demoInstant = await call(
      'analyst',
      'GET',
      '/api/areas?activeAt=2022-04-01T02:00:00Z&county=140105',
    );
    expect(demoInstant.body.items.some((a: { status: string }) => a.status === 'sealed')).toBe(
      true,
    );
  });
});

describe('a sealed polygon over part of 小店区', () => {
  it('shows its impact, blocks the retailers it covers, replays the past and restores them when ended', async () => {
    const free = await freePlacesInXiaodian();
    expect(free.length).toBeGreaterThan(0);
    const anchor = free[0]!;
    const polygon = square(anchor.lon, anchor.lat, 0.004);
    const inside = free.filter((r) => pointInGeometry([r.lon, r.lat], polygon));
    const staff = await t.db.db
      .selectFrom('staff')
      .select(['id', 'home_lon', 'home_lat'])
      .where('active', '=', 1)
      .execute();
    const staffInside = staff.filter(
      (s) =>
        s.home_lon !== null && pointInGeometry([Number(s.home_lon), Number(s.home_lat!)], polygon),
    );
    const body = {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: '2022-04-05T00:00:00Z',
      notice: { number: '测试〔2022〕1号', text: 'test notice' },
      geometry: polygon,
    };

    const before = await areaCount();
    const impact = await call('taiyuan.epi', 'POST', '/api/areas/impact', body);
    expect(impact.status).toBe(200);
    expect(impact.body.retailers.total).toBeGreaterThanOrEqual(inside.length);
    expect(impact.body.staffHomes).toBe(staffInside.length);
    expect(impact.body.countyCodes).toContain('140105');
    // Every active retailer inside the square counts, whatever its service state or other areas.
    const covered = (
      await t.db.db
        .selectFrom('retailers')
        .select(['lon', 'lat', 'weekly_volume'])
        .where('status', '=', 'active')
        .execute()
    ).filter((r) => pointInGeometry([Number(r.lon), Number(r.lat)], polygon));
    expect(covered.length).toBeGreaterThan(0);
    expect(impact.body.retailers.total).toBe(covered.length);
    expect(impact.body.weeklyVolume.covered).toBe(
      covered.reduce((sum, r) => sum + Number(r.weekly_volume), 0),
    );
    expect(impact.body.weeklyVolume.covered).toBeGreaterThan(0);
    expect(await areaCount()).toBe(before);

    const events: AreasChanged[] = [];
    const off = t.app.state.areasChanged.on((e) => {
      events.push(e);
    });
    const created = await call('taiyuan.epi', 'POST', '/api/areas', body);
    off();
    expect(created.status).toBe(200);
    const id = created.body.area.id as string;
    expect(created.body.area).toMatchObject({
      scheme: 'epidemic-2022',
      status: 'sealed',
      companyId: '140100',
      active: true,
    });
    expect(events).toHaveLength(1);
    expect(
      events[0]!.changes.some((c) => c.id === anchor.id && c.after?.ordering === 'blocked'),
    ).toBe(true);

    const one = await call(
      'xiaodian.am',
      'GET',
      `/api/places/effective?type=retailer&id=${anchor.id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.place).toMatchObject({
      ordering: 'blocked',
      delivery: 'none',
      status: 'sealed',
      scheme: 'epidemic-2022',
    });
    expect(one.body.place.areaIds).toContain(id);
    const batch = await call('admin', 'POST', '/api/places/effective', {
      places: inside.map((r) => ({ type: 'retailer', id: r.id })),
    });
    for (const item of batch.body.items)
      expect(item).toMatchObject({ ordering: 'blocked', delivery: 'none' });

    // A past instant returns the status as it was.
    const past = await call(
      'admin',
      'GET',
      `/api/places/effective?type=retailer&id=${anchor.id}&at=2022-04-01T00:00:00Z`,
    );
    expect(past.body.place).toMatchObject({
      ordering: 'allowed',
      delivery: 'normal',
      status: null,
    });

    // The supply port and the workforce port read the same effects.
    const eligibility = await disruptionEligibility(t.app.state.disruption)(
      t.db.db,
      [anchor.id],
      new Date(),
    );
    // The area's name comes along: supply labels the reserve held under it with it.
    expect(created.body.area.name).toEqual(expect.any(String));
    expect(eligibility.get(anchor.id)).toMatchObject({
      ordering: 'blocked',
      areaId: id,
      areaName: created.body.area.name,
    });
    if (staffInside.length > 0) {
      const s = staffInside[0]!;
      const commute = await commuteOracleFor(t.app.state.disruption)(
        [{ staffId: s.id, lon: Number(s.home_lon), lat: Number(s.home_lat), countyCode: '140105' }],
        new Date(),
      );
      expect(commute.get(s.id)).toBe('cannot');
    }

    const ended = await call('taiyuan.epi', 'POST', `/api/areas/${id}/end`, { reason: '解封' });
    expect(ended.status).toBe(200);
    expect(ended.body.area.active).toBe(false);
    const after = await call(
      'xiaodian.am',
      'GET',
      `/api/places/effective?type=retailer&id=${anchor.id}`,
    );
    expect(after.body.place).toMatchObject({
      ordering: 'allowed',
      delivery: 'normal',
      status: null,
    });
    // The area is kept: an instant while it was in force still shows it.
    const during = await call(
      'admin',
      'GET',
      `/api/places/effective?type=retailer&id=${anchor.id}&at=2022-04-06T00:00:00Z`,
    );
    expect(during.body.place.ordering).toBe('blocked');
    const again = await call('taiyuan.epi', 'POST', `/api/areas/${id}/end`, {});
    expect(again.status).toBe(422);
    const history = await call(
      'admin',
      'GET',
      `/api/places/history?type=retailer&id=${anchor.id}&from=2022-04-01T00:00:00Z`,
    );
    expect(history.status).toBe(200);
    expect(history.body.intervals.map((i: { ordering: string }) => i.ordering)).toEqual([
      'allowed',
      'blocked',
      'allowed',
    ]);
  });

  it('reports a sealed staff home as cannot commute through the workforce flow', async () => {
    const home = await t.db.db
      .selectFrom('staff')
      .select(['id', 'home_lon', 'home_lat'])
      .where('unit_code', '=', '140105')
      .where('home_lon', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const lon = Number(home.home_lon);
    const lat = Number(home.home_lat);
    const oracle = commuteOracleFor(t.app.state.disruption);
    const created = await call('taiyuan.epi', 'POST', '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: '2022-04-05T00:00:00Z',
      circle: { center: [lon, lat], radiusM: 50 },
    });
    expect(created.status).toBe(200);
    const answer = await oracle([{ staffId: home.id, lon, lat, countyCode: '' }], new Date());
    expect(answer.get(home.id)).toBe('cannot');
    const before = await oracle(
      [{ staffId: home.id, lon, lat, countyCode: '' }],
      new Date('2022-04-01T00:00:00Z'),
    );
    expect(before.get(home.id)).toBe('can');
    await call('taiyuan.epi', 'POST', `/api/areas/${created.body.area.id}/end`, {});
  });

  it('combines a retailer service state set by its account manager', async () => {
    const [r] = await freePlacesInXiaodian();
    const set = await call('xiaodian.am', 'PUT', `/api/retailers/${r!.id}/service-state`, {
      state: 'road_closed',
      reason: '道路封闭',
    });
    expect(set.status).toBe(200);
    const now = await call('xiaodian.am', 'GET', `/api/places/effective?type=retailer&id=${r!.id}`);
    expect(now.body.place).toMatchObject({
      ordering: 'allowed',
      delivery: 'fixed_point',
      serviceState: 'road_closed',
    });
    await call('xiaodian.am', 'PUT', `/api/retailers/${r!.id}/service-state`, { state: 'open' });
  });
});

describe('lists, details and the overview', () => {
  it('filters areas by scheme, status, county and instant, with pagination, in the caller’s scope', async () => {
    const sealed = await call(
      'analyst',
      'GET',
      '/api/areas?status=sealed&county=140107&activeAt=2022-04-01T02:00:00Z',
    );
    expect(sealed.status).toBe(200);
    expect(sealed.body.items.length).toBeGreaterThan(0);
    for (const a of sealed.body.items) {
      expect(a.status).toBe('sealed');
      expect(a.countyCodes).toContain('140107');
    }
    const road = await call('analyst', 'GET', '/api/areas?scheme=road-closure');
    expect(road.body.items.map((a: { coverage: { kind: string } }) => a.coverage.kind)).toContain(
      'circle',
    );
    const page = await call('analyst', 'GET', '/api/areas?pageSize=2&page=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    const before = await call('analyst', 'GET', '/api/areas?activeAt=2022-03-01T00:00:00Z');
    expect(before.body.total).toBe(0);
    const one = await call('analyst', 'GET', `/api/areas/${sealed.body.items[0].id}`);
    expect(one.body.area.id).toBe(sealed.body.items[0].id);
    expect((await call('datong', 'GET', `/api/areas/${sealed.body.items[0].id}`)).status).toBe(404);
    expect((await call('datong', 'GET', '/api/areas')).body.items).toEqual([]);
    expect((await call('analyst', 'GET', '/api/areas?county=999')).status).toBe(400);
  });

  it('counts sealed areas and blocked retailers per county for the overview map', async () => {
    const { status, body } = await call('taiyuan', 'GET', '/api/disruption/overview');
    expect(status).toBe(200);
    const xiaodian = body.counties.find((c: { countyCode: string }) => c.countyCode === '140105');
    expect(xiaodian.sealedAreas).toBeGreaterThan(0);
    expect(body.areas.length).toBeGreaterThan(0);
    for (const c of body.counties) expect(c.countyCode.startsWith('1401')).toBe(true);
  });
});

describe('import of notices', () => {
  it('refuses a bad sheet with a row report and writes nothing; dry run reports only', async () => {
    const before = await areaCount();
    const bad = [
      '区域,状态,开始,结束,文号',
      '小店区,封控区,2022-04-10,2022-04-20,甲1号',
      '不存在县,封控区,2022-04-10,,甲2号',
      '迎泽区,红色,2022-04-10,,甲3号',
      '杏花岭区,管控区,2022-04-10,2022-04-01,甲4号',
    ].join('\n');
    const refused = await call('taiyuan.epi', 'POST', '/api/areas/import', {
      format: 'csv',
      content: bad,
    });
    expect(refused.status).toBe(422);
    const rows = errorOf(refused.response).details as {
      rows: { row: number; ok: boolean; errors: string[] }[];
    };
    expect(rows.rows.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(rows.rows[1]!.errors.join()).toMatch(/不存在县/);
    expect(await areaCount()).toBe(before);

    const good = [
      '区域,经度,纬度,半径,状态,开始,结束,文号',
      '小店区,,,,防范区,2022-04-10,2022-04-20,乙1号',
      ',112.603,37.742,800,管控区,2022-04-10 08:00,,乙2号',
    ].join('\n');
    const dry = await call('taiyuan.epi', 'POST', '/api/areas/import', {
      format: 'csv',
      content: good,
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: 0, dryRun: true });
    expect(await areaCount()).toBe(before);
    const done = await call('taiyuan.epi', 'POST', '/api/areas/import', {
      format: 'csv',
      content: good,
    });
    expect(done.status).toBe(200);
    expect(done.body.imported).toBe(2);
    expect(await areaCount()).toBe(before + 2);
  });

  it('reads an xlsx workbook the same way', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('通告');
    sheet.addRow(['area', 'status', 'from', 'until', 'notice']);
    sheet.addRow(['140106', 'controlled', '2022-04-12', '', 'X-1']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const before = await areaCount();
    const done = await call('taiyuan.epi', 'POST', '/api/areas/import', {
      format: 'xlsx',
      content,
    });
    expect(done.status).toBe(200);
    expect(done.body.rows[0]).toMatchObject({ ok: true, status: 'controlled' });
    expect(await areaCount()).toBe(before + 1);
    const broken = await call('taiyuan.epi', 'POST', '/api/areas/import', {
      format: 'xlsx',
      content: 'bm90IGEgd29ya2Jvb2s=',
    });
    expect(broken.status).toBe(400);
  });
});

describe('bad input', () => {
  const base = { scheme: 'epidemic-2022', status: 'sealed', validFrom: '2022-04-05T00:00:00Z' };
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'self-intersecting polygon',
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [112.55, 37.8],
              [112.58, 37.82],
              [112.58, 37.8],
              [112.55, 37.82],
              [112.55, 37.8],
            ],
          ],
        },
      },
      'body.geometry',
    ],
    ['empty polygon', { geometry: { type: 'Polygon', coordinates: [] } }, 'body.geometry'],
    ['zero radius', { circle: { center: [112.56, 37.8], radiusM: 0 } }, 'body.circle.radiusM'],
    [
      'radius beyond a province',
      { circle: { center: [112.56, 37.8], radiusM: 400_000 } },
      'body.circle.radiusM',
    ],
    [
      'until before from',
      { countyCodes: ['140105'], validUntil: '2022-04-01T00:00:00Z' },
      'body.validUntil',
    ],
    ['unknown county', { countyCodes: ['149999'] }, 'body.countyCodes'],
    ['unknown status', { countyCodes: ['140105'], status: 'purple' }, 'body.status'],
    ['unknown scheme', { countyCodes: ['140105'], scheme: 'nope' }, 'body.scheme'],
    [
      'centre outside the province',
      { circle: { center: [116.4, 39.9], radiusM: 1000 } },
      'body.circle.center',
    ],
    [
      'polygon outside the province',
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [116.3, 39.8],
              [116.5, 39.8],
              [116.5, 40],
              [116.3, 39.8],
            ],
          ],
        },
      },
      'body.geometry',
    ],
    ['no coverage', {}, 'body.geometry'],
  ];
  for (const [name, extra, path] of cases) {
    it(`refuses ${name} with the field, writing nothing`, async () => {
      const before = await areaCount();
      const response = await call('taiyuan.epi', 'POST', '/api/areas', { ...base, ...extra });
      expect(response.status).toBe(400);
      const details = errorOf(response.response).details as { path: string }[];
      expect(details.map((d) => d.path)).toContain(path);
      expect(await areaCount()).toBe(before);
    });
  }

  it('refuses wrong types, lets only managers publish, and keeps a city to its own areas', async () => {
    expect(
      (
        await call('taiyuan.epi', 'POST', '/api/areas', {
          ...base,
          circle: { center: 'x', radiusM: 5 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('xiaodian.am', 'POST', '/api/areas', { ...base, countyCodes: ['140105'] }))
        .status,
    ).toBe(403);
    expect(
      (await call('datong', 'POST', '/api/areas', { ...base, countyCodes: ['140105'] })).status,
    ).toBe(403);
    expect(
      (await call('analyst', 'GET', '/api/places/effective?type=retailer&id=rtl_nope')).status,
    ).toBe(404);
    const shop = await call('shop.xiaodian', 'GET', '/api/areas');
    expect(shop.status).toBe(403);
  });
});
