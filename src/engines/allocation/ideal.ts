import type { AllocationProblem } from './types';

/** The ideal (real) quotas y and the integer bounds ⌊y⌋, ⌈y⌉ the rounding chooses between. */
export interface IdealQuotas {
  /** Common scale; `Infinity` when every cap binds, 0 when no one is eligible. */
  lambda: number;
  /** Per cell, per grade: y after snapping values that are integers up to rounding noise. */
  ideal: Float64Array[];
  /** Per cell, per grade: ⌊y⌋. */
  lo: Float64Array[];
  /** Per cell, per grade: ⌈y⌉ (equal to `lo` when y is an integer). */
  hi: Float64Array[];
}

/**
 * How close to an integer a computed y must be to count as that integer. λ is a quotient of sums
 * taken with compensated summation, so y carries a relative error of a few ulps (~1e-15); the
 * tolerance is a thousand times that, yet far below any real fractional part under `LIMITS`
 * (Σ counts × tolerance < 1, so snapping can never push Σ c⌊y⌋ above the target).
 */
export function snapTolerance(y: number): number {
  return Math.max(1e-9, 1e-12 * Math.abs(y));
}

/** Rounds y to the nearest integer when it is one up to floating-point noise. */
export function snap(y: number): number {
  const n = Math.round(y);
  return Math.abs(y - n) <= snapTolerance(y) ? n : y;
}

/** Neumaier's compensated sum, so that λ does not drift with the number of cells and grades. */
class CompensatedSum {
  private sum = 0;
  private comp = 0;
  add(v: number): void {
    const t = this.sum + v;
    if (Math.abs(this.sum) >= Math.abs(v)) this.comp += this.sum - t + v;
    else this.comp += v - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.comp;
  }
}

/**
 * Computes λ so that Σ c·min(U, λ·m·r) = T (docs/architecture.md#supply-release: one scale shared by all
 * cells of a plan), then y, ⌊y⌋ and ⌈y⌉ for every cell and grade, including grades with no customers
 * (their quota is still published and must stay monotone). When the caps can absorb no more than T,
 * every eligible customer gets the cap.
 */
export function idealQuotas(problem: AllocationProblem): IdealQuotas {
  const { target, cap, profile, cells } = problem;
  const G = profile.length;

  // λ only depends on Σc per distinct a = m·r; cells share r and have few distinct multipliers,
  // so sum counts per (multiplier, grade) first and sort at most (#multipliers × G) values.
  const perMultiplier = new Map<number, Float64Array>();
  let eligible = 0;
  for (const cell of cells) {
    const m = cell.multiplier ?? 1;
    if (m === 0) continue;
    let sums = perMultiplier.get(m);
    if (!sums) perMultiplier.set(m, (sums = new Float64Array(G)));
    for (let j = 0; j < G; j++) {
      const c = cell.counts[j]!;
      if (c > 0 && profile[j]! > 0) {
        sums[j]! += c;
        eligible += c;
      }
    }
  }
  const byA = new Map<number, number>();
  for (const [m, sums] of perMultiplier) {
    for (let j = 0; j < G; j++) {
      if (sums[j]! > 0) {
        const a = m * profile[j]!;
        byA.set(a, (byA.get(a) ?? 0) + sums[j]!);
      }
    }
  }

  let lambda: number;
  if (eligible === 0 || target === 0) {
    lambda = 0;
  } else if (cap !== undefined && cap * eligible <= target) {
    lambda = Infinity;
  } else {
    const values = [...byA.keys()].sort((x, y) => x - y);
    // prefix[i] = Σ a·c over the i smallest distinct values (the ones left uncapped).
    const prefix = new Float64Array(values.length + 1);
    const acc = new CompensatedSum();
    for (let i = 0; i < values.length; i++) {
      acc.add(values[i]! * byA.get(values[i]!)!);
      prefix[i + 1] = acc.value;
    }
    lambda = target / prefix[values.length]!;
    if (cap !== undefined) {
      // Cap the largest values one by one until the largest uncapped one fits under the cap; f(λ)
      // is continuous and increasing, so the first consistent segment is the solution.
      let cappedCount = 0;
      for (let top = values.length; top > 0; top--) {
        lambda = (target - cap * cappedCount) / prefix[top]!;
        if (lambda * values[top - 1]! <= cap) break;
        cappedCount += byA.get(values[top - 1]!)!;
      }
    }
  }

  const ideal: Float64Array[] = [];
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (const cell of cells) {
    const m = cell.multiplier ?? 1;
    const y = new Float64Array(G);
    const l = new Float64Array(G);
    const h = new Float64Array(G);
    for (let j = 0; j < G; j++) {
      const a = m * profile[j]!;
      let v = a > 0 && lambda > 0 ? (lambda === Infinity ? Infinity : lambda * a) : 0;
      if (cap !== undefined && v > cap) v = cap;
      if (v === Infinity) v = 0; // only reachable with no cap and λ = ∞, which cannot happen
      v = snap(v);
      y[j] = v;
      l[j] = Math.floor(v);
      h[j] = Math.ceil(v);
    }
    ideal.push(y);
    lo.push(l);
    hi.push(h);
  }
  return { lambda, ideal, lo, hi };
}
