import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../../src/cli/commands/user';
import { demoPassword } from '../../src/server/flows/demo';
import { createUser } from '../../src/server/modules/identity';
import { hashPassword } from '../../src/server/platform/auth/password';
import { AppError } from '../../src/server/platform/errors';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';
import { changedTables, snapshotTables } from '../support/tables';

/**
 * Issue #13, items 1–4: every write and read stays inside the caller's data scope, proved by
 * trying to step out of it and finding nothing written.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  const officer = (username: string, unitCode: string) =>
    createUser(
      t.db.db,
      t.app.state.org,
      {
        username,
        password: demoPassword,
        displayName: username,
        role: 'epidemic_officer',
        unitCode,
      },
      null,
    );
  await officer('xiaodian.epi', '140105');
  await officer('yingze.epi', '140106');
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

const ring = (points: [number, number][]) => ({ type: 'Polygon', coordinates: [points] });
const area = (geometry: unknown) => ({
  scheme: 'epidemic-2022',
  status: 'sealed',
  validFrom: '2022-04-05T00:00:00Z',
  geometry,
});
// Every vertex (and the box's centre) lies in 古交市 (Taiyuan); the thin body crosses 交城县 (Lüliang).
const acrossCities = ring([
  [111.9, 37.8],
  [111.94, 37.78],
  [111.942, 37.782],
  [111.902, 37.802],
  [111.9, 37.8],
]);
// Every vertex (and the box's centre) lies in 小店区; the body crosses 迎泽区 of the same city.
const acrossCounties = ring([
  [112.58, 37.82],
  [112.62, 37.8],
  [112.622, 37.802],
  [112.582, 37.822],
  [112.58, 37.82],
]);

describe('1. areas reach only the caller’s land', () => {
  it('refuses a city user a shape whose body crosses into another city, though its vertices do not', async () => {
    const before = await areaCount();
    for (const url of ['/api/areas', '/api/areas/impact']) {
      const refused = await call('taiyuan.epi', 'POST', url, area(acrossCities));
      expect(refused.status, url).toBe(403);
      const error = errorOf(refused.response);
      expect(error.code).toBe('BEYOND_SCOPE');
      expect(error.message).toContain('交城县');
      expect(error.details).toEqual({ countyCodes: ['141122'] });
    }
    expect(await areaCount()).toBe(before);
    // The province may declare it, and it is then a province-wide area.
    const admin = await call('admin', 'POST', '/api/areas/impact', area(acrossCities));
    expect(admin.status).toBe(200);
    expect(admin.body.countyCodes).toEqual(['140181', '141122']);
  });

  it('refuses a county user a shape crossing into the next county, and allows one inside it', async () => {
    const before = await areaCount();
    for (const url of ['/api/areas', '/api/areas/impact']) {
      const refused = await call('xiaodian.epi', 'POST', url, area(acrossCounties));
      expect(refused.status, url).toBe(403);
      expect(errorOf(refused.response).message).toContain('迎泽区');
    }
    expect(await areaCount()).toBe(before);
    // The same shape is the city's to declare.
    const city = await call('taiyuan.epi', 'POST', '/api/areas/impact', area(acrossCounties));
    expect(city.status).toBe(200);
    expect(city.body.countyCodes).toEqual(['140105', '140106']);
    const inside = await call(
      'xiaodian.epi',
      'POST',
      '/api/areas',
      area(
        ring([
          [112.57, 37.8],
          [112.575, 37.8],
          [112.575, 37.805],
          [112.57, 37.805],
          [112.57, 37.8],
        ]),
      ),
    );
    expect(inside.status, inside.response.body).toBe(200);
    expect(inside.body.area.companyId).toBe('140100');
    expect(await areaCount()).toBe(before + 1);
  });

  it('refuses an import naming a county outside the city as a whole, dry run or not', async () => {
    const before = await areaCount();
    const content = [
      '区域,状态,开始,结束,文号',
      '小店区,封控区,2022-04-10,2022-04-20,丙1号',
      '平城区,封控区,2022-04-10,,丙2号',
    ].join('\n');
    for (const dryRun of [true, false]) {
      const refused = await call('taiyuan.epi', 'POST', '/api/areas/import', {
        format: 'csv',
        content,
        dryRun,
      });
      expect(refused.status).toBe(403);
      expect(errorOf(refused.response).message).toContain('平城区');
    }
    const county = await call('xiaodian.epi', 'POST', '/api/areas/import', {
      format: 'csv',
      content: '区域,状态,开始,结束,文号\n迎泽区,封控区,2022-04-10,,丙3号',
    });
    expect(county.status).toBe(403);
    expect(await areaCount()).toBe(before);
  });

  it('lets a county user end only areas wholly inside its county', async () => {
    const created = await call('taiyuan.epi', 'POST', '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'controlled',
      validFrom: '2022-04-05T00:00:00Z',
      countyCodes: ['140105', '140106'],
    });
    expect(created.status).toBe(200);
    const id = created.body.area.id as string;
    const refused = await call('xiaodian.epi', 'POST', `/api/areas/${id}/end`, {});
    expect(refused.status).toBe(403);
    const row = await t.db.db
      .selectFrom('disruption_areas')
      .select('ended_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.ended_at).toBeNull();
  });
});

describe('2. city-wide objects need city scope', () => {
  it('refuses a county planner every city-wide write, whatever its permission, and writes nothing', async () => {
    const product = (
      await t.db.db
        .selectFrom('products')
        .select('code')
        .where('active', '=', 1)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code as string;
    const week = '2022-W20';
    const plan = {
      cityCode: '140100',
      week,
      productCode: product,
      method: 'A',
      target: 500,
      cap: 20,
      profile: { preset: 'linear', minGrade: 1, start: 1, step: 1 },
      allowOverSupply: true,
    };
    // A draft of the city, made by the city, for the county planner to try to edit and publish.
    const draft = await call('taiyuan', 'POST', '/api/supply/plans', plan);
    expect(draft.status).toBe(201);
    const planId = draft.body.plan.id as string;
    const csv = (text: string) => ({ format: 'csv', content: text });
    const writes: [method: 'POST' | 'PUT', url: string, body: unknown][] = [
      ['POST', '/api/supply/plans', plan],
      ['PUT', `/api/supply/plans/${planId}`, { ...plan, target: 400 }],
      ['POST', `/api/supply/plans/${planId}/publish`, {}],
      [
        'POST',
        `/api/supply/targets/import?cityCode=140100&week=${week}`,
        csv(`productCode,target,method,cap\n${product},500,A,\n`),
      ],
      [
        'PUT',
        '/api/supply/positions',
        {
          cityCode: '140100',
          week,
          items: [{ productCode: product, stock: 10, inbound: 0, safetyStock: 0 }],
        },
      ],
      [
        'POST',
        `/api/supply/positions/import?cityCode=140100&week=${week}`,
        csv(`productCode,stock,inbound,safetyStock\n${product},100,50,10\n`),
      ],
      [
        'PUT',
        '/api/ordering/pools',
        { cycleId: week, cityCode: '140100', productCode: product, total: 5 },
      ],
      ['POST', `/api/ordering/cycles/${week}/close`, {}],
    ];
    await t.login('xiaodian.planner'); // a log-in stamps the user row
    const before = await snapshotTables(t.db.db);
    for (const [method, url, body] of writes) {
      const refused = await call('xiaodian.planner', method, url, body);
      expect(refused.status, `${method} ${url}`).toBe(403);
      expect(errorOf(refused.response).code).toBe('BEYOND_SCOPE');
    }
    expect(changedTables(before, await snapshotTables(t.db.db))).toEqual([]);
    // It still reads its city's plans.
    const read = await call('xiaodian.planner', 'GET', `/api/supply/plans/${planId}`);
    expect(read.status).toBe(200);
  });

  it('declares the rule on the routes, where the access hook reads it', () => {
    const cityWide = t.app.routeCatalogue
      .filter((r) => r.access.level === 'city')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(cityWide).toEqual([
      'POST /api/ordering/cycles/:cycleId/close',
      'POST /api/supply/plans',
      'POST /api/supply/plans/:id/publish',
      'POST /api/supply/positions/import',
      'POST /api/supply/targets/import',
      'PUT /api/ordering/pools',
      'PUT /api/supply/plans/:id',
      'PUT /api/supply/positions',
    ]);
  });

  it('refuses a county an extra window naming another county’s retailer or county', async () => {
    const other = await t.db.db
      .selectFrom('retailers')
      .select('id')
      .where('county_code', '=', '140106')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await snapshotTables(t.db.db);
    // A window of the coming days (cycles far from today are refused outright).
    const window = {
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      reason: '解封后补订',
    };
    for (const named of [{ retailerIds: [other.id] }, { countyCodes: ['140106'] }]) {
      const refused = await call('xiaodian.planner', 'POST', '/api/ordering/windows', {
        ...window,
        ...named,
      });
      expect([403, 404]).toContain(refused.status);
    }
    expect(changedTables(before, await snapshotTables(t.db.db))).toEqual([]);
    // The city opens one for two counties' retailers; the county sees only its own part.
    const mine = await t.db.db
      .selectFrom('retailers')
      .select('id')
      .where('county_code', '=', '140105')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const opened = await call('taiyuan', 'POST', '/api/ordering/windows', {
      ...window,
      retailerIds: [mine.id, other.id],
    });
    expect(opened.status).toBe(201);
    const cycleId = opened.body.window.cycleId as string;
    const seen = await call('xiaodian.planner', 'GET', `/api/ordering/windows?cycleId=${cycleId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((w: { retailerIds: string[] }) => w.retailerIds)).toEqual([
      [mine.id],
    ]);
  });
});

describe('3. health reads follow the org subtree', () => {
  it('lets a county officer read its county’s staff only', async () => {
    const filed = await call('xiaodian.staff', 'POST', '/api/workforce/health-reports', {
      location: '太原市小店区',
      healthCode: 'green',
      temperature: 36.5,
      testKind: 'none',
      symptoms: [],
      workMode: 'sealed_at_home',
    });
    expect(filed.status, filed.response.body).toBe(201);
    const staffId = filed.body.report.staffId as string;
    const url = `/api/workforce/health-reports/staff/${staffId}`;
    expect((await call('xiaodian.epi', 'GET', url)).status).toBe(200);
    expect((await call('taiyuan.epi', 'GET', url)).status).toBe(200);
    const refused = await call('yingze.epi', 'GET', url);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain('36.5');
    const list = await call('yingze.epi', 'GET', '/api/workforce/health-reports?unit=140105');
    expect(list.status).toBe(404);
    // The refusal is audited.
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'health.read.refused')
      .where('entity_id', '=', staffId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('4. a retailer account is linked to its shop', () => {
  it('refuses to create a retailer account without its shop, in the service and the CLI', async () => {
    await expect(
      createUser(
        t.db.db,
        t.app.state.org,
        { username: 'shopless', password: 'Shopless2022', displayName: 'x', role: 'retailer' },
        null,
      ),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      createUser(
        t.db.db,
        t.app.state.org,
        {
          username: 'shopless',
          password: 'Shopless2022',
          displayName: 'x',
          role: 'retailer',
          retailerId: 'rtl_nope',
        },
        null,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await userCommand(['create', '--username', 'shopless', '--role', 'retailer'])).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/--retailer/);
    } finally {
      stderr.mockRestore();
    }
    const users = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'shopless')
      .execute();
    expect(users).toEqual([]);
  });

  it('links a retailer account by licence number, in its shop’s county', async () => {
    const shop = await t.db.db
      .selectFrom('retailers')
      .select(['id', 'licence_no', 'county_code'])
      .where('county_code', '=', '140106')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { id } = await createUser(
      t.db.db,
      t.app.state.org,
      {
        username: 'shop.yingze',
        password: 'Yingze2022x',
        displayName: '迎泽零售户',
        role: 'retailer',
        retailerId: shop.licence_no as string,
      },
      null,
    );
    const row = await t.db.db
      .selectFrom('users')
      .select(['retailer_id', 'unit_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ retailer_id: shop.id, unit_code: shop.county_code });
  });

  it('gives a retailer account without a shop no scope at all, never its unit’s', async () => {
    const hash = await hashPassword(demoPassword);
    for (const [username, unit] of [
      ['orphan.province', '140000'],
      ['orphan.county', '140105'],
    ] as const) {
      await t.db.db
        .insertInto('users')
        .values({
          id: `usr_${username.replace('.', '_')}`,
          company_id: unit === '140000' ? '140000' : '140100',
          username,
          display_name: username,
          password_hash: hash,
          role: 'retailer',
          unit_code: unit,
          staff_id: null,
          retailer_id: null,
          language: 'zh-CN',
          disabled: 0,
          created_at: new Date().toISOString(),
          last_login_at: null,
        })
        .execute();
      const me = await call(username, 'GET', '/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.scope.kind).toBe('retailer');
      for (const url of [
        '/api/retailers',
        '/api/retailers/rtl_140105000001',
        '/api/ordering/my-order',
        '/api/supply/my-quotas?week=2022-W15',
      ]) {
        const refused = await call(username, 'GET', url);
        expect(refused.status, `${username} ${url}`).toBe(403);
      }
    }
  });
});
