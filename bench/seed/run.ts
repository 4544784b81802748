/**
 * Time and peak memory of seeding the full demo province (~130,000 retailers) into a fresh
 * database. `npx tsx bench/seed/run.ts [--scale full|small] [--database-url postgres://…]`.
 * Targets (issue 2): under 60 s and under 1.5 GB peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemo } from '../../src/server/flows/demo';
import { openDatabase } from '../../src/server/platform/db/database';
import { migrateToLatest } from '../../src/server/platform/db/migrate';
import { round } from '../support/stats';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    seed: { type: 'string', default: '2022' },
    'database-url': { type: 'string' },
  },
});
const scale = values.scale === 'small' ? 'small' : 'full';

async function main() {
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-seed-'));
  if (values['database-url']) {
    const name = `tongxin_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: values['database-url'] });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(values['database-url']);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: values['database-url'] });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    };
  }
  const handle = openDatabase({ databaseUrl, sqlitePath: path.join(dir, 'bench.db') });
  const started = performance.now();
  await migrateToLatest(handle.db);
  const steps: Record<string, number> = {};
  let stepStarted = performance.now();
  let current = '';
  const summary = await seedDemo(handle.db, {
    scale,
    seed: Number(values.seed),
    onProgress: (step) => {
      if (step !== current) {
        if (current) steps[current] = round((performance.now() - stepStarted) / 1000, 2);
        current = step;
        stepStarted = performance.now();
      }
    },
  });
  if (current) steps[current] = round((performance.now() - stepStarted) / 1000, 2);
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  await dropDatabase?.();
  const sizeMb = databaseUrl
    ? null
    : round(fs.statSync(path.join(dir, 'bench.db')).size / 1024 / 1024);
  fs.rmSync(dir, { recursive: true, force: true });
  const peakMb = round(process.resourceUsage().maxRSS / 1024);
  const figures = {
    bench: 'seed',
    database: databaseUrl ? 'postgres' : 'sqlite',
    scale,
    retailers: summary.retailers,
    staff: summary.staff,
    products: summary.products,
    seconds: round(seconds, 2),
    steps,
    peakRssMb: peakMb,
    databaseMb: sizeMb,
    targetSeconds: 60,
    targetPeakMb: 1536,
    secondsRatioToTarget: round(seconds / 60, 3),
    memoryRatioToTarget: round(peakMb / 1536, 3),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
