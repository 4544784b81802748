import { maxChoice } from './choice';
import type { IdealQuotas } from './ideal';
import type { AllocationProblem, RoundingStats } from './types';

interface Group {
  cell: number;
  /** One past the last grade of the run. */
  end: number;
  /** For each option (in `weights` order), how many top grades of the run are rounded up. */
  roundUps: number[];
  weights: number[];
}

/**
 * Within a cell y never decreases with the grade, so ⌊y⌋ does too, and grades with different
 * floors can never violate x_j ≤ x_{j+1} (⌈y_j⌉ ≤ ⌊y_{j+1}⌋ there). Only a run of equal floors is
 * coupled, and in it the fractional grades form a suffix (an integral y is ≤ every later y of the
 * run). The monotone roundings of a run are therefore exactly "round up its top s fractional
 * grades", s = 0..L, costing the counts of those grades.
 */
function buildGroups(problem: AllocationProblem, ideal: IdealQuotas): Group[] {
  const groups: Group[] = [];
  const G = problem.profile.length;
  problem.cells.forEach((cell, k) => {
    const lo = ideal.lo[k]!;
    const hi = ideal.hi[k]!;
    let start = 0;
    while (start < G) {
      let end = start + 1;
      while (end < G && lo[end] === lo[start]) end++;
      let first = end;
      while (first > start && hi[first - 1]! > lo[first - 1]!) first--;
      const roundUps: number[] = [];
      const weights: number[] = [];
      let cum = 0;
      for (let s = 1; s <= end - first; s++) {
        cum += cell.counts[end - s]!;
        // Rounding up an empty grade is free; keep the fewest round-ups per distinct weight.
        if (cum > (weights.at(-1) ?? 0)) {
          weights.push(cum);
          roundUps.push(s);
        }
      }
      if (weights.length > 0) groups.push({ cell: k, end, roundUps, weights });
      start = end;
    }
  });
  return groups;
}

export interface Rounded {
  quotas: number[][];
  /** Σ c·x. */
  allocated: number;
  stats: RoundingStats;
}

/** Picks x ∈ {⌊y⌋, ⌈y⌉}, monotone in grade, Σ c·x ≤ T, with Σ c·x as large as possible. */
export function roundQuotas(problem: AllocationProblem, ideal: IdealQuotas): Rounded {
  let base = 0;
  const quotas = problem.cells.map((cell, k) => {
    const lo = ideal.lo[k]!;
    const q = Array.from(lo);
    for (let j = 0; j < q.length; j++) base += cell.counts[j]! * q[j]!;
    return q;
  });
  const slack = problem.target - base;
  if (slack < 0) {
    // Impossible under LIMITS (see snapTolerance); refuse rather than publish more than T.
    throw new Error(`allocation: floors exceed the target by ${-slack}`);
  }
  const groups = buildGroups(problem, ideal);
  const choice = maxChoice(
    groups.map((g) => g.weights),
    slack,
  );
  groups.forEach((g, i) => {
    const pick = choice.picks[i]!;
    if (pick === 0) return;
    const q = quotas[g.cell]!;
    const hi = ideal.hi[g.cell]!;
    for (let j = g.end - g.roundUps[pick - 1]!; j < g.end; j++) q[j] = hi[j]!;
  });
  return {
    quotas,
    allocated: base + choice.total,
    stats: {
      groups: groups.length,
      slack,
      method: groups.length === 0 ? 'trivial' : choice.method,
    },
  };
}
