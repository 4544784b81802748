/**
 * Disruption service benchmark on the full demo database (~130,000 retailers, ~7,500 staff):
 * through the application (HTTP inject, real SQLite file), measures the cold build of the
 * in-memory view (all places + area index), publishing an area (validation, impact, insert,
 * rebuild, recompute of every place, diff, broadcast), ending it, and effective-status lookups
 * (single and batches of 500). Readable table on stderr; one JSON line last on stdout.
 *
 *   npx tsx bench/disruption/service.ts [--db var/bench-full/tongxin.db] [--reps 15]
 *
 * The database is copied to a temporary directory first (it is migrated, and areas are written).
 * A database seeded before the disruption migration existed is migrated out of order here only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Migrator } from 'kysely';
import { buildApp } from '../../src/server/app';
import { demoPassword } from '../../src/server/flows/demo';
import { migrations } from '../../src/server/migrations';
import { openDatabase } from '../../src/server/platform/db/database';
import { percentile, round } from '../support/stats';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'var/bench-full/tongxin.db' },
    reps: { type: 'string', default: '15' },
  },
});
const REPS = Number(values.reps);
const source = path.resolve(values.db!);
if (!fs.existsSync(source)) {
  process.stderr.write(
    `no database at ${source}; seed one with: TONGXIN_VAR_DIR=var/bench-full npx tsx src/cli/main.ts demo --scale full\n`,
  );
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-disruption-'));
const file = path.join(dir, 'tongxin.db');
const copy = new (await import('better-sqlite3')).default(source, { readonly: true });
await copy.backup(file);
copy.close();

const handle = openDatabase({ databaseUrl: null, sqlitePath: file });
const migrated = await new Migrator({
  db: handle.db,
  provider: { getMigrations: async () => migrations },
  migrationTableName: 'schema_migrations',
  allowUnorderedMigrations: true,
}).migrateToLatest();
if (migrated.error) throw migrated.error;

const app = await buildApp({ db: handle.db, dialect: 'sqlite', webDir: null, logLevel: 'silent' });
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'taiyuan.epi', password: demoPassword },
});
if (login.statusCode !== 200) throw new Error(`login: ${login.body}`);
const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };

async function call(method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode !== 200) throw new Error(`${method} ${url}: ${response.body}`);
  return response.json() as any;
}

const retailerIds = (
  await handle.db
    .selectFrom('retailers')
    .select('id')
    .where('city_code', '=', '140100')
    .orderBy('id')
    .limit(500)
    .execute()
).map((r) => r.id as string);
const places = await handle.db
  .selectFrom('retailers')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
const staff = await handle.db
  .selectFrom('staff')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

let t0 = performance.now();
await call('GET', `/api/places/effective?type=retailer&id=${retailerIds[0]}`);
const coldMs = performance.now() - t0;

const createMs: number[] = [];
const endMs: number[] = [];
const changed: number[] = [];
for (let i = 0; i < REPS; i++) {
  const lon = 112.52 + (i % 5) * 0.02;
  const lat = 37.76 + Math.floor(i / 5) * 0.02;
  const body = {
    scheme: 'epidemic-2022',
    status: 'sealed',
    validFrom: '2022-04-01T00:00:00Z',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.015, lat],
          [lon + 0.015, lat + 0.015],
          [lon, lat + 0.015],
          [lon, lat],
        ],
      ],
    },
  };
  t0 = performance.now();
  const created = await call('POST', '/api/areas', body);
  createMs.push(performance.now() - t0);
  changed.push(created.changedPlaces as number);
  t0 = performance.now();
  await call('POST', `/api/areas/${created.area.id}/end`, {});
  endMs.push(performance.now() - t0);
}

const singleMs: number[] = [];
for (let i = 0; i < 2000; i++) {
  const id = retailerIds[i % retailerIds.length];
  t0 = performance.now();
  await call('GET', `/api/places/effective?type=retailer&id=${id}`);
  singleMs.push(performance.now() - t0);
}
const batchMs: number[] = [];
for (let i = 0; i < 20; i++) {
  t0 = performance.now();
  await call('POST', '/api/places/effective', {
    places: retailerIds.map((id) => ({ type: 'retailer', id })),
  });
  batchMs.push(performance.now() - t0);
}

// A service-state change patches the snapshot (one narrow query) rather than reloading it.
const amLogin = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'xiaodian.am', password: demoPassword },
});
const amHeaders = { authorization: `Bearer ${(amLogin.json() as { token: string }).token}` };
const shop = await handle.db
  .selectFrom('retailers')
  .select('id')
  .where('county_code', '=', '140105')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const stateMs: number[] = [];
for (let i = 0; i < 10; i++) {
  t0 = performance.now();
  const set = await app.inject({
    method: 'PUT',
    url: `/api/retailers/${shop.id}/service-state`,
    headers: amHeaders,
    payload: { state: i % 2 === 0 ? 'isolated' : 'open' },
  });
  if (set.statusCode !== 200) throw new Error(set.body);
  const seen = await call('GET', `/api/places/effective?type=retailer&id=${shop.id as string}`);
  if (seen.place.serviceState !== (i % 2 === 0 ? 'isolated' : 'open')) throw new Error('stale');
  stateMs.push(performance.now() - t0);
}

await app.close();
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });

const figures = {
  bench: 'disruption-service',
  retailers: Number(places.n),
  staff: Number(staff.n),
  reps: REPS,
  coldViewMs: round(coldMs),
  createAreaMsP50: round(percentile(createMs, 50)),
  createAreaMsP95: round(percentile(createMs, 95)),
  endAreaMsP50: round(percentile(endMs, 50)),
  endAreaMsP95: round(percentile(endMs, 95)),
  changedPlacesP50: percentile(changed, 50),
  lookupMsP50: round(percentile(singleMs, 50), 3),
  lookupMsP99: round(percentile(singleMs, 99), 3),
  batch500MsP50: round(percentile(batchMs, 50), 2),
  serviceStateThenLookupMsP50: round(percentile(stateMs, 50)),
  recomputeTargetMs: 200,
  createP50VsTarget: round(percentile(createMs, 50) / 200, 2),
};
process.stderr.write(
  [
    `places: ${figures.retailers} retailers, ${figures.staff} staff`,
    `cold view build (load places + index + first recompute): ${figures.coldViewMs} ms`,
    `create area (validate, impact, insert, rebuild, recompute all, diff): p50 ${figures.createAreaMsP50} ms, p95 ${figures.createAreaMsP95} ms`,
    `end area: p50 ${figures.endAreaMsP50} ms, p95 ${figures.endAreaMsP95} ms`,
    `single lookup over HTTP inject: p50 ${figures.lookupMsP50} ms, p99 ${figures.lookupMsP99} ms`,
    `batch of 500: p50 ${figures.batch500MsP50} ms`,
    `service-state change then lookup (snapshot patched): p50 ${figures.serviceStateThenLookupMsP50} ms`,
    '',
  ].join('\n'),
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
