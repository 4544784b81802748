/**
 * Entry points: `solve` (this thread) and `solveAsync` (decomposed parts in worker threads).
 * Both return the best solution found within the time limit.
 */
import { decompose, type Part } from './decompose';
import { geneticSearch } from './genetic';
import { Model } from './model';
import { canGroup, improveByGroups } from './route-groups';
import type { RoutingProblem, RoutingSolution, SolveOptions } from './types';

const DEFAULTS = { timeLimit: 10, seed: 1, decomposeAbove: 1200, partSize: 500 };
/** Decomposition phase: above this many stops, groups of routes are re-solved on their own. */
const GROUPS = { above: 250, size: 100, iterations: 800, population: 25, passShare: 0.5 };

/** Solves in the calling thread (decomposed parts one after the other). */
export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const start = performance.now();
  const limit = (options.timeLimit ?? DEFAULTS.timeLimit) * 1000;
  const parts = partsOf(problem, options);
  if (!parts) return solveWhole(problem, options, start + limit, undefined);
  const partBudget = (limit * 0.8) / parts.length;
  const partial = parts.map((part, k) =>
    solveWhole(
      part.problem,
      { ...options, seed: (options.seed ?? DEFAULTS.seed) + k },
      performance.now() + partBudget,
      undefined,
    ),
  );
  return finish(problem, options, parts, partial, start + limit);
}

/**
 * Like `solve`, but a decomposed problem's parts are solved in parallel worker threads
 * (`options.workers`, default 2). Small problems are solved in this thread.
 */
export async function solveAsync(
  problem: RoutingProblem,
  options: SolveOptions = {},
): Promise<RoutingSolution> {
  const workers = options.workers ?? 2;
  const parts = partsOf(problem, options);
  if (!parts || workers <= 0) return solve(problem, options);
  const start = performance.now();
  const startEpoch = Date.now();
  const limit = (options.timeLimit ?? DEFAULTS.timeLimit) * 1000;
  const rounds = Math.ceil(parts.length / workers);
  const { runInWorker } = await import('./worker-pool');
  // Workers get wall-clock deadlines, so their start-up counts against the budget.
  const partial = await runInWorker(
    parts.map((part, k) => ({
      problem: part.problem,
      endEpochMs: startEpoch + (limit * 0.8 * (Math.floor(k / workers) + 1)) / rounds,
      options: {
        seed: (options.seed ?? DEFAULTS.seed) + k,
        decomposeAbove: Infinity,
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.initialPopulation !== undefined
          ? { initialPopulation: options.initialPopulation }
          : {}),
      },
    })),
    workers,
  );
  return finish(problem, options, parts, partial, start + limit);
}

function partsOf(problem: RoutingProblem, options: SolveOptions): Part[] | null {
  if (problem.size - 1 <= (options.decomposeAbove ?? DEFAULTS.decomposeAbove)) return null;
  return decompose(problem, options.partSize ?? DEFAULTS.partSize);
}

/** Puts the parts' routes back together and improves the whole with the remaining time. */
function finish(
  problem: RoutingProblem,
  options: SolveOptions,
  parts: Part[],
  partial: RoutingSolution[],
  deadline: number,
): RoutingSolution {
  const pairs: { cap: number; route: number[] }[] = [];
  parts.forEach((part, k) => {
    const sol = partial[k]!;
    const caps = expandFleet(part.problem);
    sol.routes.forEach((route, r) => {
      const cap = caps ? caps[sol.vehicles[r]!]! : problem.capacity;
      pairs.push({ cap, route: route.map((i) => part.nodes[i]!) });
    });
    // Vehicles a part left unused still exist for the whole.
    if (caps) {
      const used = new Set(sol.vehicles);
      caps.forEach((cap, v) => {
        if (!used.has(v)) pairs.push({ cap, route: [] });
      });
    }
  });
  pairs.sort((a, b) => b.cap - a.cap);
  return solveWhole(
    problem,
    options,
    deadline,
    pairs.map((p) => p.route),
  );
}

function expandFleet(p: RoutingProblem): number[] | null {
  if (!p.fleet) return null;
  const caps: number[] = [];
  for (const t of p.fleet) for (let k = 0; k < t.count; k++) caps.push(t.capacity);
  return caps;
}

function solveWhole(
  problem: RoutingProblem,
  options: SolveOptions,
  deadline: number,
  initial: number[][] | undefined,
): RoutingSolution {
  const start = performance.now();
  const model = new Model(problem, problem.timeWindows ? 40 : 20);
  const seed = options.seed ?? DEFAULTS.seed;
  const grouped = canGroup(problem) && problem.size - 1 > (options.groupAbove ?? GROUPS.above);
  const maxIterations = options.maxIterations ?? Infinity;
  const result = geneticSearch(model, {
    deadline,
    seed,
    ...(grouped
      ? {
          improve: (routes: number[][], round: number) => {
            const used = routes.filter((r) => r.length > 0);
            // (Small problems, when asked for by a low `groupAbove`, still get three groups.)
            const size = Math.min(GROUPS.size, Math.ceil((problem.size - 1) / 3));
            // Each round moves the group boundaries by about half a group.
            const perGroup = Math.max(1, Math.round((size * used.length) / (problem.size - 1)));
            return (
              improveByGroups(problem, used, {
                size,
                // With an iteration limit, a group gets no more iterations than the whole.
                iterations: Math.min(GROUPS.iterations, maxIterations),
                population: GROUPS.population,
                offset: Math.floor((round * perGroup) / 2),
                seed: seed * 7919 + round * 131,
                deadline,
                // Under a time limit, a pass may take half the time left (iterations permitting).
                budget: Number.isFinite(maxIterations)
                  ? Infinity
                  : GROUPS.passShare * Math.max(0, deadline - performance.now()),
              })?.routes ?? null
            );
          },
        }
      : {}),
    maxIterations,
    ...(options.initialPopulation !== undefined
      ? { initialPopulation: options.initialPopulation }
      : {}),
    ...(initial ? { initial } : {}),
    ...(options.onImprovement
      ? {
          onImprovement: (c: number) =>
            options.onImprovement!((performance.now() - start) / 1000, c),
        }
      : {}),
  });
  const routes: number[][] = [];
  const vehicles: number[] = [];
  result.routes.forEach((route, slot) => {
    if (route.length === 0) return;
    routes.push(route.slice());
    vehicles.push(model.fleetIndex ? model.fleetIndex[slot]! : routes.length - 1);
  });
  return { cost: result.distance, routes, vehicles, feasible: result.feasible };
}
