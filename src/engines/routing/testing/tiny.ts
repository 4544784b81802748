/**
 * Test helpers: small random instances and an exhaustive optimum (every order of every subset of
 * stops, then the best partition into routes), usable up to about 8 stops.
 */
import { euclideanMatrix } from '../distance';
import { Rng } from '../rng';
import type { RoutingProblem } from '../types';

export interface TinyOptions {
  stops: number;
  seed: number;
  capacity: number;
  timeWindows?: boolean;
  maxRouteDuration?: number;
  maxStops?: number;
  fleet?: { capacity: number; count: number }[];
}

export function tinyProblem(o: TinyOptions): RoutingProblem {
  const rng = new Rng(o.seed);
  const size = o.stops + 1;
  const x = Float64Array.from({ length: size }, () => rng.int(100));
  const y = Float64Array.from({ length: size }, () => rng.int(100));
  const demand = Int32Array.from({ length: size }, (_, i) => (i === 0 ? 0 : 1 + rng.int(9)));
  const p: RoutingProblem = {
    size,
    distance: euclideanMatrix(x, y),
    demand,
    capacity: o.capacity,
    coordinates: { x, y },
  };
  if (o.timeWindows) {
    const ready = new Float64Array(size);
    const due = new Float64Array(size);
    const service = new Float64Array(size);
    due[0] = 1000;
    for (let i = 1; i < size; i++) {
      ready[i] = rng.int(300);
      // Every stop reachable on time straight from the depot, so the instance is feasible.
      due[i] = Math.max(ready[i]! + 60 + rng.int(150), Math.ceil(p.distance[i]!));
      service[i] = 10;
    }
    p.timeWindows = { ready, due };
    p.serviceTime = service;
  }
  if (o.maxRouteDuration !== undefined) p.maxRouteDuration = o.maxRouteDuration;
  if (o.maxStops !== undefined) p.maxStops = o.maxStops;
  if (o.fleet) p.fleet = o.fleet;
  return p;
}

/** Exact optimum by enumeration, or Infinity when nothing is feasible. */
export function bruteForceOptimum(p: RoutingProblem): number {
  const n = p.size - 1;
  const full = (1 << n) - 1;
  const time = p.travelTime ?? p.distance;
  const routeCost = new Float64Array(1 << n).fill(Infinity);
  const routeLoad = new Float64Array(1 << n);
  for (let mask = 1; mask <= full; mask++) {
    const nodes: number[] = [];
    let load = 0;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        nodes.push(i + 1);
        load += p.demand[i + 1]!;
      }
    }
    routeLoad[mask] = load;
    if (p.maxStops !== undefined && nodes.length > p.maxStops) continue;
    permute(nodes, 0, (order) => {
      const c = feasibleCost(p, time, order);
      if (c < routeCost[mask]!) routeCost[mask] = c;
    });
  }
  const caps = p.fleet
    ? p.fleet
        .flatMap((t) => Array.from({ length: t.count }, () => t.capacity))
        .sort((a, b) => b - a)
    : null;
  if (!caps) {
    const best = new Float64Array(1 << n).fill(Infinity);
    best[0] = 0;
    for (let mask = 1; mask <= full; mask++) {
      const low = mask & -mask;
      for (let sub = mask; sub > 0; sub = (sub - 1) & mask) {
        if (!(sub & low) || routeLoad[sub]! > p.capacity) continue;
        const c = routeCost[sub]! + best[mask ^ sub]!;
        if (c < best[mask]!) best[mask] = c;
      }
    }
    return best[full]!;
  }
  // Fixed fleet: vehicles in order, each takes a subset (possibly none).
  let layer = new Float64Array(1 << n).fill(Infinity);
  layer[0] = 0;
  for (const cap of caps) {
    const next = layer.slice();
    for (let mask = 1; mask <= full; mask++) {
      for (let sub = mask; sub > 0; sub = (sub - 1) & mask) {
        if (routeLoad[sub]! > cap) continue;
        const c = routeCost[sub]! + layer[mask ^ sub]!;
        if (c < next[mask]!) next[mask] = c;
      }
    }
    layer = next;
  }
  return layer[full]!;
}

function permute(a: number[], k: number, visit: (order: number[]) => void): void {
  if (k === a.length) {
    visit(a);
    return;
  }
  for (let i = k; i < a.length; i++) {
    [a[k], a[i]] = [a[i]!, a[k]!];
    permute(a, k + 1, visit);
    [a[k], a[i]] = [a[i]!, a[k]!];
  }
}

/** Cost of a route in this order if it meets windows and the duration limit (latest departure). */
function feasibleCost(p: RoutingProblem, time: Float64Array, order: number[]): number {
  const n = p.size;
  const ready = (i: number): number => p.timeWindows?.ready[i] ?? 0;
  const due = (i: number): number => p.timeWindows?.due[i] ?? Infinity;
  const service = (i: number): number => (i === 0 ? 0 : (p.serviceTime?.[i] ?? 0));
  let cost = 0;
  let prev = 0;
  for (const i of order) {
    cost += p.distance[prev * n + i]!;
    prev = i;
  }
  cost += p.distance[prev * n]!;
  if (!p.timeWindows && p.maxRouteDuration === undefined) return cost;
  // The departure times worth trying are the breakpoints: leaving at the depot's opening, or so
  // as to reach some stop exactly at its opening or at its closing, or the depot at its closing.
  const candidates = [ready(0)];
  let offset = 0;
  prev = 0;
  for (const i of order) {
    offset += time[prev * n + i]!;
    candidates.push(ready(i) - offset, due(i) - offset);
    offset += service(i);
    prev = i;
  }
  candidates.push(due(0) - offset - time[prev * n]!);
  let ok = false;
  for (const dep of candidates) {
    if (dep < ready(0) || !Number.isFinite(dep)) continue;
    let t = dep;
    let good = true;
    prev = 0;
    for (const i of order) {
      t = Math.max(t + time[prev * n + i]!, ready(i));
      if (t > due(i) + 1e-9) {
        good = false;
        break;
      }
      t += service(i);
      prev = i;
    }
    t += time[prev * n]!;
    if (!good || t > due(0) + 1e-9) continue;
    if (p.maxRouteDuration !== undefined && t - dep > p.maxRouteDuration + 1e-9) continue;
    ok = true;
    break;
  }
  return ok ? cost : Infinity;
}
