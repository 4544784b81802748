/**
 * Ordering-day benchmark (issue #6): thousands of distinct retailers place orders of 10–12 lines
 * concurrently through the HTTP API of a full demo, from this separate load process; in the same
 * run a bare Fastify echo of the same bodies measures the machine's ceiling, and the server's
 * smallest authenticated call the platform's. It reads from /proc the CPU each order costs the
 * server, this process and PostgreSQL, and the rate those allow with every core busy. After the
 * run the database alone is audited: no quota, pool or stock overdrawn, one order per retailer.
 *
 *   npx tsx bench/ordering/run.ts [--orders 6000] [--warmup 500] [--connections 64]
 *                                 [--database-url postgres://…/db]
 *                                 [--crash]
 *
 * SQLite: copies `var/bench-full/tongxin.db` (a full demo: `TONGXIN_VAR_DIR=var/bench-full npx tsx
 * src/cli/main.ts demo --scale full`). PostgreSQL: `--database-url` names a database holding a
 * full demo; the run works on a copy made with CREATE DATABASE … TEMPLATE (a socket directory may
 * go in the query: `postgres://user@localhost/db?host=/var/run/postgresql`).
 * `--crash` kills the server with SIGKILL mid-stream, restarts it, retries every request whose
 * answer was lost with the same Idempotency-Key, and checks every acknowledged order is present
 * exactly once.
 * Readable lines go to stderr; the last stdout line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/db/database';
import { migrateToLatest } from '../../src/server/platform/db/migrate';
import { KeepAliveConnection } from '../support/http-client';
import { auditOrdering, prepareOrdering, type Shopper } from '../support/ordering-fixture';
import {
  cpuSeconds,
  cpuSecondsOfCommand,
  mainThreadCpuSeconds,
  percentile,
  round,
  rssMb,
} from '../support/stats';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '6000' },
    connections: { type: 'string', default: '64' },
    /** Orders placed before the measured ones (not counted): a server on ordering day is warm. */
    warmup: { type: 'string', default: '500' },
    port: { type: 'string', default: '18441' },
    'var-dir': { type: 'string', default: 'var/bench-full' },
    'database-url': { type: 'string' },
    crash: { type: 'boolean', default: false },
    /** Prepare again even when var/bench-ordering holds a prepared copy (SQLite). */
    fresh: { type: 'boolean', default: false },
    /** Write a CPU profile of the server to var/profiles (for finding where time goes). */
    profile: { type: 'boolean', default: false },
  },
});
const preparedDir = 'var/bench-ordering';
const log = (s: string) => process.stderr.write(`${s}\n`);
const port = Number(values.port);
const connections = Number(values.connections);
// Saturday 16 April 2022, 14:00 in Shanxi: every retailer's window of 2022-W16 is open.
const clock = '2022-04-16T14:00:00+08:00';

