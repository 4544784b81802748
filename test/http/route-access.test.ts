import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../../src/server/platform/auth/roles';
import { installAccessControl } from '../../src/server/platform/http/access-control';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(async () => {
  await t?.close();
});

const apiRoutes = () =>
  t.app.routeCatalogue.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));

describe('every route declares its access', () => {
  it('knows the API routes', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(10);
  });

  it('declares a known permission and a data scope on each API route', () => {
    const known = new Set<string>([...permissions, 'public', 'authenticated']);
    for (const route of apiRoutes()) {
      expect(known.has(route.access.permission), `${route.method} ${route.url}`).toBe(true);
      expect(['org', 'self', 'none']).toContain(route.access.scope);
    }
  });

  it('keeps public only what must be public', () => {
    const open = apiRoutes()
      .filter((r) => r.access.permission === 'public' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const route of apiRoutes()) {
      if (route.access.permission === 'public' || route.method === 'HEAD') continue;
      const url = route.url.replace(/:(\w+)/g, 'x');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses to start with a route that declares nothing', async () => {
    const app = Fastify();
    installAccessControl(app, { resolve: async () => null }, t.db.db);
    expect(() => app.get('/api/forgotten', async () => ({ ok: true }))).toThrow(
      /declares no access/,
    );
    await app.close();
  });
});
