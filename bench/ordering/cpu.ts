/**
 * Server CPU per order, without HTTP sockets or a load process: the app is built in this process
 * over a copy of the prepared benchmark database (`var/bench-ordering`, made by `run.ts`) and the
 * shoppers' PUTs are injected 64 at a time. Reports CPU microseconds per order (the figure that
 * bounds orders/s on one core) and where a profile should look next.
 *   npx tsx bench/ordering/cpu.ts [--orders 6000]
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { buildApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/platform/db/database';
import type { Shopper } from '../support/ordering-fixture';
import { round } from '../support/stats';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '6000' },
    /** Write a CPU profile of the PUT wave alone to this file. */
    profile: { type: 'string' },
  },
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-cpu-'));
const source = new SQLite('var/bench-ordering/tongxin.db', { readonly: true });
await source.backup(path.join(dir, 'tongxin.db'));
source.close();
const { shoppers } = JSON.parse(fs.readFileSync('var/bench-ordering/shoppers.json', 'utf8')) as {
  shoppers: Shopper[];
};
const handle = openDatabase({ databaseUrl: null, sqlitePath: path.join(dir, 'tongxin.db') });
const app = await buildApp({
  db: handle.db,
  dialect: 'sqlite',
  logLevel: 'warn',
  clock: () => new Date('2022-04-16T14:00:00+08:00'),
});
await app.ready();
const chosen = shoppers.slice(0, Number(values.orders));
async function wave(method: 'GET' | 'PUT', url = '/api/ordering/my-order') {
  for (let i = 0; i < chosen.length; i += 64) {
    await Promise.all(
      chosen.slice(i, i + 64).map((s) =>
        app.inject({
          method,
          url,
          headers: {
            authorization: `Bearer ${s.token}`,
            ...(method === 'PUT' ? { 'idempotency-key': `cpu-${s.retailerId}` } : {}),
          },
          ...(method === 'PUT' ? { payload: { lines: s.lines } } : {}),
        }),
      ),
    );
  }
}
await wave('GET');
// The same harness on a small authenticated route: what a request costs before ordering's work.
const base0 = performance.eventLoopUtilization();
await wave('GET', '/api/ordering/cycles/current');
const base = performance.eventLoopUtilization(base0);
const inspector = values.profile ? new Session() : null;
const post = (method: string, params?: object) =>
  new Promise<any>((resolve, reject) =>
    inspector!.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))),
  );
if (inspector) {
  inspector.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
await wave('PUT');
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
const wall = performance.now() - t0;
if (inspector) {
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync(values.profile!, JSON.stringify(profile));
  inspector.disconnect();
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'ordering-cpu',
    orders: chosen.length,
    cpuMicrosPerOrder: round((cpu.user + cpu.system) / chosen.length, 1),
    // The event loop's busy time alone (the writer thread excluded): what bounds orders/s.
    mainThreadMicrosPerOrder: round((elu.active * 1000) / chosen.length, 1),
    mainThreadMicrosPerSmallRequest: round((base.active * 1000) / chosen.length, 1),
    wallMsPerOrder: round(wall / chosen.length, 3),
  })}\n`,
);
await app.close();
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
