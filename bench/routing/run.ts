/**
 * Routing benchmark: solves the CVRPLIB X instances and/or the Solomon VRPTW instances from
 * ../shared/data/benchmarks, checks every solution with the independent checker, and reports the
 * cost, the gap to the best known and the time per instance, the mean gap per set, a readable
 * table and, as the last line, one JSON object with the figures.
 *
 *   npx tsx bench/routing/run.ts [--set cvrp|solomon|taiyuan|all] [--time-limit S]
 *                                [--instances a,b] [--seed N] [--stops N]
 *
 * `--stops` sizes the Taiyuan city instance (default 1000; above 1200 it is decomposed into
 * sectors solved in worker threads).
 *
 * Default budgets: 5 s per CVRP instance, 10 s per Solomon instance, 60 s for the Taiyuan city.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSolution, parseInstance, solve, solveAsync } from '../../src/engines/routing';
import { taiyuanInstance } from './taiyuan';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = [
  resolve(here, '../../../shared/data/benchmarks'),
  '/work/shared/data/benchmarks',
].find((p) => existsSync(p));

interface Row {
  set: string;
  instance: string;
  n: number;
  cost: number;
  bks: number | null;
  gap: number | null;
  seconds: number;
  /** CPU seconds this process got meanwhile: below `seconds` when the machine is shared. */
  cpu: number;
  feasible: boolean;
  routes: number;
}

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'all' },
    'time-limit': { type: 'string' },
    instances: { type: 'string' },
    seed: { type: 'string', default: '1' },
    stops: { type: 'string', default: '1000' },
  },
});
const set = values.set!;
const seed = Number(values.seed);
const only = values.instances ? new Set(values.instances.split(',').map((s) => s.trim())) : null;
const budget = (fallback: number): number =>
  values['time-limit'] !== undefined ? Number(values['time-limit']) : fallback;

function readBks(file: string, nameCol: string, valueCol: string): Map<string, number> {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split('\t');
  const ni = cols.indexOf(nameCol);
  const vi = cols.indexOf(valueCol);
  const out = new Map<string, number>();
  for (const line of lines) {
    const f = line.split('\t');
    out.set(f[ni]!.toUpperCase(), Number(f[vi]));
  }
  return out;
}

function runFileSet(
  name: string,
  dir: string,
  ext: string,
  bks: Map<string, number>,
  seconds: number,
): Row[] {
  const rows: Row[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(ext))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const file of files) {
    const id = file.slice(0, -ext.length);
    if (only && !only.has(id) && !only.has(id.toUpperCase())) continue;
    const inst = parseInstance(readFileSync(join(dir, file), 'utf8'), file);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const sol = solve(inst.problem, { timeLimit: seconds, seed });
    const elapsed = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const cpu = (c1.user + c1.system) / 1e6;
    const check = checkSolution(inst.problem, sol.routes, sol.vehicles);
    const best = bks.get(id.toUpperCase()) ?? null;
    const row: Row = {
      set: name,
      instance: id,
      n: inst.problem.size - 1,
      cost: round(check.cost),
      bks: best,
      gap: best ? round((100 * (check.cost - best)) / best, 3) : null,
      seconds: round(elapsed, 2),
      cpu: round(cpu, 2),
      feasible: check.feasible,
      routes: sol.routes.length,
    };
    rows.push(row);
    process.stderr.write(
      `${id} ${row.cost} gap ${row.gap}% ${row.seconds}s (cpu ${row.cpu}s)${check.feasible ? '' : ' INFEASIBLE'}\n`,
    );
  }
  return rows;
}

async function runTaiyuan(seconds: number): Promise<Row> {
  const stops = Number(values.stops);
  const { problem } = taiyuanInstance(stops, 2026);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const sol = await solveAsync(problem, { timeLimit: seconds, seed });
  const elapsed = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const check = checkSolution(problem, sol.routes, sol.vehicles);
  memoryMb = Math.round(peak / 1e6);
  process.stderr.write(
    `taiyuan-1000 ${Math.round(check.cost)} m, ${sol.routes.length} vans, feasible ${check.feasible}, peak RSS ${memoryMb} MB\n`,
  );
  return {
    set: 'taiyuan',
    instance: `taiyuan-${stops}`,
    n: stops,
    cost: Math.round(check.cost),
    bks: null,
    gap: null,
    seconds: round(elapsed, 2),
    cpu: round((c1.user + c1.system) / 1e6, 2),
    feasible: check.feasible,
    routes: sol.routes.length,
  };
}

let memoryMb: number | null = null;

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function mean(xs: number[]): number | null {
  return xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 3) : null;
}

async function main(): Promise<void> {
  if (!DATA) throw new Error('benchmark data not found (../shared/data/benchmarks)');
  const rows: Row[] = [];
  const limits: Record<string, number> = {};
  if (set === 'cvrp' || set === 'all') {
    limits.cvrp = budget(5);
    const bks = readBks(join(DATA, 'cvrp/bks.tsv'), 'instance', 'bks_cost');
    rows.push(...runFileSet('cvrp', join(DATA, 'cvrp'), '.vrp', bks, limits.cvrp));
  }
  if (set === 'solomon' || set === 'all') {
    limits.solomon = budget(10);
    const bks = readBks(join(DATA, 'vrptw/bks.tsv'), 'instance', 'distance_only_distance');
    rows.push(...runFileSet('solomon', join(DATA, 'vrptw/solomon'), '.txt', bks, limits.solomon));
  }
  if (set === 'taiyuan' || set === 'all') {
    limits.taiyuan = budget(60);
    rows.push(await runTaiyuan(limits.taiyuan));
  }
  const table = [
    [
      'set',
      'instance',
      'n',
      'cost',
      'best known',
      'gap %',
      'time s',
      'cpu s',
      'routes',
      'feasible',
    ],
    ...rows.map((r) => [
      r.set,
      r.instance,
      String(r.n),
      String(r.cost),
      r.bks === null ? '-' : String(r.bks),
      r.gap === null ? '-' : r.gap.toFixed(2),
      r.seconds.toFixed(1),
      r.cpu.toFixed(1),
      String(r.routes),
      r.feasible ? 'yes' : 'NO',
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
  const sets = [...new Set(rows.map((r) => r.set))];
  const summary: Record<string, unknown> = {};
  for (const s of sets) {
    const rs = rows.filter((r) => r.set === s);
    const gaps = rs.filter((r) => r.gap !== null).map((r) => r.gap!);
    summary[s] = {
      instances: rs.length,
      timeLimitSeconds: limits[s],
      meanGapPercent: mean(gaps),
      maxGapPercent: gaps.length ? Math.max(...gaps) : null,
      allFeasible: rs.every((r) => r.feasible),
      meanSeconds: mean(rs.map((r) => r.seconds)),
      meanCpuSeconds: mean(rs.map((r) => r.cpu)),
    };
    console.log(`${s}: mean gap ${String(mean(gaps))} % over ${rs.length} instances`);
  }
  if (memoryMb !== null) (summary.taiyuan as Record<string, unknown>).peakRssMb = memoryMb;
  console.log(
    JSON.stringify({
      benchmark: 'routing',
      seed,
      sets: summary,
      instances: rows.map((r) => ({
        i: r.instance,
        cost: r.cost,
        gap: r.gap,
        s: r.seconds,
        cpu: r.cpu,
        ok: r.feasible,
      })),
    }),
  );
}

await main();
