/** Grade profile presets; grade numbers are 1-based (1 = D1, the lowest grade). */
export type ProfilePreset =
  | { preset: 'linear'; minGrade: number; start?: number; step?: number }
  | { preset: 'geometric'; minGrade: number; ratio?: number }
  | { preset: 'banded'; minGrade: number; width?: number; step?: number };

/** A profile is either explicit (index 0 = D1) or a preset expanded over the grade scheme. */
export type ProfileSpec = readonly number[] | ProfilePreset;

/** One cell of a release plan (method A: one per city; method B: one per county, market type…). */
export interface AllocationCell {
  /** Caller's key, echoed back (e.g. a county code "140105"). */
  key: string;
  /** Eligible weighted customer counts by grade, index 0 = D1; non-negative integers. */
  counts: readonly number[];
  /** Scales this cell's ideal quotas (a controlled region may get 0.5); default 1. */
  multiplier?: number;
}

/** What to do with the supply left over after the optimal rounding. */
export type RemainderOption = { mode: 'none' } | { mode: 'rotate'; week: number };

/** A validated allocation problem for one product. */
export interface AllocationProblem {
  /** Total supply to release, in 条. */
  target: number;
  /** Per-customer cap in 条 (integer ≥ 1), if any. */
  cap?: number;
  /** Resolved grade profile, non-decreasing, length = number of grades. */
  profile: readonly number[];
  cells: readonly AllocationCell[];
  remainder?: RemainderOption;
}

/**
 * Leftover supply handed out as +1 条 per slot. The customers of (cell, grade) are laid out in a
 * caller-stable order (licence number, say), a customer of weight w occupying w consecutive slots;
 * slots `offset, offset+1, …, offset+units-1` (modulo `slots`) each add 1 条 to their customer.
 */
export interface RemainderGrant {
  cell: number;
  key: string;
  /** 0-based grade index (0 = D1). */
  grade: number;
  units: number;
  offset: number;
  /** Number of weighted slots in the cell-grade (= its count). */
  slots: number;
}

export interface CellQuotas {
  key: string;
  /** Published quota per customer by grade, index 0 = D1. */
  quotas: number[];
}

export interface AllocationResult {
  target: number;
  /** Σ count × quota, plus any rotated remainder units. */
  allocated: number;
  /** target − allocated: supply left idle. */
  idle: number;
  /** The common scale; `Infinity` when every cap binds, 0 when nothing is eligible. */
  lambda: number;
  cells: CellQuotas[];
  /** Present only with `remainder: { mode: 'rotate' }`. */
  grants: RemainderGrant[];
  /** How the exact rounding was settled, for benchmarks and diagnostics. */
  stats: RoundingStats;
}

export interface RoundingStats {
  /** Groups (runs of equal floor with a fractional suffix) the rounding chose among. */
  groups: number;
  /** Budget left after all floors: T − Σ c⌊y⌋. */
  slack: number;
  /** 'trivial' (nothing to round or all fits), 'greedy' (greedy hit the budget exactly), 'dp'. */
  method: 'trivial' | 'greedy' | 'dp';
}

/** A structured validation error; `path` locates the field (`["cells", 3, "counts", 7]`). */
export interface AllocationError {
  path: (string | number)[];
  code:
    'required' | 'type' | 'integer' | 'range' | 'length' | 'decreasing' | 'duplicate' | 'too_large';
  message: string;
}
