import type { AllocationProblem } from './types';

/** Deterministic PRNG (mulberry32) so tests and benchmarks replay the same instances. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type InstanceKind = 'mixed' | 'single' | 'huge' | 'tiny' | 'capped' | 'multi' | 'even';

/**
 * A random allocation problem of a given flavour, for property and solver-comparison tests:
 * `single` has many one-customer grades, `huge` a target beyond every cap, `tiny` a target that
 * leaves most quotas at 0, `capped` a cap that binds on many grades, `multi` several cells with
 * multipliers, `even` only even weights (every customer counted twice).
 */
export function randomProblem(rand: () => number, kind: InstanceKind): AllocationProblem {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const G = kind === 'multi' ? int(3, 30) : int(1, 30);
  const minGrade = int(0, Math.max(0, G - 1));
  const profile: number[] = [];
  let r = 0;
  for (let j = 0; j < G; j++) {
    if (j === minGrade) r = rand() < 0.5 ? 1 : 0.5 + rand() * 2;
    else if (j > minGrade) r += rand() < 0.3 ? 0 : rand() < 0.5 ? int(1, 3) : rand() * 2;
    profile.push(j < minGrade ? 0 : r);
  }
  const cellCount = kind === 'multi' ? int(2, 6) : rand() < 0.7 ? 1 : int(2, 3);
  const cells = Array.from({ length: cellCount }, (_, k) => {
    const counts = profile.map(() => {
      if (kind === 'single') return rand() < 0.6 ? 1 : int(0, 4);
      const c = rand() < 0.15 ? 0 : rand() < 0.2 ? 1 : int(1, 60);
      return kind === 'even' ? 2 * c : c;
    });
    const multiplier = kind === 'multi' || rand() < 0.2 ? [1, 0.5, 0, 1.5, 0.8][int(0, 4)]! : 1;
    return { key: `c${k}`, counts, multiplier };
  });
  let weighted = 0;
  let customers = 0;
  for (const cell of cells)
    cell.counts.forEach((c, j) => {
      weighted += c * profile[j]! * cell.multiplier;
      customers += c;
    });
  const meanQuota = weighted > 0 ? weighted / Math.max(1, customers) : 1;
  let target: number;
  let cap: number | undefined;
  switch (kind) {
    case 'huge':
      cap = int(1, 10);
      target = cap * customers + int(0, 1000);
      break;
    case 'tiny':
      target = int(0, Math.max(1, Math.floor(customers / 3)));
      break;
    case 'capped':
      cap = int(1, 4);
      target = int(Math.floor(cap * customers * 0.4), cap * customers);
      break;
    default:
      target = int(
        0,
        Math.max(1, Math.round(customers * (1 + 8 * rand()) * (meanQuota > 0 ? 1 : 0))),
      );
      if (rand() < 0.3) cap = int(1, 12);
  }
  const problem: AllocationProblem = { target, profile, cells };
  if (cap !== undefined) problem.cap = cap;
  return problem;
}

/**
 * The rounding step as a MIP in CPLEX LP format, written independently of the engine's run
 * analysis so a solver can check the engine: one binary per fractional (cell, grade), x = ⌊y⌋ + b,
 * x_j ≤ x_{j+1} for every adjacent pair, Σ c·x ≤ T, maximise Σ c·x. `lo`/`hi` come from the
 * engine's `idealQuotas` (the MIP decides rounding, not λ). `base` = Σ c·⌊y⌋ is added to the MIP
 * objective to get Σ c·x; `lp` is undefined when nothing is left to decide.
 */
export function roundingMip(
  problem: AllocationProblem,
  lo: readonly ArrayLike<number>[],
  hi: readonly ArrayLike<number>[],
): { base: number; lp: string | undefined } {
  const G = problem.profile.length;
  let base = 0;
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const name = (k: number, j: number) => `b_${k}_${j}`;
  const isVar = (k: number, j: number) => hi[k]![j]! > lo[k]![j]!;
  problem.cells.forEach((cell, k) => {
    for (let j = 0; j < G; j++) {
      base += cell.counts[j]! * lo[k]![j]!;
      if (!isVar(k, j)) continue;
      binaries.push(name(k, j));
      if (cell.counts[j]! > 0) objective.push(`${cell.counts[j]} ${name(k, j)}`);
    }
    for (let j = 0; j + 1 < G; j++) {
      const a = isVar(k, j);
      const b = isVar(k, j + 1);
      if (!a && !b) continue;
      const lhs = [a ? name(k, j) : '', b ? `- ${name(k, j + 1)}` : ''].join(' ').trim();
      rows.push(` m_${k}_${j}: ${lhs} <= ${lo[k]![j + 1]! - lo[k]![j]!}`);
    }
  });
  if (binaries.length === 0) return { base, lp: undefined };
  const sum = objective.length > 0 ? objective.join(' + ') : `0 ${binaries[0]}`;
  const lp = [
    'Maximize',
    ` obj: ${sum}`,
    'Subject To',
    ` budget: ${sum} <= ${problem.target - base}`,
    ...rows,
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  return { base, lp };
}
