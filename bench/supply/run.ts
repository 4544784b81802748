/**
 * Supply-release benchmark: `npx tsx bench/supply/run.ts` (env `TONGXIN_VAR_DIR`, default
 * `var/bench-full`, must hold a full demo: `npx tsx src/cli/main.ts demo --scale full`).
 *
 * Copies the demo database (online backup, so the original is never migrated or written),
 * migrates the copy, then previews a full week of the largest city through the service — every
 * active brand-spec as a method-A plan, plus method B by county, C and a blocked-retailer reserve —
 * and the week's board. Then, over real HTTP (the app listening on a local port), the editor's
 * live preview as a planner drags a slider: one brand-spec re-previewed with a new target each
 * step, sequentially and with three other planners doing the same at once, against the 50 ms
 * bound (issue #5). Readable lines go to stderr; the last stdout line is one JSON object.
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

  const cold = await preview(products[0]!.code); // first: loads the city, JIT, statement cache
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
  // 营销部 × market type with 两周一访上浮 (migration 0009; a demo seeded before it has no 营销部).
  const methodBDept = await preview(products[5]!.code, {
    method: 'B',
    dimensions: ['marketing_dept', 'market_type'],
    biweeklyWeight: 2,
  });
  const boardStart = performance.now();
  const board = await app.inject({
    method: 'GET',
    url: `/api/supply/board?cityCode=${city.city_code}&week=${week}`,
    headers,
  });
  const boardMs = performance.now() - boardStart;
  if (board.statusCode !== 200) throw new Error(board.body);

  // The slider, over real HTTP: each step is one POST /api/supply/preview with a new target.
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const drag = async (productCode: string, steps: number, out: number[], phase: number) => {
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      const res = await fetch(`${address}/api/supply/preview`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          cityCode: city.city_code,
          week,
          productCode,
          method: i % 10 === 9 ? 'B' : 'A',
          ...(i % 10 === 9 ? { dimensions: ['county'] } : {}),
          target: Math.round(Number(city.n) * (1.2 + 0.8 * Math.sin(i / 5 + phase))),
          cap: 30,
          profile: { preset: 'linear', minGrade: 3, start: 1, step: 1 },
          remainder: 'rotate',
        }),
      });
      await res.arrayBuffer();
      out.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`slider step ${i}: ${res.status}`);
    }
  };
  const bound = 50;
  const sequential: number[] = [];
  await drag(products[3]!.code, 5, [], 0); // connection warm-up
  await drag(products[3]!.code, 100, sequential, 0);
  const concurrent: number[] = [];
  await Promise.all([0, 1, 2, 3].map((c) => drag(products[4 + c]!.code, 50, concurrent, c)));
  await app.close();
  const sliderP50 = percentile(sequential, 50);
  const sliderP99 = percentile(sequential, 99);
  const loadP50 = percentile(concurrent, 50);
  const loadP99 = percentile(concurrent, 99);

  log(`database: ${retailersTotal} retailers; city ${city.city_code} with ${city.n}`);
  log(
    `full city week: ${products.length} brand-specs previewed in ${round(weekMs)} ms ` +
      `(p50 ${round(percentile(times, 50))} ms, p95 ${round(percentile(times, 95))} ms per spec)`,
  );
  log(
    `method B by county: ${round(methodB.ms)} ms; by 营销部 × market type, biweekly ×2: ` +
      `${round(methodBDept.ms)} ms; method C: ${round(methodC.ms)} ms`,
  );
  log(
    `board: ${round(boardMs)} ms; utilisation of the week ${round((allocated / target) * 100, 3)} %`,
  );
  log(`first preview of the city (cold): ${round(cold.ms)} ms`);
  log(
    `slider over HTTP, 1 planner: p50 ${round(sliderP50)} ms, p99 ${round(sliderP99)} ms ` +
      `(p99 / ${bound} ms bound = ${round(sliderP99 / bound, 2)})`,
  );
  log(
    `slider over HTTP, 4 planners at once: p50 ${round(loadP50)} ms, p99 ${round(loadP99)} ms ` +
      `(p99 / ${bound} ms bound = ${round(loadP99 / bound, 2)})`,
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
      methodBDeptMs: round(methodBDept.ms),
      methodCMs: round(methodC.ms),
      boardMs: round(boardMs),
      coldPreviewMs: round(cold.ms),
      boundMs: bound,
      sliderP50Ms: round(sliderP50),
      sliderP99Ms: round(sliderP99),
      sliderP99Ratio: round(sliderP99 / bound, 2),
      concurrentPlanners: 4,
      loadP50Ms: round(loadP50),
      loadP99Ms: round(loadP99),
      loadP99Ratio: round(loadP99 / bound, 2),
      perSpecP99Ms: round(percentile(times, 99)),
      weekUtilisation: round(allocated / target, 6),
      rssMb: round(process.memoryUsage().rss / 1048576),
    }),
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
