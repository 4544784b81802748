/**
 * Decomposition of large problems: stops are cut into polar sectors around the depot (balanced
 * by count), each sector becomes an independent sub-problem with its share of a fixed fleet, and
 * the routes of all parts are put back together in the original numbering.
 */
import type { RoutingProblem, VehicleType } from './types';

export interface Part {
  problem: RoutingProblem;
  /** Original node index of each sub-problem node (index 0 = the depot). */
  nodes: number[];
}

/** Cuts the stops into ⌈stops / partSize⌉ sectors; null when there are no coordinates. */
export function decompose(problem: RoutingProblem, partSize: number): Part[] | null {
  const coords = problem.coordinates;
  if (!coords) return null;
  const n = problem.size;
  const stops = Array.from({ length: n - 1 }, (_, i) => i + 1);
  const angle = (i: number): number =>
    Math.atan2(coords.y[i]! - coords.y[0]!, coords.x[i]! - coords.x[0]!);
  stops.sort((a, b) => angle(a) - angle(b) || a - b);
  // Start the sweep at the widest angular gap so that no sector straddles a dense area's seam.
  let gapAt = 0;
  let widest = -1;
  for (let k = 0; k < stops.length; k++) {
    const a = angle(stops[k]!);
    const b = k + 1 < stops.length ? angle(stops[k + 1]!) : angle(stops[0]!) + 2 * Math.PI;
    if (b - a > widest) {
      widest = b - a;
      gapAt = k + 1;
    }
  }
  const swept = [...stops.slice(gapAt), ...stops.slice(0, gapAt)];
  const count = Math.max(1, Math.ceil(swept.length / partSize));
  const groups: number[][] = [];
  for (let k = 0; k < count; k++) {
    groups.push(
      swept.slice(
        Math.round((k * swept.length) / count),
        Math.round(((k + 1) * swept.length) / count),
      ),
    );
  }
  const fleets = shareFleet(problem, groups);
  return groups.map((g, k) => ({
    nodes: [0, ...g],
    problem: subProblem(problem, [0, ...g], fleets?.[k]),
  }));
}

/** Gives each vehicle, largest first, to the part whose demand is least covered. */
function shareFleet(problem: RoutingProblem, groups: number[][]): VehicleType[][] | null {
  if (!problem.fleet) return null;
  const caps: number[] = [];
  for (const t of problem.fleet) for (let k = 0; k < t.count; k++) caps.push(t.capacity);
  caps.sort((a, b) => b - a);
  const need = groups.map((g) => g.reduce((s, i) => s + problem.demand[i]!, 0));
  const shares: number[][] = groups.map(() => []);
  const stopsLeft = groups.map((g) => g.length);
  for (const cap of caps) {
    let best = 0;
    let bestScore = -Infinity;
    need.forEach((q, k) => {
      // Parts that cannot yet be served within maxStops get vehicles first.
      const stopNeed = problem.maxStops ? stopsLeft[k]! / problem.maxStops : 0;
      const score = Math.max(q / cap, stopNeed);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    });
    shares[best]!.push(cap);
    need[best]! -= cap;
    if (problem.maxStops) stopsLeft[best]! -= problem.maxStops;
  }
  return shares.map((s) => {
    const types = new Map<number, number>();
    for (const c of s) types.set(c, (types.get(c) ?? 0) + 1);
    return [...types].map(([capacity, count]) => ({ capacity, count }));
  });
}

export function subProblem(
  p: RoutingProblem,
  nodes: number[],
  fleet?: VehicleType[],
): RoutingProblem {
  const k = nodes.length;
  const sub = (m: Float64Array): Float64Array => {
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      const row = nodes[i]! * p.size;
      for (let j = 0; j < k; j++) out[i * k + j] = m[row + nodes[j]!]!;
    }
    return out;
  };
  const pick = (a: ArrayLike<number>): Float64Array => Float64Array.from(nodes, (i) => a[i]!);
  const out: RoutingProblem = {
    size: k,
    distance: sub(p.distance),
    demand: Int32Array.from(nodes, (i) => p.demand[i]!),
    capacity: p.capacity,
  };
  if (p.travelTime) out.travelTime = sub(p.travelTime);
  if (p.serviceTime) out.serviceTime = pick(p.serviceTime);
  if (p.timeWindows)
    out.timeWindows = { ready: pick(p.timeWindows.ready), due: pick(p.timeWindows.due) };
  if (fleet) out.fleet = fleet.length > 0 ? fleet : [{ capacity: p.capacity, count: 1 }];
  if (p.maxRouteDuration !== undefined) out.maxRouteDuration = p.maxRouteDuration;
  if (p.maxStops !== undefined) out.maxStops = p.maxStops;
  if (p.coordinates) out.coordinates = { x: pick(p.coordinates.x), y: pick(p.coordinates.y) };
  return out;
}
