import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { idealQuotas } from './ideal';
import { randomProblem, rng, type InstanceKind } from './testkit';
import type { AllocationProblem } from './types';

const one = (
  counts: number[],
  extra: Partial<AllocationProblem> & { profile: number[]; target: number },
) => allocate({ cells: [{ key: 'x', counts }], ...extra });

describe('allocate — hand-made cases', () => {
  it('leaves the least idle supply the grade order allows (a DP case greedy misses)', () => {
    // λ = 30/23, y ≈ 1.30, 2.61, 3.91; floors take 23, slack 7 of items {10, 5, 1} → 6 best.
    const r = one([10, 5, 1], { profile: [1, 2, 3], target: 30 });
    expect(r.cells[0]!.quotas).toEqual([1, 3, 4]);
    expect(r.allocated).toBe(29);
    expect(r.idle).toBe(1);
    expect(r.stats.method).toBe('dp');
  });

  it('never gives a lower grade more even when that would use the slack better', () => {
    // y = 5/3 everywhere; [2,1,2] would allocate 20 but breaks the grade order; best is 17.
    const r = one([3, 4, 5], { profile: [1, 1, 1], target: 20 });
    expect(r.cells[0]!.quotas).toEqual([1, 1, 2]);
    expect(r.allocated).toBe(17);
  });

  it('shares λ across cells and caps the top grades', () => {
    // Caps bind on D3 and D4; λ = 15/13 → y = [1.15, 2.31, 3, 3]; slack 2 fits neither 5 nor 4.
    const r = one([5, 4, 3, 2], { profile: [1, 2, 3, 4], target: 30, cap: 3 });
    expect(r.lambda).toBeCloseTo(15 / 13, 12);
    expect(r.cells[0]!.quotas).toEqual([1, 2, 3, 3]);
    expect(r.allocated).toBe(28);
  });

  it('gives every eligible customer the cap when the target exceeds what the caps allow', () => {
    const r = one([1, 2], { profile: [0, 1], target: 1000, cap: 2 });
    expect(r.lambda).toBe(Infinity);
    expect(r.cells[0]!.quotas).toEqual([0, 2]);
    expect(r.allocated).toBe(4);
    expect(r.idle).toBe(996);
  });

  it('with a tiny target only the top grade gets anything', () => {
    const r = one([100, 50, 1], { profile: [1, 1, 2], target: 1 });
    expect(r.cells[0]!.quotas).toEqual([0, 0, 1]);
    expect(r.allocated).toBe(1);
  });

  it('a target of zero and a product nobody may get give all-zero quotas', () => {
    expect(one([3, 4], { profile: [1, 2], target: 0 }).cells[0]!.quotas).toEqual([0, 0]);
    const none = one([0, 0], { profile: [1, 2], target: 50 });
    expect(none.cells[0]!.quotas).toEqual([0, 0]);
    expect(none.lambda).toBe(0);
    expect(none.idle).toBe(50);
  });

  it('applies per-cell multipliers with one scale, and a zero multiplier excludes the cell', () => {
    const r = allocate({
      target: 60,
      profile: [1, 2],
      cells: [
        { key: 'open', counts: [10, 10] },
        { key: 'controlled', counts: [10, 10], multiplier: 0.5 },
        { key: 'sealed', counts: [10, 10], multiplier: 0 },
      ],
    });
    // Σ c·m·r = 30 + 15 = 45 → λ = 4/3: open y = [1.33, 2.67], controlled y = [0.67, 1.33].
    expect(r.lambda).toBeCloseTo(4 / 3, 12);
    // Floors take 40 of 60; four grades of 10 compete for the slack of 20 (ties are allowed).
    expect(r.cells[2]!.quotas).toEqual([0, 0]);
    expect(r.cells[0]!.quotas[0]).toBeGreaterThanOrEqual(1);
    expect(r.cells[1]!.quotas[1]).toBeGreaterThanOrEqual(1);
    expect(r.allocated).toBe(60);
  });

  it('keeps zero-count grades monotone and below-minimum grades at zero', () => {
    const r = one([0, 7, 0, 3, 0], { profile: [0, 1, 1, 2, 2], target: 26 });
    // λ = 26/13 = 2 → y = [0, 2, 2, 4, 4], all integral.
    expect(r.cells[0]!.quotas).toEqual([0, 2, 2, 4, 4]);
    expect(r.idle).toBe(0);
  });
});

