import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { demoPassword, seedDemo } from '../../src/server/flows/demo';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/db/database';
import { openTestDatabase } from '../support/database';

/**
 * Two servers on one database (issue #13 item 16): the one that opened first owns the orders;
 * the second refuses every ordering call that needs the ledgers, says who owns them and until
 * when, and serves the rest. Once the first closes, the second takes over. SQLite file, or
 * PostgreSQL with TEST_DATABASE_URL.
 */
const clock = () => new Date('2022-04-09T14:00:00+08:00');
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let secondHandle: DatabaseHandle;
let first: FastifyInstance | null = null;
let second: FastifyInstance;

async function open(handle: DatabaseHandle) {
  const app = await buildApp({
    db: handle.db,
    dialect: handle.dialect,
    webDir: null,
    logLevel: 'silent',
    loginAttemptsPerMinute: 1000,
    clock,
    ordering: { leaseMs: 60_000 },
  });
  await app.ready();
  return app;
}

async function call(
  app: FastifyInstance,
  username: string,
  method: 'GET' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: demoPassword },
  });
  const token = (login.json() as { token: string }).token;
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as any };
}

beforeAll(async () => {
  db = await openTestDatabase({ fileName: 'tongxin.db' });
  await seedDemo(db.db, { scale: 'tiny', seed: 7 });
  secondHandle = openDatabase({ databaseUrl: db.url, sqlitePath: db.sqlitePath ?? '' });
  first = await open(db);
  second = await open(secondHandle);
}, 120_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await secondHandle?.close();
  await db?.dispose();
});

describe('two servers on one database', () => {
  it('the second refuses orders and says which server owns them until when', async () => {
    const mine = await call(first!, 'shop.xiaodian', 'GET', '/api/ordering/my-order');
    expect(mine.status).toBe(200);

    const ordersBefore = await db.db.selectFrom('ordering_orders').selectAll().execute();
    const refusals = [
      await call(second, 'shop.xiaodian', 'GET', '/api/ordering/my-order'),
      await call(second, 'shop.xiaodian', 'PUT', '/api/ordering/my-order', { lines: [] }),
      await call(
        second,
        'xiaodian.am',
        'GET',
        `/api/ordering/retailers/${mine.body.retailerId}/order`,
      ),
      await call(second, 'taiyuan', 'GET', '/api/ordering/pools?cycleId=2022-W15&cityCode=140100'),
      await call(second, 'taiyuan', 'GET', '/api/ordering/windows'),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(423);
      expect(r.body.error.code).toBe('LEDGER_OWNED_ELSEWHERE');
      expect(r.body.error.message).toContain(`${os.hostname()} (pid ${process.pid})`);
    }
    const lease = await db.db.selectFrom('leases').selectAll().executeTakeFirstOrThrow();
    expect(refusals[0]!.body.error.details).toEqual({
      host: os.hostname(),
      pid: process.pid,
      leaseExpiresAt: lease.expires_at,
    });
    const english = await call(
      second,
      'shop.xiaodian',
      'GET',
      '/api/ordering/my-order',
      undefined,
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toBe(
      `This server does not take orders: server ${os.hostname()} (pid ${process.pid}) serves this database’s orders (lease until ${lease.expires_at})`,
    );
    expect(await db.db.selectFrom('ordering_orders').selectAll().execute()).toEqual(ordersBefore);

    // What does not need the ledgers it still serves: history, and every other module.
    expect((await call(second, 'shop.xiaodian', 'GET', '/api/ordering/my-orders')).status).toBe(
      200,
    );
    expect((await call(second, 'analyst', 'GET', '/api/retailers?pageSize=5')).status).toBe(200);
  });

  it('the second takes over once the first has closed', async () => {
    await first!.close();
    first = null;
    const page = await call(second, 'shop.xiaodian', 'GET', '/api/ordering/my-order');
    expect(page.status).toBe(200);
    expect(page.body.cycleId).toBe('2022-W15');
    const lease = await db.db.selectFrom('leases').selectAll().executeTakeFirstOrThrow();
    expect(lease.pid).toBe(process.pid);
  });
});
