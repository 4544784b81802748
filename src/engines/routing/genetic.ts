/**
 * The hybrid genetic search loop (after Vidal 2022, HGS-CVRP, and PyVRP's design): parents by
 * binary tournament, ordered crossover on giant tours, optimal split, granular local search,
 * repair of infeasible children with tenfold penalties, adaptive penalties aiming at ~20 %
 * feasible children, and a restart when the search stalls. Single-threaded, deterministic for a
 * seed up to the time limit.
 */
import { Individual } from './individual';
import { LocalSearch, type Penalties } from './local-search';
import type { Model } from './model';
import { DEFAULT_POPULATION, Population } from './population';
import { Rng } from './rng';
import { split } from './split';

export interface GeneticOptions {
  deadline: number;
  seed: number;
  maxIterations: number;
  /** Iterations without improvement before the population is restarted. */
  restartAfter?: number;
  /** Random individuals generated at the start and at each restart. */
  initialPopulation?: number;
  /** Routes to seed the population with (e.g. from a decomposition). */
  initial?: number[][];
  onImprovement?: (cost: number) => void;
  /**
   * Decomposition phase (large problems): improves the best feasible routes part by part and
   * returns better routes, or null. Rounds start after `improveAfter` of the budget and then
   * alternate with the genetic search, which gets `improveShare` of the time between rounds
   * (with an iteration limit: a round every `improveEvery` iterations, so the work is fixed).
   */
  improve?: (routes: number[][], round: number) => number[][] | null;
  improveAfter?: number;
  improveShare?: number;
  improveEvery?: number;
}

export interface GeneticResult {
  routes: number[][];
  distance: number;
  feasible: boolean;
  iterations: number;
}

const TARGET_FEASIBLE = 0.2;
const PENALTY_WINDOW = 40;
/** Share of the time budget the random initial population may take before crossover starts. */
const INITIAL_SHARE = 0.15;

