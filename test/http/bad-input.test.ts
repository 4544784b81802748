import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/app';

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
  'users',
  'sessions',
  'audit_log',
  'retailers',
  'org_units',
  'staff',
  'products',
  'settings',
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

function mutatingRoutes() {
  return t.app.routeCatalogue.filter(
    (r) => r.url.startsWith('/api') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
  );
}

function queryRoutes() {
  return t.app.routeCatalogue.filter(
    (r) => r.url.startsWith('/api/') && r.method === 'GET' && !r.url.startsWith('/api/docs'),
  );
}

const path = (url: string) => url.replace(/:(\w+)/g, 'zz_unknown');

describe('bad input never yields a 5xx and never writes', () => {
  it('refuses malformed JSON, wrong types, unknown fields and oversized bodies on every mutating route', async () => {
    const before = await rowCounts();
    const bodies: { payload: string; label: string }[] = [
      { payload: '{"username": ', label: 'malformed JSON' },
      { payload: '[1,2,3]', label: 'wrong type (array)' },
      { payload: '{"username": 42, "password": false}', label: 'wrong field types' },
      {
        payload: '{"username":"a","password":"b","isAdmin":true,"zzz":1}',
        label: 'unknown fields',
      },
      {
        payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
        label: 'oversized',
      },
    ];
    for (const route of mutatingRoutes()) {
      if (route.url === '/api/auth/logout') continue; // takes no body; covered by the auth tests
      for (const body of bodies) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: path(route.url),
          headers: { ...bearer(adminToken), 'content-type': 'application/json' },
          payload: body.payload,
        });
        expect(
          response.statusCode,
          `${route.method} ${route.url}: ${body.label}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${route.method} ${route.url}: ${body.label}`).toBeLessThan(
          500,
        );
        const error = (response.json() as { error: { code: string; message: string } }).error;
        expect(error.code).toMatch(/^[A-Z_]+$/);
        expect(error.message).not.toMatch(/at .+\.ts:\d+/);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses unknown and wrong-typed query parameters on every GET route that takes a query', async () => {
    for (const route of queryRoutes()) {
      const response = await t.app.inject({
        method: 'GET',
        url: `${path(route.url)}?page=-1&pageSize=abc&level=%00&zzz=1`,
        headers: bearer(adminToken),
      });
      expect(response.statusCode, route.url).toBeLessThan(500);
    }
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 to an oversized body in the error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
