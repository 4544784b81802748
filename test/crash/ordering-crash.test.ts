import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeepAliveConnection } from '../../bench/support/http-client';
import { auditOrdering, prepareOrdering, type Shopper } from '../../bench/support/ordering-fixture';
import { seedDemo } from '../../src/server/flows/demo';
import { openTestDatabase } from '../support/database';

/**
 * Durability (docs/architecture.md#quality-and-durability): the real server in its own process is killed with SIGKILL while orders
 * stream in, then restarted. Every order the client saw acknowledged must be there exactly once,
 * no quota or pool may be exceeded, and requests retried with the same key must not apply twice.
 */
const clock = '2022-04-16T14:00:00+08:00';
const port = 18_000 + Math.floor(Math.random() * 2_000);
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let server: ChildProcess | null = null;
let cycleId: string;
let shoppers: Shopper[];

function startServer(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TONGXIN_DEMO: 'off',
    TONGXIN_CLOCK: clock,
    LOG_LEVEL: 'error',
    DATABASE_URL: db.url ?? '',
    TONGXIN_VAR_DIR: db.sqlitePath
      ? path.dirname(db.sqlitePath)
      : (process.env.TONGXIN_VAR_DIR ?? 'var'),
  };
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function healthy(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const keyOf = (s: Shopper) => `crash-${s.retailerId}`;

async function put(conn: KeepAliveConnection, s: Shopper) {
  return conn.request(
    'PUT',
    '/api/ordering/my-order',
    { authorization: `Bearer ${s.token}`, 'idempotency-key': keyOf(s) },
    JSON.stringify({ lines: s.lines }),
  );
}

beforeAll(async () => {
  db = await openTestDatabase({ fileName: 'tongxin.db' });
  await seedDemo(db.db, { scale: 'tiny', seed: 7 });
  ({ cycleId, shoppers } = await prepareOrdering(db.db, {
    at: new Date(clock),
    count: 240,
    minLines: 4,
    maxLines: 8,
    productsPerCity: 12,
    poolShare: 0.7,
  }));
}, 120_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await db?.dispose();
});

describe('an order acknowledged is never lost', () => {
  it('survives SIGKILL mid-stream, and retries apply once', async () => {
    expect(shoppers.length).toBeGreaterThan(100);
    server = startServer();
    await healthy(Date.now() + 60_000);

    // Stream orders on 8 connections; kill the server once 40 have been acknowledged.
    const acknowledged = new Map<string, string>();
    const lost: Shopper[] = [];
    const refusedFirst = new Set<string>();
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const conn = new KeepAliveConnection('127.0.0.1', port);
        while (next < shoppers.length && !killed) {
          const s = shoppers[next++]!;
          try {
            const r = await put(conn, s);
            if (r.status === 200) acknowledged.set(s.retailerId, r.body);
            else if (r.status === 422) refusedFirst.add(s.retailerId);
            else throw new Error(`unexpected ${r.status} ${r.body}`);
            if (acknowledged.size >= 40 && !killed) {
              killed = true;
              server!.kill('SIGKILL');
            }
          } catch (error) {
            if (!killed) throw error;
            lost.push(s);
          }
        }
        conn.close();
      }),
    );
    expect(killed).toBe(true);
    await new Promise<void>((resolve) => {
      if (server!.exitCode !== null || server!.signalCode !== null) resolve();
      else server!.once('exit', () => resolve());
    });

    server = startServer();
    await healthy(Date.now() + 60_000);
    const conn = new KeepAliveConnection('127.0.0.1', port);
    // Answers lost in the kill are retried with the same key; the rest order now.
    for (const s of [...lost, ...shoppers.slice(next)]) {
      const r = await put(conn, s);
      expect([200, 422]).toContain(r.status);
      if (r.status === 200) acknowledged.set(s.retailerId, r.body);
    }
    // Replaying an acknowledged request returns the very same answer and applies nothing.
    for (const [retailerId, body] of [...acknowledged].slice(0, 60)) {
      const s = shoppers.find((x) => x.retailerId === retailerId)!;
      const r = await put(conn, s);
      expect(r.status).toBe(200);
      expect(r.body).toBe(body);
    }
    conn.close();

    const orders = await db.db
      .selectFrom('ordering_orders')
      .select(['retailer_id', 'version', 'status'])
      .where('cycle_id', '=', cycleId)
      .execute();
    const stored = new Map(orders.map((o) => [o.retailer_id as string, o]));
    for (const [retailerId, body] of acknowledged) {
      const order = stored.get(retailerId);
      expect(order, `acknowledged order of ${retailerId}`).toBeDefined();
      expect(Number(order!.version)).toBe(1);
      const lines = await db.db
        .selectFrom('ordering_order_lines')
        .select(['product_code', 'quantity'])
        .where('order_id', '=', JSON.parse(body).order.id)
        .orderBy('product_code')
        .execute();
      expect(lines.map((l) => [l.product_code, Number(l.quantity)])).toEqual(
        (JSON.parse(body).order.lines as { productCode: string; quantity: number }[]).map((l) => [
          l.productCode,
          l.quantity,
        ]),
      );
    }
    const audit = await auditOrdering(db.db, cycleId, new Date(clock));
    expect(audit).toMatchObject({
      quotaViolations: 0,
      poolViolations: 0,
      stockViolations: 0,
      duplicateOrders: 0,
    });
    // The pools were sized to bind: some orders were refused for them, none overdrew them.
    expect(audit.orders).toBe(acknowledged.size);
    expect(acknowledged.size).toBeLessThan(shoppers.length);
  }, 180_000);
});
