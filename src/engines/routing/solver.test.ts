import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { greatCircleMatrix, travelTimeMatrix } from './distance';
import { parseInstance } from './readers';
import { solve, solveAsync } from './solver';
import { bruteForceOptimum, tinyProblem, type TinyOptions } from './testing/tiny';
import type { RoutingProblem, RoutingSolution } from './types';

function expectValid(p: RoutingProblem, sol: RoutingSolution): void {
  const check = checkSolution(p, sol.routes, sol.vehicles);
  expect(check.violations).toEqual([]);
  expect(sol.feasible).toBe(true);
  expect(sol.cost).toBeCloseTo(check.cost, 6);
}

const TINY: [string, Omit<TinyOptions, 'seed'>][] = [
  ['capacity only', { stops: 7, capacity: 15 }],
  ['time windows', { stops: 7, capacity: 40, timeWindows: true }],
  ['duration limit', { stops: 7, capacity: 100, maxRouteDuration: 180 }],
  ['stop limit', { stops: 7, capacity: 100, maxStops: 2 }],
  [
    'mixed fixed fleet',
    {
      stops: 7,
      capacity: 20,
      fleet: [
        { capacity: 20, count: 1 },
        { capacity: 15, count: 3 },
      ],
    },
  ],
  ['everything', { stops: 7, capacity: 25, timeWindows: true, maxStops: 4, maxRouteDuration: 400 }],
];

describe('solve: exact on tiny instances (brute-force optimum)', () => {
  for (const [name, opts] of TINY) {
    it(name, () => {
      for (const seed of [1, 2, 3]) {
        const p = tinyProblem({ ...opts, seed });
        const optimum = bruteForceOptimum(p);
        expect(optimum).toBeLessThan(Infinity);
        const sol = solve(p, { seed, timeLimit: 30, maxIterations: 300 });
        expectValid(p, sol);
        expect(sol.cost).toBeCloseTo(optimum, 6);
      }
    });
  }
});

describe('solve', () => {
  it('is deterministic for a seed', () => {
    const p = tinyProblem({ stops: 60, seed: 7, capacity: 40, timeWindows: true });
    const a = solve(p, { seed: 5, timeLimit: 60, maxIterations: 40, initialPopulation: 20 });
    const b = solve(p, { seed: 5, timeLimit: 60, maxIterations: 40, initialPopulation: 20 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    expectValid(p, a);
  });

  it('re-solves groups of routes (decomposition phase) deterministically', () => {
    const p = tinyProblem({ stops: 45, seed: 5, capacity: 30 });
    // A round of groups runs every 100 iterations.
    const options = {
      seed: 3,
      timeLimit: 60,
      maxIterations: 101,
      initialPopulation: 5,
      groupAbove: 30,
    };
    const a = solve(p, options);
    const b = solve(p, options);
    expectValid(p, a);
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });

  it('returns within its time limit with a feasible answer', () => {
    const p = tinyProblem({ stops: 150, seed: 3, capacity: 60 });
    const sol = solve(p, { seed: 1, timeLimit: 0.3 });
    expectValid(p, sol);
  });

  it('reports an infeasible fleet instead of failing', () => {
    const p = tinyProblem({ stops: 10, seed: 1, capacity: 5, fleet: [{ capacity: 5, count: 1 }] });
    const sol = solve(p, { seed: 1, timeLimit: 5, maxIterations: 20 });
    expect(sol.feasible).toBe(false);
    expect(checkSolution(p, sol.routes, sol.vehicles).feasible).toBe(false);
  });

  it('decomposes large problems into sectors and stays feasible', () => {
    const p = tinyProblem({ stops: 100, seed: 9, capacity: 50, timeWindows: true });
    const sol = solve(p, {
      seed: 2,
      timeLimit: 60,
      maxIterations: 10,
      initialPopulation: 10,
      decomposeAbove: 50,
      partSize: 40,
    });
    expectValid(p, sol);
  });

  it('solves decomposed parts in worker threads', async () => {
    const p = tinyProblem({
      stops: 160,
      seed: 4,
      capacity: 50,
      fleet: [{ capacity: 50, count: 40 }],
    });
    const sol = await solveAsync(p, {
      seed: 1,
      timeLimit: 60,
      maxIterations: 10,
      decomposeAbove: 100,
      partSize: 80,
    });
    expectValid(p, sol);
  });

  it('solves a city instance on real coordinates with a mixed fleet', () => {
    const n = 80;
    const lon = Float64Array.from({ length: n + 1 }, (_, i) => 112.55 + ((i * 37) % 50) / 1000);
    const lat = Float64Array.from({ length: n + 1 }, (_, i) => 37.87 + ((i * 53) % 50) / 1000);
    const distance = greatCircleMatrix(lon, lat);
    const p: RoutingProblem = {
      size: n + 1,
      distance,
      travelTime: travelTimeMatrix(distance, 25),
      demand: Int32Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : 5 + (i % 56))),
      serviceTime: Float64Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : 4)),
      timeWindows: {
        ready: Float64Array.from({ length: n + 1 }, (_, i) =>
          i === 0 ? 420 : i % 5 === 0 ? 780 : 480,
        ),
        due: Float64Array.from({ length: n + 1 }, (_, i) =>
          i === 0 ? 1200 : i % 7 === 0 && i % 5 !== 0 ? 720 : 1140,
        ),
      },
      capacity: 1000,
      fleet: [
        { capacity: 1000, count: 2 },
        { capacity: 600, count: 3 },
      ],
      maxRouteDuration: 480,
      maxStops: 30,
      coordinates: { x: lon, y: lat },
    };
    const sol = solve(p, { seed: 1, timeLimit: 60, maxIterations: 20 });
    expectValid(p, sol);
  });
});

const DATA = resolve(__dirname, '../../../../shared/data/benchmarks');

describe.runIf(existsSync(DATA))('solve: benchmark instances', () => {
  it('X-n101-k25 (CVRPLIB): feasible, integer cost, near the best known', () => {
    const inst = parseInstance(readFileSync(`${DATA}/cvrp/X-n101-k25.vrp`, 'utf8'));
    const sol = solve(inst.problem, { seed: 1, timeLimit: 60, maxIterations: 50 });
    expectValid(inst.problem, sol);
    expect(Number.isInteger(sol.cost)).toBe(true);
    expect(sol.cost).toBeGreaterThanOrEqual(27591);
    expect(sol.cost).toBeLessThan(27591 * 1.05);
  });

  it('R101 (Solomon): feasible within its 25 vehicles, near the best known', async () => {
    const inst = parseInstance(readFileSync(`${DATA}/vrptw/solomon/R101.txt`, 'utf8'));
    const sol = await solveAsync(inst.problem, {
      seed: 1,
      timeLimit: 60,
      maxIterations: 50,
      initialPopulation: 20,
    });
    expectValid(inst.problem, sol);
    expect(sol.cost).toBeGreaterThan(1642.88 - 0.01);
    expect(sol.cost).toBeLessThan(1642.88 * 1.1);
  });
});
