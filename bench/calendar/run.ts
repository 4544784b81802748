/**
 * Calendar benchmark: `npx tsx bench/calendar/run.ts`.
 *
 * The ordering windows of a full province for a year: 130,000 retailers × the 52 weeks of 2022
 * with the shipped holiday data, each retailer with its own order day (Mon–Fri mostly, a few
 * weekend shops) in one of 119 counties whose window rules come in four variants. Windows are
 * computed one retailer at a time, county by county, as an ordering service would; then the cycle
 * of every retailer at one instant (cycleAt). Best of BENCH_RUNS (default 3) runs after a warm-up.
 * Readable lines go to stderr; the last stdout line is one JSON object.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  calendarFromData,
  cycleAt,
  defaultWindowRule,
  orderWindow,
  shiftWeek,
  type OrderWindow,
  type WindowRule,
} from '../../src/engines/calendar';

const RETAILERS = Number(process.env.BENCH_RETAILERS ?? 130_000);
const COUNTIES = 119;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const calendar = calendarFromData(
  JSON.parse(
    readFileSync(new URL('../../data/calendar/holidays-cn.json', import.meta.url), 'utf8'),
  ),
);
const variants: WindowRule[] = [
  defaultWindowRule,
  { ...defaultWindowRule, opensAt: '09:00' },
  { ...defaultWindowRule, closesAt: '17:30', deliveryLagDays: 2 },
  { ...defaultWindowRule, opensDayOffset: -3, holidayShift: 'none' },
];
const countyVariant = Array.from({ length: COUNTIES }, (_, i) => i % variants.length);
const countyRules = countyVariant.map((v) => variants[v]!);

// Order days: 97 % Monday–Friday, the rest weekend shops; deterministic.
const orderDays = new Uint8Array(RETAILERS);
const countyOf = new Uint16Array(RETAILERS);
for (let i = 0; i < RETAILERS; i++) {
  const h = (Math.imul(i + 1, 2654435761) >>> 0) % 100;
  orderDays[i] = h < 97 ? 1 + (h % 5) : 6 + (h % 2);
  countyOf[i] = Math.floor((i * COUNTIES) / RETAILERS);
}
const weeks = Array.from({ length: 52 }, (_, i) => shiftWeek('2022-W01', i));

function year(): { shifted: number; checksum: number } {
  let shifted = 0;
  let checksum = 0;
  for (const week of weeks) {
    for (let i = 0; i < RETAILERS; i++) {
      const w = orderWindow({
        week,
        orderDay: orderDays[i]!,
        rule: countyRules[countyOf[i]!]!,
        calendar,
      });
      if (w.shifted) shifted++;
      checksum = (checksum + w.closesAt.getTime() - w.opensAt.getTime()) % 1_000_000_007;
    }
  }
  return { shifted, checksum };
}

/*
 * What an ordering service should do instead: a window depends only on (week, order day, rule,
 * calendar), so a week of the province needs 7 × (rule variants) windows, shared by retailers.
 */
function memoisedYear(): { shifted: number; checksum: number } {
  let shifted = 0;
  let checksum = 0;
  for (const week of weeks) {
    const table: (OrderWindow | undefined)[] = new Array(variants.length * 8);
    for (let i = 0; i < RETAILERS; i++) {
      const variant = countyVariant[countyOf[i]!]!;
      const key = variant * 8 + orderDays[i]!;
      const w = (table[key] ??= orderWindow({
        week,
        orderDay: orderDays[i]!,
        rule: variants[variant]!,
        calendar,
      }));
      if (w.shifted) shifted++;
      checksum = (checksum + w.closesAt.getTime() - w.opensAt.getTime()) % 1_000_000_007;
    }
  }
  return { shifted, checksum };
}

function cycles(at: Date): number {
  let open = 0;
  for (let i = 0; i < RETAILERS; i++) {
    const c = cycleAt({ at, orderDay: orderDays[i]!, rule: countyRules[countyOf[i]!]!, calendar });
    if (c.open) open++;
  }
  return open;
}

const windows = RETAILERS * weeks.length;
const warm = year();
// CPU time as well as wall time: on a shared machine the wall clock also counts waiting for a core.
const yearRuns: number[] = [];
const yearCpu: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const again = year();
  yearRuns.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  yearCpu.push((used.user + used.system) / 1000);
  if (again.checksum !== warm.checksum) throw new Error('windows differ between runs');
}
const totalMs = Math.min(...yearRuns);
const cpuMs = Math.min(...yearCpu);
log(
  `${RETAILERS} retailers × ${weeks.length} weeks = ${windows} windows: best ${round(totalMs)} ms ` +
    `(${round((totalMs * 1e6) / windows)} ns/window; runs ${yearRuns.map((x) => round(x)).join(', ')}); ` +
    `${warm.shifted} windows moved by a holiday; best CPU time ${round(cpuMs)} ms; ` +
    `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
);

const memoRuns: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const memo = memoisedYear();
  memoRuns.push(performance.now() - t);
  if (memo.checksum !== warm.checksum) throw new Error('memoised windows differ');
}
const memoMs = Math.min(...memoRuns);
log(`the same year with windows shared per (week, order day, rule): best ${round(memoMs)} ms`);

// Tuesday 2022-04-05 12:00 Shanghai, mid-清明: some windows open, some shifted.
const at = new Date('2022-04-05T04:00:00Z');
const openNow = cycles(at);
const cycleRuns: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  cycles(at);
  cycleRuns.push(performance.now() - t);
}
const cycleMs = Math.min(...cycleRuns);
log(
  `cycleAt for ${RETAILERS} retailers at ${at.toISOString()}: best ${round(cycleMs)} ms ` +
    `(${round((cycleMs * 1e6) / RETAILERS)} ns/retailer); ${openNow} windows open`,
);

process.stdout.write(
  `${JSON.stringify({
    bench: 'calendar',
    retailers: RETAILERS,
    weeks: weeks.length,
    windows,
    totalMs: round(totalMs),
    nsPerWindow: round((totalMs * 1e6) / windows),
    cpuMs: round(cpuMs),
    cpuNsPerWindow: round((cpuMs * 1e6) / windows),
    shiftedWindows: warm.shifted,
    memoisedYearMs: round(memoMs),
    cycleAtMs: round(cycleMs),
    nsPerCycleAt: round((cycleMs * 1e6) / RETAILERS),
    openAtInstant: openNow,
    runs,
    loadAverage1m: round(os.loadavg()[0]!, 2),
  })}\n`,
);