export function geneticSearch(m: Model, opts: GeneticOptions): GeneticResult {
  const rng = new Rng(opts.seed);
  const ls = new LocalSearch(m);
  const pop = new Population(DEFAULT_POPULATION);
  const pen: Penalties = {
    load: Math.max(0.1, Math.min(1000, m.maxDist / Math.max(1, m.maxDemand))),
    time: timeScale(m),
  };
  const restartAfter = opts.restartAfter ?? 20000;
  let best: Individual | null = null;
  let bestInfeasible: Individual | null = null;
  let loadFeasibleCount = 0;
  let timeFeasibleCount = 0;
  let sampled = 0;
  const timeUp = (): boolean => performance.now() > opts.deadline;

  const educate = (routes: number[][]): Individual => {
    ls.load(routes);
    ls.run(rng, pen, opts.deadline);
    const ind = new Individual(m, ls.getRoutes(), pen);
    sampled++;
    if (ind.excessLoad === 0) loadFeasibleCount++;
    if (ind.excessTime < 1e-9) timeFeasibleCount++;
    // Penalties follow the share of feasible children, counted over the last few dozen.
    if (sampled === PENALTY_WINDOW) {
      adapt(pen, 'load', loadFeasibleCount / sampled);
      if (m.hasTime) adapt(pen, 'time', timeFeasibleCount / sampled);
      loadFeasibleCount = timeFeasibleCount = sampled = 0;
      pop.reprice(pen);
    }
    return ind;
  };

  /** Adds the child; returns whether it improved the best feasible solution. */
  const insert = (ind: Individual): boolean => {
    pop.add(ind);
    if (!ind.feasible && (!bestInfeasible || ind.penalisedCost < bestInfeasible.penalisedCost))
      bestInfeasible = ind;
    if (ind.feasible && (!best || ind.distance < best.distance - 1e-9)) {
      best = ind;
      opts.onImprovement?.(ind.distance);
      return true;
    }
    return false;
  };

  const addWithRepair = (ind: Individual): boolean => {
    let improved = insert(ind);
    if (!ind.feasible && rng.float() < 0.5 && !timeUp()) {
      ls.run(rng, { load: pen.load * 10, time: pen.time * 10 }, opts.deadline);
      const repaired = new Individual(m, ls.getRoutes(), pen);
      if (repaired.feasible) improved = insert(repaired) || improved;
    }
    return improved;
  };

  const N = m.n - 1;
  const initialPopulation = (): void => {
    const tour = Int32Array.from({ length: N }, (_, i) => i + 1);
    // On short budgets or large problems, crossover starts once a share of the time is spent.
    // (Not with an iteration limit: then the work done is fixed, and so is the result.)
    const cutoff = Number.isFinite(opts.maxIterations)
      ? Infinity
      : performance.now() + INITIAL_SHARE * Math.max(0, opts.deadline - performance.now());
    const count = opts.initialPopulation ?? 4 * DEFAULT_POPULATION.mu;
    for (let k = 0; k < count && !timeUp(); k++) {
      if (k >= 2 && performance.now() > cutoff) break;
      rng.shuffle(tour);
      addWithRepair(educate(split(m, tour, pen)));
    }
  };

  if (opts.initial) {
    // The given solution itself competes too, so the search never returns anything worse.
    insert(new Individual(m, opts.initial, pen));
    addWithRepair(educate(opts.initial));
  }
  const startedAt = performance.now();
  initialPopulation();
  let iterations = 0;
  let sinceImprovement = 0;
  const child = new Int32Array(N);
  const used = new Uint8Array(m.n);
  const byTime = !Number.isFinite(opts.maxIterations);
  let nextRound = byTime
    ? startedAt + (opts.improveAfter ?? 0.2) * Math.max(0, opts.deadline - startedAt)
    : 0;
  let rounds = 0;
  const improveRound = (): void => {
    const from = best as Individual | null;
    if (!from) return;
    const roundStart = performance.now();
    const routes = opts.improve!(from.routes, rounds++);
    if (routes) {
      insert(new Individual(m, routes, pen));
      // The whole-problem local search then works across the groups' borders.
      if (!timeUp()) addWithRepair(educate(routes));
    }
    const spent = performance.now() - roundStart;
    const share = opts.improveShare ?? 0.3;
    nextRound = performance.now() + (spent * share) / (1 - share);
  };
  while (!timeUp() && iterations < opts.maxIterations && pop.size() > 0) {
    if (
      opts.improve &&
      (byTime
        ? performance.now() >= nextRound
        : iterations > 0 && iterations % (opts.improveEvery ?? 100) === 0)
    ) {
      improveRound();
      if (timeUp()) break;
    }
    iterations++;
    const p1 = pop.select(rng);
    const p2 = pop.select(rng);
    orderCrossover(rng, p1.tour, p2.tour, child, used);
    const improved = addWithRepair(educate(split(m, child, pen)));
    sinceImprovement = improved ? 0 : sinceImprovement + 1;
    if (sinceImprovement >= restartAfter) {
      pop.clear();
      sinceImprovement = 0;
      initialPopulation();
    }
  }
  const chosen: Individual | null = best ?? bestInfeasible;
  if (!chosen) throw new Error('internal: no solution produced');
  const result = chosen as Individual;
  return {
    routes: result.routes,
    distance: result.distance,
    feasible: result.feasible,
    iterations,
  };
}

/** Cost of one unit of time warp: what the vehicle would travel in that time, on average. */
function timeScale(m: Model): number {
  let d = 0;
  let t = 0;
  for (let k = 0; k < m.dist.length; k += 7) {
    d += m.dist[k]!;
    t += m.time[k]!;
  }
  return t > 0 ? Math.max(0.1, d / t) : 1;
}

function adapt(pen: Penalties, key: 'load' | 'time', feasibleShare: number): void {
  if (feasibleShare < TARGET_FEASIBLE - 0.05) pen[key] = Math.min(100000, pen[key] * 1.3);
  else if (feasibleShare > TARGET_FEASIBLE + 0.05) pen[key] = Math.max(0.1, pen[key] * 0.85);
}

/** OX: a random slice of the first parent kept in place, the rest in the second's order. */
function orderCrossover(
  rng: Rng,
  a: Int32Array,
  b: Int32Array,
  child: Int32Array,
  used: Uint8Array,
): void {
  const N = a.length;
  used.fill(0);
  const start = rng.int(N);
  let end = rng.int(N);
  while (N > 1 && end === start) end = rng.int(N);
  let k = start;
  for (;;) {
    child[k] = a[k]!;
    used[a[k]!] = 1;
    if (k === end) break;
    k = (k + 1) % N;
  }
  let out = (end + 1) % N;
  for (let i = 1; i <= N; i++) {
    const x = b[(end + i) % N]!;
    if (used[x]) continue;
    child[out] = x;
    out = (out + 1) % N;
  }
}