async function waitFor(url: string, deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

interface Target {
  /** A prepared copy was reused (its shoppers are in var/bench-ordering/shoppers.json). */
  reuse?: boolean;
  dir?: string;
  env: Record<string, string>;
  open(): DatabaseHandle;
  dispose(): Promise<void>;
  kind: 'sqlite' | 'postgres';
}

async function makeTarget(): Promise<Target> {
  const url = values['database-url'];
  if (url) {
    const source = new URL(url);
    const name = 'tongxin_bench_ordering';
    // URL objects, not string surgery: a socket directory travels in the query (`?host=/tmp`).
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // FILE_COPY: the default strategy writes the whole copy through the WAL, and the checkpoints
    // it sets off would land in the measured run.
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE ${source.pathname.slice(1)} STRATEGY FILE_COPY`,
    );
    await admin.end();
    const copy = new URL(url);
    copy.pathname = `/${name}`;
    return {
      kind: 'postgres',
      env: { DATABASE_URL: copy.toString() },
      open: () => openDatabase({ databaseUrl: copy.toString(), sqlitePath: '', poolSize: 4 }),
      async dispose() {
        const again = new pg.Client({ connectionString: adminUrl.toString() });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const cached = path.join(preparedDir, 'tongxin.db');
  const reuse = !values.fresh && fs.existsSync(cached);
  const source = reuse ? cached : path.join(values['var-dir'], 'tongxin.db');
  if (!fs.existsSync(source)) {
    log(`no demo database at ${source}; seed one with:`);
    log('  TONGXIN_VAR_DIR=var/bench-full npx tsx src/cli/main.ts demo --scale full');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-ordering-'));
  const original = new SQLite(source, { readonly: true });
  await original.backup(path.join(dir, 'tongxin.db'));
  original.close();
  return {
    kind: 'sqlite',
    reuse,
    dir,
    env: { TONGXIN_VAR_DIR: dir, DATABASE_URL: '' },
    open: () => openDatabase({ databaseUrl: null, sqlitePath: path.join(dir, 'tongxin.db') }),
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function startServer(target: Target): ChildProcess {
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir=var/profiles'] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      ...target.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TONGXIN_DEMO: 'off',
      TONGXIN_CLOCK: clock,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface CpuSample {
  server: number;
  /** The event loop: HTTP, authentication, validation, the checks, the response. */
  serverMain: number;
  load: number;
  database: number;
}

/** CPU seconds used so far by the server (all its threads), this load process and PostgreSQL. */
function cpuNow(serverPid: number, withPostgres: boolean): CpuSample {
  const own = process.cpuUsage();
  return {
    server: cpuSeconds(serverPid),
    serverMain: mainThreadCpuSeconds(serverPid),
    load: (own.user + own.system) / 1e6,
    database: withPostgres ? cpuSecondsOfCommand('postgres') : 0,
  };
}

interface Outcome {
  shopper: Shopper;
  key: string;
  status: number | 'lost';
  body: string;
  ms: number;
}

/** Each connection takes the next shopper until none is left; returns every outcome. */
async function drive(
  shoppers: readonly Shopper[],
  request: (
    conn: KeepAliveConnection,
    s: Shopper,
    key: string,
  ) => Promise<{ status: number; body: string }>,
  keyOf: (s: Shopper) => string,
  stopAfterMs = Number.POSITIVE_INFINITY,
): Promise<{ outcomes: Outcome[]; seconds: number }> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, shoppers.length) }, async () => {
      const conn = new KeepAliveConnection('127.0.0.1', port);
      while (next < shoppers.length && performance.now() - started < stopAfterMs) {
        const shopper = shoppers[next++]!;
        const key = keyOf(shopper);
        const t0 = performance.now();
        try {
          const r = await request(conn, shopper, key);
          outcomes.push({
            shopper,
            key,
            status: r.status,
            body: r.body,
            ms: performance.now() - t0,
          });
        } catch {
          outcomes.push({ shopper, key, status: 'lost', body: '', ms: performance.now() - t0 });
          // The server is gone (the crash run kills it): stop taking shoppers on this connection.
          break;
        }
      }
      conn.close();
    }),
  );
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

const putOrder = (conn: KeepAliveConnection, s: Shopper, key: string) =>
  conn.request(
    'PUT',
    '/api/ordering/my-order',
    { authorization: `Bearer ${s.token}`, 'idempotency-key': key },
    JSON.stringify({ lines: s.lines }),
  );

async function echoCeiling(shoppers: readonly Shopper[]) {
  const echo = spawn(process.execPath, ['--import', 'tsx', 'bench/ordering/echo-server.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => echo.stdout!.once('data', () => resolve()));
  try {
    const body = (s: Shopper) => JSON.stringify({ lines: s.lines });
    const request = (conn: KeepAliveConnection, s: Shopper) =>
      conn.request('PUT', '/echo', { authorization: `Bearer ${s.token}` }, body(s));
    await drive(shoppers.slice(0, 2000), request, () => '');
    const before = cpuNow(echo.pid!, false);
    const { outcomes, seconds } = await drive(shoppers, request, () => '');
    const after = cpuNow(echo.pid!, false);
    const answered = outcomes.filter((o) => o.status === 200).length;
    return {
      perSecond: answered / seconds,
      serverMsPerRequest: round(((after.server - before.server) * 1000) / answered, 3),
      loadMsPerRequest: round(((after.load - before.load) * 1000) / answered, 3),
    };
  } finally {
    echo.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function main() {
  const target = await makeTarget();
  let server: ChildProcess | null = null;
  try {
    const prepared = target.open();
    await migrateToLatest(prepared.db);
    const t0 = performance.now();
    const count = Number(values.orders);
    const saved = path.join(preparedDir, 'shoppers.json');
    let cycleId: string;
    let shoppers: Shopper[];
    if (target.reuse && fs.existsSync(saved)) {
      ({ cycleId, shoppers } = JSON.parse(fs.readFileSync(saved, 'utf8')));
      shoppers = shoppers.slice(0, count);
      await prepared.close();
    } else {
      ({ cycleId, shoppers } = await prepareOrdering(prepared.db, { at: new Date(clock), count }));
      await prepared.close();
      if (target.kind === 'sqlite') {
        fs.mkdirSync(preparedDir, { recursive: true });
        const db = new SQLite(path.join(target.dir!, 'tongxin.db'), { readonly: true });
        await db.backup(path.join(preparedDir, 'tongxin.db'));
        db.close();
        fs.writeFileSync(saved, JSON.stringify({ cycleId, shoppers }));
      }
    }
    const lines = shoppers.reduce((n, s) => n + s.lines.length, 0);
    log(
      `prepared ${shoppers.length} retailers (${lines} lines, ${round(lines / shoppers.length, 1)} per order) for ${cycleId} in ${round((performance.now() - t0) / 1000)} s`,
    );

    const echo = await echoCeiling(shoppers);
    const echoPerSecond = echo.perSecond;
    log(`bare Fastify echo of the same bodies: ${round(echoPerSecond)} req/s`);

    server = startServer(target);
    await waitFor(`http://127.0.0.1:${port}/api/health`, Date.now() + 180_000);
    // Every retailer opens its page first (builds the city ledgers, as the morning does).
    const pageOf = (conn: KeepAliveConnection, s: Shopper) =>
      conn.request('GET', '/api/ordering/my-order', { authorization: `Bearer ${s.token}` });
    await drive(shoppers, pageOf, () => '');
    // The platform's own ceiling: the smallest authenticated call (session, permission, a few
    // fields of JSON) on this server, at the same concurrency. An order cannot be cheaper.
    const small = (conn: KeepAliveConnection, s: Shopper) =>
      conn.request('GET', '/api/ordering/cycles/current', { authorization: `Bearer ${s.token}` });
    const smallRun = await drive(shoppers, small, () => '');
    const authenticatedPerSecond =
      smallRun.outcomes.filter((o) => o.status === 200).length / smallRun.seconds;
    log(`smallest authenticated call on the server: ${round(authenticatedPerSecond)} req/s`);
    const idleRss = rssMb(server.pid!);
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      try {
        if (server?.pid) peakRss = Math.max(peakRss, rssMb(server.pid));
      } catch {
        // The server was just killed (crash run): nothing to sample until it is back.
      }
    }, 250);

    let outcomes: Outcome[];
    let seconds: number;
    let crash: Record<string, unknown> | null = null;
    const keyOf = (s: Shopper) => `bench-${s.retailerId}-1`;
    // The first orders of a server's life compile the order path and prepare the statements on
    // each connection; the echo is warmed the same way before it is measured.
    const warm = shoppers.slice(0, Number(values.warmup));
    const measured = shoppers.slice(warm.length);
    const warmRun = await drive(warm, putOrder, keyOf);
    const warmAcknowledged = warmRun.outcomes.filter((o) => o.status === 200).length;
    let cpu: Record<string, number> | null = null;
    if (!values.crash) {
      const before = cpuNow(server.pid!, target.kind === 'postgres');
      ({ outcomes, seconds } = await drive(measured, putOrder, keyOf));
      const after = cpuNow(server.pid!, target.kind === 'postgres');
      const acknowledged = outcomes.filter((o) => o.status === 200).length;
      const perOrder = (key: keyof CpuSample) =>
        round(((after[key] - before[key]) * 1000) / acknowledged, 3);
      const total = perOrder('server') + perOrder('load') + perOrder('database');
      cpu = {
        serverMsPerOrder: perOrder('server'),
        serverMainThreadMsPerOrder: perOrder('serverMain'),
        loadMsPerOrder: perOrder('load'),
        databaseMsPerOrder: perOrder('database'),
        // What every core of this machine could do if nothing waited: the bound that no
        // arrangement of processes can pass while an order costs this much CPU.
        cpuBoundOrdersPerSecond: round((os.cpus().length * 1000) / total),
      };
    } else {
      const running = drive(measured, putOrder, keyOf);
      await new Promise((r) => setTimeout(r, 1500));
      server.kill('SIGKILL');
      const first = await running;
      seconds = first.seconds;
      const acknowledged = first.outcomes.filter((o) => o.status === 200);
      const lost = first.outcomes.filter((o) => o.status === 'lost');
      log(`killed mid-stream: ${acknowledged.length} acknowledged, ${lost.length} answers lost`);
      server = startServer(target);
      await waitFor(`http://127.0.0.1:${port}/api/health`, Date.now() + 180_000);
      // Lost answers are retried with the same key; untouched shoppers order now.
      const retried = await drive(
        [...lost.map((o) => o.shopper), ...measured.slice(first.outcomes.length)],
        putOrder,
        keyOf,
      );
      const again = await drive(
        acknowledged.map((o) => o.shopper),
        putOrder,
        keyOf,
      );
      const firstAnswer = new Map(acknowledged.map((o) => [o.shopper.retailerId, o.body]));
      const versions = again.outcomes.map((o) => JSON.parse(o.body).order?.version as number);
      crash = {
        acknowledgedBeforeKill: acknowledged.length,
        answersLost: lost.length,
        retriedAfterRestart: retried.outcomes.length,
        acknowledgedReplayedSame: again.outcomes.filter(
          (o) => o.status === 200 && o.body === firstAnswer.get(o.shopper.retailerId),
        ).length,
        doubleApplied: versions.filter((v) => v !== 1).length,
      };
      outcomes = [...acknowledged, ...retried.outcomes];
    }
    clearInterval(sampler);

    const ok = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 422);
    const other = outcomes.filter((o) => o.status !== 200 && o.status !== 422);
    if (other.length > 0)
      log(
        `unexpected answers: ${other
          .slice(0, 3)
          .map((o) => `${o.status} ${o.body.slice(0, 200)}`)
          .join(' | ')}`,
      );
    const latencies = outcomes.map((o) => o.ms);

    const check = target.open();
    const audit = await auditOrdering(check.db, cycleId, new Date(clock));
    const stored = await check.db
      .selectFrom('ordering_orders')
      .select('retailer_id')
      .where('cycle_id', '=', cycleId)
      .execute();
    await check.close();
    const storedIds = new Set(stored.map((r) => r.retailer_id as string));
    const acknowledgedMissing = [...warmRun.outcomes, ...ok].filter(
      (o) => o.status === 200 && !storedIds.has(o.shopper.retailerId),
    ).length;
    // A crash run's rate would mix two server lives and a restart: it reports the crash figures.
    const ordersPerSecond = values.crash ? Number.NaN : ok.length / seconds;

    const figures = {
      bench: 'ordering',
      database: target.kind,
      retailers: shoppers.length,
      linesPerOrder: round(lines / shoppers.length, 1),
      connections,
      warmupOrders: warmAcknowledged,
      seconds: round(seconds, 2),
      acknowledged: ok.length,
      refused: refused.length,
      errors: other.length,
      ordersPerSecond: round(ordersPerSecond),
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(Math.max(...latencies), 2),
      echoRequestsPerSecond: round(echoPerSecond),
      ratioToEcho: round(ordersPerSecond / echoPerSecond, 3),
      echoCpu: {
        serverMsPerRequest: echo.serverMsPerRequest,
        loadMsPerRequest: echo.loadMsPerRequest,
      },
      authenticatedRequestsPerSecond: round(authenticatedPerSecond),
      ratioToAuthenticated: round(ordersPerSecond / authenticatedPerSecond, 3),
      target: target.kind === 'sqlite' ? 5000 : 2000,
      ratioToTarget: round(ordersPerSecond / (target.kind === 'sqlite' ? 5000 : 2000), 3),
      targetP99Ms: 50,
      serverRssIdleMb: idleRss,
      serverRssPeakMb: peakRss,
      audit,
      acknowledgedMissing,
      ...(cpu ? { cpu } : {}),
      ...(crash ? { crash } : {}),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    if (values.profile && server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGINT');
      await exited;
    }
    server?.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    await target.dispose();
  }
}

await main();