describe('floating point', () => {
  it('does not floor a mathematically integral quota to n − 1', () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in binary; y must still be exactly 1, 2, 3.
    const r = one([1, 1, 1], { profile: [0.1, 0.2, 0.3], target: 6 });
    expect(r.cells[0]!.quotas).toEqual([1, 2, 3]);
    expect(r.idle).toBe(0);
  });

  it('recovers integral quotas from decimal profiles and half multipliers (property)', () => {
    const rand = rng(7);
    for (let n = 0; n < 300; n++) {
      const G = 1 + Math.floor(rand() * 30);
      const digits: number[] = [];
      let d = 1 + Math.floor(rand() * 9);
      for (let j = 0; j < G; j++) {
        digits.push(d);
        d += Math.floor(rand() * 7);
      }
      const t = 2 * (1 + Math.floor(rand() * 40));
      const cells = [0, 1].map((k) => ({
        key: `k${k}`,
        counts: digits.map(() => Math.floor(rand() * 50)),
        multiplier: k === 0 ? 1 : 0.5,
      }));
      // λ = 10t, y = 10t·m·d/10 = t·m·d: integral by construction.
      const expected = cells.map((c) => digits.map((dj) => t * c.multiplier * dj));
      const target = cells.reduce(
        (s, c, k) => s + c.counts.reduce((a, cj, j) => a + cj * expected[k]![j]!, 0),
        0,
      );
      if (target === 0) continue;
      const r = allocate({ target, profile: digits.map((dj) => dj / 10), cells });
      expect(r.cells.map((c) => c.quotas)).toEqual(expected);
      expect(r.idle).toBe(0);
    }
  });
});

describe('allocate — properties on random instances', () => {
  const kinds: InstanceKind[] = ['mixed', 'single', 'huge', 'tiny', 'capped', 'multi', 'even'];
  for (const kind of kinds) {
    it(`"${kind}": x ∈ {⌊y⌋, ⌈y⌉}, monotone, ≤ U, Σ ≤ T`, () => {
      const rand = rng(1000 + kinds.indexOf(kind));
      for (let n = 0; n < 200; n++) {
        const problem = randomProblem(rand, kind);
        const { lo, hi } = idealQuotas(problem);
        const r = allocate(problem);
        // Collect violations and assert once per instance: a million expect() calls are slow.
        const violations: string[] = [];
        let total = 0;
        r.cells.forEach((cell, k) => {
          cell.quotas.forEach((x, j) => {
            const at = `cell ${k} D${j + 1}: x=${x}`;
            if (!Number.isInteger(x)) violations.push(`${at} not an integer`);
            if (x < lo[k]![j]! || x > hi[k]![j]!) violations.push(`${at} outside [⌊y⌋, ⌈y⌉]`);
            if (problem.cap !== undefined && x > problem.cap) violations.push(`${at} over the cap`);
            if (j > 0 && x < cell.quotas[j - 1]!) violations.push(`${at} below the grade under it`);
            total += x * problem.cells[k]!.counts[j]!;
          });
        });
        expect(violations, JSON.stringify(problem)).toEqual([]);
        expect(total).toBe(r.allocated);
        expect(total).toBeLessThanOrEqual(problem.target);
        expect(r.idle).toBe(problem.target - total);
      }
    });
  }

  it('ideal quotas add up to the target unless every cap binds', () => {
    const rand = rng(99);
    for (let n = 0; n < 300; n++) {
      const problem = randomProblem(rand, n % 2 ? 'capped' : 'multi');
      const { ideal, lambda } = idealQuotas(problem);
      let sum = 0;
      problem.cells.forEach((c, k) => c.counts.forEach((cj, j) => (sum += cj * ideal[k]![j]!)));
      if (lambda === Infinity || lambda === 0) continue;
      expect(Math.abs(sum - problem.target)).toBeLessThan(1e-6 * Math.max(1, problem.target));
    }
  });

  it('is deterministic', () => {
    const problem = randomProblem(rng(5), 'multi');
    expect(allocate(problem)).toEqual(allocate(problem));
  });
});
