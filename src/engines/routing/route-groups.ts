/**
 * Decomposition phase for large problems (after Santini, Schneider, Vidal & Vigo 2023,
 * "Decomposition strategies for vehicle routing heuristics", barycentre clustering): the routes
 * of a good solution are ordered by the polar angle of their barycentre around the depot, cut
 * into consecutive groups of about `size` stops, and each group is solved as a problem of its
 * own by the genetic search, seeded with its current routes. A group's routes are replaced only
 * by a shorter feasible answer, so the solution never gets worse.
 *
 * Why: the local search of one child costs more than linearly in the number of stops, so on a
 * thousand stops a one-minute budget buys only a few hundred children for the whole problem,
 * while groups of a hundred stops get thousands between them.
 */
import { subProblem } from './decompose';
import { geneticSearch } from './genetic';
import { Model } from './model';
import type { RoutingProblem } from './types';

export interface GroupOptions {
  /** Stops per group (about). */
  size: number;
  /** Genetic iterations per group. */
  iterations: number;
  /** Random individuals each group's search starts from, beside the current routes. */
  population: number;
  /** Index of the route (in barycentre order) the first group starts at. */
  offset: number;
  seed: number;
  deadline: number;
  /**
   * Time for the whole pass (ms), shared equally by the groups still to solve; Infinity to let
   * every group run its iterations.
   */
  budget: number;
}

/** Whether a problem can be improved group by group: planar, unlimited fleet. */
export function canGroup(p: RoutingProblem): boolean {
  return p.coordinates !== undefined && p.fleet === undefined;
}

/** Route indices ordered by the polar angle of each route's barycentre around the depot. */
export function routesByAngle(p: RoutingProblem, routes: readonly number[][]): number[] {
  const { x, y } = p.coordinates!;
  const angle = routes.map((r) => {
    let sx = 0;
    let sy = 0;
    for (const u of r) {
      sx += x[u]! - x[0]!;
      sy += y[u]! - y[0]!;
    }
    return Math.atan2(sy, sx);
  });
  return routes
    .map((_, i) => i)
    .filter((i) => routes[i]!.length > 0)
    .sort((a, b) => angle[a]! - angle[b]! || a - b);
}

/** Consecutive routes (in angle order, starting at `offset`) of about `size` stops each. */
export function groupRoutes(
  routes: readonly number[][],
  order: readonly number[],
  size: number,
  offset: number,
): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    const r = order[(offset + k) % order.length]!;
    group.push(r);
    count += routes[r]!.length;
    if (count >= size) {
      groups.push(group);
      group = [];
      count = 0;
    }
  }
  if (group.length > 0) {
    // A small remainder joins the last group rather than being solved alone.
    if (groups.length > 0 && count < size / 2) groups[groups.length - 1]!.push(...group);
    else groups.push(group);
  }
  return groups;
}

/**
 * One pass over all groups. Returns the improved routes (non-empty only) and their total
 * distance, or null when no group improved.
 */
export function improveByGroups(
  p: RoutingProblem,
  routes: readonly number[][],
  opts: GroupOptions,
): { routes: number[][]; distance: number } | null {
  const order = routesByAngle(p, routes);
  if (order.length === 0) return null;
  const groups = groupRoutes(routes, order, opts.size, opts.offset % order.length);
  if (groups.length < 2) return null;
  const out: number[][] = [];
  let improved = false;
  const passEnd = Math.min(opts.deadline, performance.now() + opts.budget);
  groups.forEach((group, k) => {
    const now = performance.now();
    const groupEnd = Math.min(passEnd, now + (passEnd - now) / (groups.length - k));
    if (now >= passEnd) {
      for (const r of group) out.push(routes[r]!.slice());
      return;
    }
    const nodes = [0];
    const local = new Map<number, number>();
    for (const r of group) {
      for (const u of routes[r]!) {
        local.set(u, nodes.length);
        nodes.push(u);
      }
    }
    const sub = subProblem(p, nodes);
    const model = new Model(sub, sub.timeWindows ? 40 : 20);
    const initial = group.map((r) => routes[r]!.map((u) => local.get(u)!));
    const before = routeDistance(sub, initial);
    const result = geneticSearch(model, {
      deadline: groupEnd,
      seed: opts.seed + k,
      maxIterations: opts.iterations,
      initialPopulation: opts.population,
      initial,
    });
    if (result.feasible && result.distance < before - 1e-6) {
      improved = true;
      for (const r of result.routes) if (r.length > 0) out.push(r.map((i) => nodes[i]!));
    } else for (const r of group) out.push(routes[r]!.slice());
  });
  if (!improved) return null;
  return { routes: out, distance: routeDistance(p, out) };
}

function routeDistance(p: RoutingProblem, routes: readonly number[][]): number {
  const n = p.size;
  let total = 0;
  for (const r of routes) {
    let prev = 0;
    for (const u of r) {
      total += p.distance[prev * n + u]!;
      prev = u;
    }
    if (r.length > 0) total += p.distance[prev * n]!;
  }
  return total;
}
