import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { idealQuotas } from './ideal';
import { randomProblem, rng, roundingMip, type InstanceKind } from './testkit';
import type { AllocationProblem } from './types';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;

beforeAll(async () => {
  highs = await loadHighs();
});

/** Σ c·x of the optimal rounding according to HiGHS (gaps set to 0: a proven optimum). */
function mipOptimum(problem: AllocationProblem): number {
  const { lo, hi } = idealQuotas(problem);
  const { base, lp } = roundingMip(problem, lo, hi);
  if (lp === undefined) return base;
  const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}\n${lp}`);
  return base + Math.round(solution.ObjectiveValue);
}

const settledBy = { trivial: 0, greedy: 0, dp: 0 };
const kinds: InstanceKind[] = ['mixed', 'single', 'huge', 'tiny', 'capped', 'multi', 'even'];

describe('allocation is optimal (HiGHS MIP as the oracle)', () => {
  it('the MIP itself reproduces the hand-computed optima', () => {
    const cell = (counts: number[]) => [{ key: 'x', counts }];
    expect(mipOptimum({ target: 30, profile: [1, 2, 3], cells: cell([10, 5, 1]) })).toBe(29);
    // Without its monotonicity rows the MIP would reach 20 here.
    expect(mipOptimum({ target: 20, profile: [1, 1, 1], cells: cell([3, 4, 5]) })).toBe(17);
  });

  for (const kind of kinds) {
    it(`matches the MIP optimum on 50 random "${kind}" instances`, () => {
      const rand = rng(0xa110c + kinds.indexOf(kind));
      for (let n = 0; n < 50; n++) {
        const problem = randomProblem(rand, kind);
        const result = allocate(problem);
        settledBy[result.stats.method]++;
        expect(result.allocated, `instance ${n}: ${JSON.stringify(problem)}`).toBe(
          mipOptimum(problem),
        );
      }
    });
  }

  it('exercised every path of the rounding, the DP on many instances', () => {
    expect(settledBy.dp).toBeGreaterThan(100);
    expect(settledBy.greedy).toBeGreaterThan(20);
    expect(settledBy.trivial).toBeGreaterThan(20);
  });
});
