/**
 * An independent checker: recomputes cost and feasibility of a set of routes from the problem
 * alone, sharing no code with the solver, so the tests and the benchmark can trust its verdict.
 */
import type { RoutingProblem } from './types';

export interface CheckResult {
  feasible: boolean;
  /** Sum of travel costs over every route, depot to depot. */
  cost: number;
  violations: string[];
}

/** Slack for floating-point time arithmetic. */
const EPS = 1e-6;

/**
 * Checks routes given as node indices (1..size-1, depot omitted). `vehicles`, when given, names
 * the vehicle (index into the fleet expanded type by type) serving each route; otherwise the
 * routes are matched to vehicles largest load to largest capacity, which finds an assignment
 * whenever one exists.
 */
export function checkSolution(
  problem: RoutingProblem,
  routes: readonly (readonly number[])[],
  vehicles?: readonly number[],
): CheckResult {
  const { size, distance } = problem;
  const time = problem.travelTime ?? distance;
  const violations: string[] = [];
  const seen = new Uint8Array(size);
  let cost = 0;
  const loads: number[] = [];
  routes.forEach((route, r) => {
    let load = 0;
    let prev = 0;
    for (const node of route) {
      if (!Number.isInteger(node) || node < 1 || node >= size) {
        violations.push(`route ${r}: invalid node ${node}`);
        return;
      }
      if (seen[node]) violations.push(`node ${node} visited more than once`);
      seen[node] = 1;
      load += problem.demand[node]!;
      cost += distance[prev * size + node]!;
      prev = node;
    }
    cost += distance[prev * size]!;
    loads.push(load);
    if (problem.maxStops !== undefined && route.length > problem.maxStops)
      violations.push(`route ${r}: ${route.length} stops > ${problem.maxStops}`);
    const duration = routeTiming(problem, time, route, r, violations);
    if (problem.maxRouteDuration !== undefined && duration > problem.maxRouteDuration + EPS)
      violations.push(`route ${r}: duration ${duration} > ${problem.maxRouteDuration}`);
  });
  for (let i = 1; i < size; i++) if (!seen[i]) violations.push(`node ${i} not visited`);
  checkCapacities(problem, routes, loads, vehicles, violations);
  return { feasible: violations.length === 0, cost, violations };
}

/**
 * Simulates a route leaving the depot as late as possible without missing a window (which gives
 * the shortest duration for that visiting order), records window violations and returns the
 * duration from departure to return.
 */
function routeTiming(
  problem: RoutingProblem,
  time: Float64Array,
  route: readonly number[],
  r: number,
  violations: string[],
): number {
  const n = problem.size;
  const service = (i: number): number => (i === 0 ? 0 : (problem.serviceTime?.[i] ?? 0));
  const ready = (i: number): number => problem.timeWindows?.ready[i] ?? 0;
  const due = (i: number): number => problem.timeWindows?.due[i] ?? Infinity;
  // Latest start of service at each stop that still meets every later window, backwards.
  let latest = due(0);
  let next = 0;
  for (let k = route.length - 1; k >= 0; k--) {
    const i = route[k]!;
    latest = Math.min(due(i), latest - service(i) - time[i * n + next]!);
    next = i;
  }
  const latestDeparture = latest - time[next]!;
  let t = Math.max(ready(0), Math.min(latestDeparture, Infinity));
  if (!Number.isFinite(t)) t = ready(0);
  const departure = t;
  let prev = 0;
  for (const i of route) {
    t = Math.max(t + time[prev * n + i]!, ready(i));
    if (t > due(i) + EPS) violations.push(`route ${r}: node ${i} served at ${t} after ${due(i)}`);
    t += service(i);
    prev = i;
  }
  t += time[prev * n]!;
  if (t > due(0) + EPS) violations.push(`route ${r}: back at depot at ${t} after ${due(0)}`);
  return t - departure;
}

function checkCapacities(
  problem: RoutingProblem,
  routes: readonly (readonly number[])[],
  loads: number[],
  vehicles: readonly number[] | undefined,
  violations: string[],
): void {
  if (!problem.fleet) {
    loads.forEach((load, r) => {
      if (load > problem.capacity)
        violations.push(`route ${r}: load ${load} > ${problem.capacity}`);
    });
    return;
  }
  const caps: number[] = [];
  for (const type of problem.fleet) for (let k = 0; k < type.count; k++) caps.push(type.capacity);
  const used = routes.map((_, r) => r).filter((r) => routes[r]!.length > 0);
  if (vehicles) {
    const taken = new Set<number>();
    for (const r of used) {
      const v = vehicles[r];
      if (v === undefined || v < 0 || v >= caps.length) {
        violations.push(`route ${r}: no vehicle`);
        continue;
      }
      if (taken.has(v)) violations.push(`vehicle ${v} used twice`);
      taken.add(v);
      if (loads[r]! > caps[v]!) violations.push(`route ${r}: load ${loads[r]} > ${caps[v]}`);
    }
    return;
  }
  if (used.length > caps.length) violations.push(`${used.length} routes > ${caps.length} vehicles`);
  const sortedLoads = used.map((r) => loads[r]!).sort((a, b) => b - a);
  const sortedCaps = [...caps].sort((a, b) => b - a);
  sortedLoads.forEach((load, k) => {
    if (k < sortedCaps.length && load > sortedCaps[k]!)
      violations.push(`a route with load ${load} fits no remaining vehicle`);
  });
}
