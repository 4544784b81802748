/**
 * Allocation benchmark: `npx tsx bench/allocation/run.ts`.
 *
 * Synthesises a full-scale Shanxi week (bench/allocation/province.ts) and measures the preview of
 * all 120 brand-specs, the re-preview of one method-B brand-spec (117 cells), peak memory, and
 * HiGHS on a handful of the same single-product instances (same rounding MIP as the tests) with
 * the ratio HiGHS / engine. Readable lines go to stderr; the last stdout line is one JSON object.
 */
import loadHighs from 'highs';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { allocate, idealQuotas, type AllocationProblem } from '../../src/engines/allocation';
import { maxChoice } from '../../src/engines/allocation/choice';
import { rng, roundingMip } from '../../src/engines/allocation/testkit';
import { synthesiseWeek } from './province';

const log = (s: string) => process.stderr.write(s + '\n');
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const t0 = performance.now();
const week = synthesiseWeek(2022);
const synthMs = performance.now() - t0;
const problems: AllocationProblem[] = [...week.methodA.flat(), ...week.methodB];
log(
  `province: ${week.retailers} retailers, ${week.counties.length} counties, ` +
    `${week.methodA.length} method-A products × 11 cities + ${week.methodB.length} method-B products (synthesised in ${round(synthMs)} ms)`,
);

// Warm up the JIT on the whole week once, and record how each rounding was settled.
const methods: Record<string, number> = { trivial: 0, greedy: 0, dp: 0 };
let idle = 0;
let released = 0;
for (const p of problems) {
  const r = allocate(p);
  methods[r.stats.method]!++;
  idle += r.idle;
  released += r.allocated;
}

const weekRuns: number[] = [];
for (let rep = 0; rep < 7; rep++) {
  const s = performance.now();
  for (const p of problems) allocate(p);
  weekRuns.push(performance.now() - s);
}
const fullWeekMs = percentile(weekRuns, 50);
log(
  `full week (120 products, ${problems.length} plans): median ${round(fullWeekMs)} ms, min ${round(Math.min(...weekRuns))} ms`,
);

const single: number[] = [];
const perProduct: number[] = [];
for (const p of week.methodB) {
  const times: number[] = [];
  for (let rep = 0; rep < 10; rep++) {
    const s = performance.now();
    allocate(p);
    times.push(performance.now() - s);
  }
  single.push(...times);
  perProduct.push(percentile(times, 50));
}
const singleP50 = percentile(single, 50);
const singleP99 = percentile(single, 99);
log(
  `one method-B product (117 cells), ${single.length} runs: p50 ${round(singleP50, 3)} ms, p99 ${round(singleP99, 3)} ms, max ${round(Math.max(...single), 3)} ms`,
);

// Adversarial rounding: weights ≡ 0 (mod 3) but one weight 1 and a budget ≡ 2 (mod 3), so the
// budget is unreachable and the DP cannot stop early — the worst case, not a real plan.
const adversarial = (() => {
  const rand = rng(1);
  const groups: number[][] = [[1]];
  let all = 1;
  for (let g = 0; g < 3500; g++) {
    const a = 3 * (1 + Math.floor(rand() * 20));
    const b = a + 3 * (1 + Math.floor(rand() * 20));
    groups.push([a, b]);
    all += b;
  }
  const budget = 3 * Math.floor(all / 6) + 2;
  const times: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const s = performance.now();
    maxChoice(groups, budget);
    times.push(performance.now() - s);
  }
  return { budget, ms: percentile(times, 50) };
})();
log(
  `adversarial DP (3,501 groups, slack ${adversarial.budget}, unreachable): median ${round(adversarial.ms, 1)} ms`,
);

const mem = process.memoryUsage();
const maxRssMb = resourceUsage().maxRSS / 1024;
log(
  `memory: rss ${round(mem.rss / 2 ** 20)} MB, heap ${round(mem.heapUsed / 2 ** 20)} MB, maxRSS ${round(maxRssMb)} MB (before loading HiGHS)`,
);

// HiGHS on the same instances: the first five method-B products and five city plans.
const hl = performance.now();
const highs = await loadHighs();
const highsLoadMs = performance.now() - hl;
const sample = [...week.methodB.slice(0, 5), ...week.methodA.slice(0, 5).map((plans) => plans[0]!)];
const comparisons: {
  cells: number;
  engineMs: number;
  highsMs: number;
  status: string;
  agree: boolean;
}[] = [];
for (const p of sample) {
  const times: number[] = [];
  let result = allocate(p);
  for (let rep = 0; rep < 5; rep++) {
    const s = performance.now();
    result = allocate(p);
    times.push(performance.now() - s);
  }
  const engineMs = percentile(times, 50);
  const hs = performance.now();
  const { lo, hi } = idealQuotas(p);
  const { base, lp } = roundingMip(p, lo, hi);
  let optimum = base;
  let status = 'Optimal';
  if (lp !== undefined) {
    const sol = highs.solve(lp, {
      output_flag: false,
      mip_rel_gap: 0,
      mip_abs_gap: 0,
      time_limit: 30,
    });
    status = sol.Status;
    optimum = base + Math.round(sol.ObjectiveValue);
  }
  const highsMs = performance.now() - hs;
  comparisons.push({
    cells: p.cells.length,
    engineMs,
    highsMs,
    status,
    agree: optimum === result.allocated,
  });
  log(
    `  ${p.cells.length} cells: engine ${round(engineMs, 3)} ms, HiGHS ${round(highsMs, 1)} ms (${status}), same optimum: ${optimum === result.allocated}`,
  );
}
const ratios = comparisons.map((c) => c.highsMs / Math.max(c.engineMs, 1e-3));

const figures = {
  bench: 'allocation',
  retailers: week.retailers,
  products: week.methodA.length + week.methodB.length,
  plans: problems.length,
  fullWeekMs: round(fullWeekMs),
  fullWeekTargetMs: 1000,
  singleProductP50Ms: round(singleP50, 3),
  singleProductP99Ms: round(singleP99, 3),
  singleProductTargetMs: 50,
  adversarialDpMs: round(adversarial.ms, 1),
  maxRssMb: round(maxRssMb),
  memoryTargetMb: 300,
  rounding: methods,
  idleShare: round(idle / (idle + released), 6),
  highsLoadMs: round(highsLoadMs),
  highsInstances: comparisons.length,
  highsMedianMs: round(
    percentile(
      comparisons.map((c) => c.highsMs),
      50,
    ),
  ),
  engineMedianMs: round(
    percentile(
      comparisons.map((c) => c.engineMs),
      50,
    ),
    3,
  ),
  highsOverEngineMedian: round(percentile(ratios, 50), 1),
  highsAgrees: comparisons.every((c) => c.agree && c.status === 'Optimal'),
};
process.stdout.write(JSON.stringify(figures) + '\n');
