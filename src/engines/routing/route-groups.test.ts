import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrix } from './distance';
import { canGroup, groupRoutes, improveByGroups, routesByAngle } from './route-groups';
import { tinyProblem } from './testing/tiny';
import type { RoutingProblem } from './types';

/** Depot at the origin, stop i at the given point; unit demands. */
function planar(points: [number, number][], capacity = 10): RoutingProblem {
  const x = Float64Array.from([0, ...points.map((p) => p[0])]);
  const y = Float64Array.from([0, ...points.map((p) => p[1])]);
  return {
    size: points.length + 1,
    distance: euclideanMatrix(x, y),
    demand: Int32Array.from({ length: points.length + 1 }, (_, i) => (i === 0 ? 0 : 1)),
    capacity,
    coordinates: { x, y },
  };
}

function length(p: RoutingProblem, routes: number[][]): number {
  return checkSolution(p, routes).cost;
}

describe('routesByAngle', () => {
  it('orders routes by the polar angle of their barycentre and skips empty ones', () => {
    // Stops 1–2 at 90°, 3–4 at 180°, 5 at -90°, 6 at 0°.
    const p = planar([
      [0, 5],
      [1, 6],
      [-5, 0],
      [-6, 1],
      [0, -5],
      [5, 0],
    ]);
    const routes = [[1, 2], [], [3, 4], [5], [6]];
    expect(routesByAngle(p, routes)).toEqual([3, 4, 0, 2]);
  });
});

describe('groupRoutes', () => {
  const routes = [[1, 2, 3], [4, 5], [6], [7, 8, 9, 10], [11, 12]];
  const order = [0, 1, 2, 3, 4];

  it('cuts consecutive routes into groups of at least the given number of stops', () => {
    expect(groupRoutes(routes, order, 4, 0)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('starts at the offset and wraps around', () => {
    expect(groupRoutes(routes, order, 4, 3)).toEqual([[3], [4, 0], [1, 2]]);
  });

  it('joins a small remainder to the last group', () => {
    expect(groupRoutes(routes, order, 5, 0)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });
});

describe('improveByGroups', () => {
  it('applies to planar problems with an unlimited fleet only', () => {
    const p = tinyProblem({ stops: 10, seed: 1, capacity: 20 });
    expect(canGroup(p)).toBe(true);
    expect(canGroup({ ...p, fleet: [{ capacity: 20, count: 9 }] })).toBe(false);
    const { coordinates: _, ...flat } = p;
    expect(canGroup(flat)).toBe(false);
  });

  it('shortens a poor solution, keeps every stop once and stays feasible', () => {
    const p = tinyProblem({ stops: 60, seed: 11, capacity: 40 });
    // Poor start: stops in index order, cut whenever the van is full.
    const routes: number[][] = [[]];
    let load = 0;
    for (let i = 1; i < p.size; i++) {
      if (load + p.demand[i]! > p.capacity) {
        routes.push([]);
        load = 0;
      }
      routes[routes.length - 1]!.push(i);
      load += p.demand[i]!;
    }
    const before = length(p, routes);
    const options = {
      size: 20,
      iterations: 15,
      population: 3,
      offset: 0,
      seed: 1,
      deadline: Infinity,
      budget: Infinity,
    };
    const out = improveByGroups(p, routes, options);
    expect(out).not.toBeNull();
    const check = checkSolution(p, out!.routes);
    expect(check.violations).toEqual([]);
    expect(out!.distance).toBeCloseTo(check.cost, 6);
    expect(out!.distance).toBeLessThan(before);
    expect(out!.routes.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: p.size - 1 }, (_, i) => i + 1),
    );
    // Deterministic for a seed.
    const again = improveByGroups(p, routes, options);
    expect(again!.routes).toEqual(out!.routes);
  });

  it('returns null when there is a single group', () => {
    const p = tinyProblem({ stops: 12, seed: 2, capacity: 100 });
    const routes = [Array.from({ length: 12 }, (_, i) => i + 1)];
    expect(
      improveByGroups(p, routes, {
        size: 50,
        iterations: 10,
        population: 2,
        offset: 0,
        seed: 1,
        deadline: Infinity,
        budget: Infinity,
      }),
    ).toBeNull();
  });
});
