/**
 * Supply-release benchmark: `npx tsx bench/supply/run.ts` (env `TONGXIN_VAR_DIR`, default
 * `var/bench-full`, must hold a full demo: `npx tsx src/cli/main.ts demo --scale full`).
 *
 * Copies the demo database (online backup, so the original is never migrated or written),
 * migrates the copy, then previews a full week of the largest city through the service — every
 * active brand-spec as a method-A plan, plus method B by county, C and a blocked-retailer reserve —
 * and the week's board. Readable lines go to stderr; the last stdout line is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { buildApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/platform/db/database';
import { migrateToLatest } from '../../src/server/platform/db/migrate';
import { percentile, round } from '../support/stats';

const log = (s: string) => process.stderr.write(s + '\n');
const varDir = process.env.TONGXIN_VAR_DIR ?? 'var/bench-full';
const source = path.join(varDir, 'tongxin.db');
if (!fs.existsSync(source)) {
  log(`no demo database at ${source}; seed one with: npx tsx src/cli/main.ts demo --scale full`);
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-supply-'));
const copy = path.join(dir, 'tongxin.db');
const original = new SQLite(source, { readonly: true });
await original.backup(copy);
original.close();

const handle = openDatabase({ databaseUrl: null, sqlitePath: copy });
try {
  await migrateToLatest(handle.db);
  const cities = await handle.db
    .selectFrom('retailers')
    .select(['city_code', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('city_code')
    .orderBy('n', 'desc')
    .execute();
  const city = cities[0]!;
  const retailersTotal = cities.reduce((s, c) => s + Number(c.n), 0);
  const products = await handle.db
    .selectFrom('products')
    .select(['code'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const app = await buildApp({
    db: handle.db,
    dialect: 'sqlite',
    webDir: null,
    logLevel: 'silent',
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Tongxin2022' },
  });
  const token = (login.json() as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const week = '2022-W14';
  const preview = async (productCode: string, extra: Record<string, unknown> = {}) => {
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/supply/preview',
      headers,
      payload: {
        cityCode: city.city_code,
        week,
        productCode,
        method: 'A',
        target: Number(city.n) * 2,
        cap: 30,
        profile: { preset: 'linear', minGrade: 3, start: 1, step: 1 },
        remainder: 'rotate',
        ...extra,
      },
    });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`preview ${productCode}: ${res.body}`);
    return { ms, body: res.json() as { preview: { allocated: number; target: number } } };
  };

  await preview(products[0]!.code); // warm-up: JIT, statement cache
  const weekStart = performance.now();
  const times: number[] = [];
  let allocated = 0;
  let target = 0;
  for (const p of products) {
    const r = await preview(p.code);
    times.push(r.ms);
    allocated += r.body.preview.allocated;
    target += r.body.preview.target;
  }
  const weekMs = performance.now() - weekStart;
  const methodB = await preview(products[1]!.code, { method: 'B', dimensions: ['county'] });
  const methodC = await preview(products[2]!.code, { method: 'C', profile: undefined });
  const boardStart = performance.now();
  const board = await app.inject({
    method: 'GET',
    url: `/api/supply/board?cityCode=${city.city_code}&week=${week}`,
    headers,
  });
  const boardMs = performance.now() - boardStart;
  if (board.statusCode !== 200) throw new Error(board.body);
  await app.close();

  log(`database: ${retailersTotal} retailers; city ${city.city_code} with ${city.n}`);
  log(
    `full city week: ${products.length} brand-specs previewed in ${round(weekMs)} ms ` +
      `(p50 ${round(percentile(times, 50))} ms, p95 ${round(percentile(times, 95))} ms per spec)`,
  );
  log(`method B by county: ${round(methodB.ms)} ms; method C: ${round(methodC.ms)} ms`);
  log(
    `board: ${round(boardMs)} ms; utilisation of the week ${round((allocated / target) * 100, 3)} %`,
  );
  console.log(
    JSON.stringify({
      bench: 'supply-preview',
      retailers: retailersTotal,
      city: city.city_code,
      cityRetailers: Number(city.n),
      brandSpecs: products.length,
      cityWeekMs: round(weekMs),
      perSpecP50Ms: round(percentile(times, 50)),
      perSpecP95Ms: round(percentile(times, 95)),
      methodBMs: round(methodB.ms),
      methodCMs: round(methodC.ms),
      boardMs: round(boardMs),
      weekUtilisation: round(allocated / target, 6),
      rssMb: round(process.memoryUsage().rss / 1048576),
    }),
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
