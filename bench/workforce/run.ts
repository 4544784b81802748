/**
 * Workforce benchmark: the full demo (≈7,400 staff, 60 days of daily reports ≈ 440k rows),
 * then (1) availability of the whole province for one day (target < 50 ms), (2) the 28-day trend,
 * and (3) roster gap detection for every centre and office over the next 7 days right after one
 * area change (a sealed circle over part of Taiyuan), with replacement suggestions (target
 * < 100 ms). Prints a table to stderr and ONE JSON line last on stdout.
 *
 *   npx tsx bench/workforce/run.ts            # SQLite in a temporary directory
 *   DATABASE_URL=postgres://… npx tsx bench/workforce/run.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AreaIndex, BUILT_IN_SCHEMES, findStatus, type Area } from '../../src/engines/disruption';
import { seedDemo } from '../../src/server/flows/demo';
import { createOrgState, dataDir } from '../../src/server/modules/org';
import {
  availability,
  availabilityTrend,
  createWorkforceState,
  roster,
  shanghaiDate,
  type CommuteOracle,
  type WorkforceDeps,
} from '../../src/server/modules/workforce';
import type { ServiceContext } from '../../src/server/platform/context';
import { openDatabase } from '../../src/server/platform/db/database';
import { migrateToLatest } from '../../src/server/platform/db/migrate';

const runs = Number(process.env.BENCH_RUNS ?? 15);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    median: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
    min: Math.round(sorted[0]! * 10) / 10,
  };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-wf-'));
const handle = openDatabase({
  databaseUrl: process.env.DATABASE_URL ?? null,
  sqlitePath: path.join(dir, 'bench.db'),
});
try {
  await migrateToLatest(handle.db);
  const [seedMs, summary] = await time(() => seedDemo(handle.db, { scale: 'full', seed: 2022 }));
  const reports = Number(
    (
      await handle.db
        .selectFrom('health_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  process.stderr.write(
    `seeded ${summary.staff} staff, ${reports} reports in ${(seedMs / 1000).toFixed(1)} s\n`,
  );

  let areas: Area[] = [];
  let index = AreaIndex.build(areas);
  const oracle: CommuteOracle = async (homes, at) => {
    const effects = index.effectiveStatusMany(
      homes.map((h) => ({
        type: 'staff_home' as const,
        id: h.staffId,
        lon: h.lon,
        lat: h.lat,
        countyCode: h.countyCode,
      })),
      at,
    );
    return new Map(homes.map((h, i) => [h.staffId, effects[i]!.commute]));
  };
  const deps: WorkforceDeps = {
    commute: oracle,
    now: () => new Date(),
    uploadDir: dir,
    state: createWorkforceState(handle.db, dataDir()),
    // No app in a bench: a unit directory of its own.
    units: createOrgState(handle.db),
  };
  const ctx: ServiceContext = {
    db: handle.db,
    actor: {
      userId: 'usr_bench',
      username: 'bench',
      displayName: 'bench',
      role: 'province_analyst',
      unitCode: '140000',
      companyId: '140000',
      staffId: null,
      retailerId: null,
      scope: { kind: 'province' },
    },
  };
  const today = shanghaiDate(new Date());

  const availabilitySamples: number[] = [];
  let figures: Awaited<ReturnType<typeof availability>> | null = null;
  for (let i = 0; i < runs + 3; i++) {
    const [ms, value] = await time(() =>
      availability(ctx, deps, { unit: '140000', date: today }, 'zh-CN'),
    );
    if (i >= 3) availabilitySamples.push(ms);
    figures = value;
  }
  const trendSamples: number[] = [];
  for (let i = 0; i < Math.max(5, Math.floor(runs / 2)) + 2; i++) {
    const [ms] = await time(() =>
      availabilityTrend(ctx, deps, { unit: '140000', date: today, trendDays: 28 }, 'zh-CN'),
    );
    if (i >= 2) trendSamples.push(ms);
  }

  // One area change: Taiyuan's 小店区 and 迎泽区 sealed, then every roster re-evaluated.
  const sealed = findStatus(BUILT_IN_SCHEMES, 'epidemic-2022', 'sealed')!;
  const change: Area = {
    id: 'area_bench',
    scheme: 'epidemic-2022',
    status: 'sealed',
    severity: sealed.severity,
    effects: sealed.effects,
    coverage: { kind: 'counties', countyCodes: ['140105', '140106'] },
    validFrom: new Date(Date.now() - 3_600_000).toISOString(),
    validUntil: null,
    endedAt: null,
  };
  const before = await roster(ctx, deps, { unit: '140000', days: 7, gapsOnly: true }, 'zh-CN');
  const gapSamples: number[] = [];
  let after = before;
  for (let i = 0; i < Math.max(5, Math.floor(runs / 2)) + 2; i++) {
    areas = [];
    index = AreaIndex.build(areas);
    const [ms, value] = await time(async () => {
      areas = [change];
      index = AreaIndex.build(areas);
      return roster(ctx, deps, { unit: '140000', days: 7, gapsOnly: true }, 'zh-CN');
    });
    if (i >= 2) gapSamples.push(ms);
    after = value;
  }
  const shifts = Number(
    (
      await handle.db
        .selectFrom('duty_shifts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  const a = stats(availabilitySamples);
  const tr = stats(trendSamples);
  const g = stats(gapSamples);
  process.stderr.write(
    [
      `database                         ${handle.dialect}`,
      `availability, province, one day  median ${a.median} ms  p95 ${a.p95} ms  (target < 50 ms)`,
      `  headcount ${figures!.headcount}, unable on site ${figures!.unableOnSite} (${(figures!.unableRatio * 100).toFixed(1)} %)`,
      `trend, province, 28 days         median ${tr.median} ms  p95 ${tr.p95} ms`,
      `roster gaps after area change    median ${g.median} ms  p95 ${g.p95} ms  (target < 100 ms)`,
      `  ${shifts} shifts over 7 days; gaps ${before.gaps} before, ${after.gaps} after the change`,
      '',
    ].join('\n'),
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'workforce',
      database: handle.dialect,
      staff: summary.staff,
      reports,
      seedMs: Math.round(seedMs),
      availabilityMs: a,
      availabilityTargetMs: 50,
      availabilityRatioToTarget: Math.round((a.median / 50) * 100) / 100,
      unableRatio: figures!.unableRatio,
      trend28Ms: tr,
      gapDetectionMs: g,
      gapTargetMs: 100,
      gapRatioToTarget: Math.round((g.median / 100) * 100) / 100,
      shifts,
      gapsBefore: before.gaps,
      gapsAfter: after.gaps,
    })}\n`,
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
