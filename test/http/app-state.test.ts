import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasChanged } from '../../src/server/modules/disruption';
import { bearer, startTestApp, type TestApp } from '../support/app';

/**
 * What an app keeps in memory is its own (docs/architecture.md#where-state-lives): built in
 * `buildApp`, heard only by its own listeners, read from its own database, released when it
 * closes.
 */
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  [a, b] = await Promise.all([startTestApp(), startTestApp()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const area = {
  scheme: 'epidemic-2022',
  status: 'sealed',
  validFrom: '2022-04-05T00:00:00Z',
  countyCodes: ['140105'],
};

describe('in-memory state per app', () => {
  it('tells an area change to the listeners of its own app only', async () => {
    const heardA: AreasChanged[] = [];
    const heardB: AreasChanged[] = [];
    const offA = a.app.state.areasChanged.on((e) => {
      heardA.push(e);
    });
    const offB = b.app.state.areasChanged.on((e) => {
      heardB.push(e);
    });
    const created = await a.app.inject({
      method: 'POST',
      url: '/api/areas',
      headers: bearer(await a.login('taiyuan.epi')),
      payload: area,
    });
    offA();
    offB();
    expect(created.statusCode).toBe(200);
    expect(heardA).toHaveLength(1);
    expect(heardA[0]!.areaIds).toEqual([created.json().area.id]);
    expect(heardA[0]!.changes.some((c) => c.after?.ordering === 'blocked')).toBe(true);
    expect(heardB).toHaveLength(0);

    // The other app's view of its own database is untouched.
    const sealedIn = async (t: TestApp) => {
      const overview = await t.app.inject({
        method: 'GET',
        url: '/api/disruption/overview',
        headers: bearer(await t.login('admin')),
      });
      return overview.json().counties.find((c: any) => c.countyCode === '140105')?.sealedAreas;
    };
    expect(await sealedIn(a)).toBe((await sealedIn(b)) + 1);
  });

  it('drops the retail directory when a service state is set through the app', async () => {
    const token = await a.login('admin');
    const list = async () =>
      (
        await a.app.inject({
          method: 'GET',
          url: '/api/retailers?serviceState=suspended&pageSize=1',
          headers: bearer(token),
        })
      ).json().total as number;
    const before = await list();
    const generation = a.app.state.retail.generation();
    const one = (
      await a.app.inject({
        method: 'GET',
        url: '/api/retailers?serviceState=open&countyCode=140105&pageSize=1',
        headers: bearer(token),
      })
    ).json().items[0];
    const set = await a.app.inject({
      method: 'PUT',
      url: `/api/retailers/${one.id}/service-state`,
      headers: bearer(await a.login('xiaodian.am')),
      payload: { state: 'suspended', reason: '测试' },
    });
    expect(set.statusCode).toBe(200);
    expect(a.app.state.retail.generation()).toBe(generation + 1);
    expect(await list()).toBe(before + 1);
  });

  it('keeps the units of its own database: a unit added or renamed in one is not seen by the other', async () => {
    // Only in b's database: a new county of Taiyuan, and Yingze renamed.
    await b.db.db
      .insertInto('org_units')
      .values({
        code: '140199',
        company_id: '140100',
        name: '新设区',
        name_en: 'Xinshe',
        level: 'county',
        parent_code: '140100',
        path: '/140000/140100/140199/',
        division_code: null,
        lon: null,
        lat: null,
        address: null,
        sort: 999,
      })
      .execute();
    await b.db.db
      .updateTable('org_units')
      .set({ name: '改名区' })
      .where('code', '=', '140106')
      .execute();
    const get = async (t: TestApp, url: string) =>
      t.app.inject({ method: 'GET', url, headers: bearer(await t.login('admin')) });
    const countyNameIn = async (t: TestApp) =>
      (await get(t, '/api/retailers?countyCode=140106&pageSize=1')).json().items[0].countyName;

    // b looks the new unit up (and so reads its units again): it knows it, and the new name.
    expect((await get(b, '/api/workforce/members?unit=140199')).statusCode).toBe(200);
    expect(await countyNameIn(b)).toBe('改名区');
    expect((await get(b, '/api/ordering/window-rules/140199')).statusCode).toBe(200);

    // a answers from its own database, unchanged.
    expect(await countyNameIn(a)).toBe('迎泽区');
    expect((await get(a, '/api/ordering/window-rules/140199')).statusCode).toBe(404);
    expect((await get(a, '/api/workforce/members?unit=140199')).statusCode).toBe(404);
  });

  it('releases its listeners and memories when the app closes', async () => {
    const c = await startTestApp();
    const heard: AreasChanged[] = [];
    c.app.state.areasChanged.on((e) => {
      heard.push(e);
    });
    const hub = c.app.state.areasChanged;
    await c.close();
    await hub.emit({
      areaIds: ['x'],
      reason: 'created',
      changes: [],
      at: new Date().toISOString(),
    });
    expect(heard).toHaveLength(0);
  });
});
