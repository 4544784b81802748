import { describe, expect, it } from 'vitest';
import { maxChoice } from './choice';
import { rng } from './testkit';

function bruteForce(weights: number[][], budget: number): number {
  let best = 0;
  const walk = (g: number, sum: number) => {
    if (sum > budget) return;
    if (g === weights.length) {
      best = Math.max(best, sum);
      return;
    }
    walk(g + 1, sum);
    for (const w of weights[g]!) walk(g + 1, sum + w);
  };
  walk(0, 0);
  return best;
}

describe('maxChoice', () => {
  it('finds the exact optimum where largest-first greedy does not', () => {
    // Greedy takes 6 then nothing fits (left 3); 5 + 4 = 9 is exact.
    const r = maxChoice([[6], [5], [4]], 9);
    expect(r.total).toBe(9);
    expect(Array.from(r.picks)).toEqual([0, 1, 1]);
    expect(r.method).toBe('dp');
  });

  it('takes everything when it fits, and handles the empty case', () => {
    expect(maxChoice([[1, 3], [2]], 10)).toMatchObject({ total: 5, method: 'trivial' });
    expect(maxChoice([], 10).total).toBe(0);
    expect(maxChoice([[4]], 0).total).toBe(0);
  });

  it('divides by the gcd of the weights (all even, odd budget)', () => {
    const r = maxChoice([[2, 6], [4], [10]], 13);
    expect(r.total).toBe(12);
  });

  it('agrees with brute force on random groups, and its picks add up to its total', () => {
    const rand = rng(42);
    for (let n = 0; n < 400; n++) {
      const groups = Array.from({ length: 1 + Math.floor(rand() * 7) }, () => {
        const w: number[] = [];
        let v = 0;
        const len = 1 + Math.floor(rand() * 4);
        for (let s = 0; s < len; s++) {
          v += 1 + Math.floor(rand() * (n % 3 === 0 ? 200 : 40));
          w.push(v);
        }
        return w;
      });
      const all = groups.reduce((s, w) => s + w.at(-1)!, 0);
      const budget = Math.floor(rand() * all * 1.1);
      const r = maxChoice(groups, budget);
      expect(r.total).toBe(bruteForce(groups, budget));
      const picked = groups.reduce((s, w, g) => s + (r.picks[g]! > 0 ? w[r.picks[g]! - 1]! : 0), 0);
      expect(picked).toBe(r.total);
    }
  });

  it('stays exact on a large instance that forces the DP across word boundaries', () => {
    const rand = rng(3);
    const groups = Array.from({ length: 300 }, () => {
      const a = 33 + Math.floor(rand() * 300);
      return [3 * a, 3 * a + 3 * Math.floor(1 + rand() * 50)];
    });
    // Every weight is a multiple of 3; 3·k + 1 is unreachable, so the optimum is 3·k.
    const r = maxChoice(groups, 30_001);
    expect(r.total).toBe(30_000);
    const picked = groups.reduce((s, w, g) => s + (r.picks[g]! > 0 ? w[r.picks[g]! - 1]! : 0), 0);
    expect(picked).toBe(30_000);
  });
});
