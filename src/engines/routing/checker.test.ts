import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrix } from './distance';
import type { RoutingProblem } from './types';

// Depot at the origin, stops on a line: 1 at x=10, 2 at x=20, 3 at x=30.
function line(extra: Partial<RoutingProblem> = {}): RoutingProblem {
  const x = [0, 10, 20, 30];
  const y = [0, 0, 0, 0];
  return {
    size: 4,
    distance: euclideanMatrix(x, y),
    demand: [0, 3, 4, 5],
    capacity: 10,
    ...extra,
  };
}

describe('checkSolution', () => {
  it('sums every edge depot to depot', () => {
    const r = checkSolution(line(), [[1, 2], [3]]);
    expect(r.cost).toBe(20 + 20 + 60);
    expect(r.feasible).toBe(true);
  });

  it('flags a missing, a repeated and an unknown stop', () => {
    expect(checkSolution(line(), [[1, 2]]).violations).toContain('node 3 not visited');
    expect(checkSolution(line(), [[1, 2, 3, 1]]).violations).toContain(
      'node 1 visited more than once',
    );
    expect(checkSolution(line(), [[1, 2, 3, 7]]).feasible).toBe(false);
  });

  it('flags capacity, stop-count and fleet-size excess', () => {
    expect(checkSolution(line(), [[1, 2, 3]]).violations).toEqual(['route 0: load 12 > 10']);
    expect(checkSolution(line({ maxStops: 1 }), [[1, 2], [3]]).violations).toEqual([
      'route 0: 2 stops > 1',
    ]);
    const fleet = line({ fleet: [{ capacity: 10, count: 1 }] });
    expect(checkSolution(fleet, [[1, 2], [3]]).feasible).toBe(false);
    const mixed = line({
      fleet: [
        { capacity: 5, count: 1 },
        { capacity: 7, count: 1 },
      ],
    });
    expect(checkSolution(mixed, [[1, 2], [3]]).feasible).toBe(true);
    expect(checkSolution(mixed, [[1, 2], [3]], [1, 0]).feasible).toBe(true);
    expect(checkSolution(mixed, [[1, 2], [3]], [0, 1]).feasible).toBe(false);
  });

  it('checks windows with waiting, and the return to the depot', () => {
    const tw = line({
      capacity: 20,
      timeWindows: { ready: [0, 50, 0, 0], due: [200, 60, 65, 100] },
      serviceTime: [0, 5, 5, 5],
    });
    // Arrive at 1 at 10, wait to 50, leave 55, reach 2 at 65 (on time), 3 at 80, back at 110.
    expect(checkSolution(tw, [[1, 2, 3]]).feasible).toBe(true);
    // 2 before 1: fine at 2 (20), then 1 at 35 → wait to 50; 3 at 75; back 110.
    expect(checkSolution(tw, [[2, 1, 3]]).feasible).toBe(true);
    // 3 first: reaches 1 at 30+5+20 = 55, then 2 at 70 > 65.
    expect(checkSolution(tw, [[3, 1, 2]]).violations[0]).toMatch(/node 2 served at 70/);
    const late = line({
      capacity: 20,
      timeWindows: { ready: [0, 0, 0, 0], due: [60, 100, 100, 100] },
    });
    expect(checkSolution(late, [[1, 2, 3]]).violations).toEqual([]);
    expect(checkSolution(late, [[3, 1, 2]]).violations).toEqual([
      'route 0: back at depot at 80 after 60',
    ]);
  });

  it('measures duration from the latest useful departure', () => {
    // Stop 1 opens at 100: leaving at 90 instead of 0 gives a 20-minute route.
    const p = line({
      timeWindows: { ready: [0, 100, 0, 0], due: [1000, 200, 1000, 1000] },
      maxRouteDuration: 20,
    });
    expect(checkSolution(p, [[1], [2], [3]]).violations).toEqual([
      'route 1: duration 40 > 20',
      'route 2: duration 60 > 20',
    ]);
  });
});
