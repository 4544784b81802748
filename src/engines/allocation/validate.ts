import { expandPreset } from './profile';
import type { AllocationError, AllocationProblem, ProfilePreset, RemainderOption } from './types';

/** Default grade scheme: D1 … D30. */
export const DEFAULT_GRADES = 30;
/** Limits that keep the arithmetic exact: floats resolve quotas to well under 1e-6 条 below these. */
export const LIMITS = {
  maxGrades: 100,
  maxTarget: 10_000_000_000,
  maxCap: 1_000_000,
  maxCells: 20_000,
  /** Σ of all weighted counts; also bounds the rounding's memory (≈ 5 bytes per unit). */
  maxTotalCount: 16_777_216,
  maxMultiplier: 1000,
  maxProfileValue: 1e9,
} as const;

export type ValidationResult =
  { ok: true; problem: AllocationProblem } | { ok: false; errors: AllocationError[] };

type Path = (string | number)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks an allocation request as received (parsed JSON) and returns either the problem with its
 * profile expanded, or every error found, each with the path of the offending field. Pure: the
 * server maps `type`/`required`/`length` errors to 400 and the business ones (`decreasing`,
 * `range`, `too_large`) to 422.
 */
export function validateAllocationInput(input: unknown): ValidationResult {
  const errors: AllocationError[] = [];
  const fail = (path: Path, code: AllocationError['code'], message: string) => {
    errors.push({ path, code, message });
  };
  if (!isRecord(input)) {
    fail([], 'type', 'the allocation request must be an object');
    return { ok: false, errors };
  }

  const grades = readGrades(input, fail);

  const target = input.target;
  if (target === undefined) fail(['target'], 'required', 'target is required');
  else if (typeof target !== 'number' || !Number.isFinite(target))
    fail(['target'], 'type', 'target must be a number');
  else if (!Number.isInteger(target))
    fail(['target'], 'integer', 'target must be a whole number of 条');
  else if (target < 0 || target > LIMITS.maxTarget)
    fail(['target'], 'range', `target must be between 0 and ${LIMITS.maxTarget}`);

  const cap = input.cap;
  if (cap !== undefined && cap !== null) {
    if (typeof cap !== 'number' || !Number.isFinite(cap))
      fail(['cap'], 'type', 'cap must be a number');
    else if (!Number.isInteger(cap)) fail(['cap'], 'integer', 'cap must be a whole number of 条');
    else if (cap < 1 || cap > LIMITS.maxCap)
      fail(['cap'], 'range', `cap must be between 1 and ${LIMITS.maxCap}`);
  }

  const profile = grades === undefined ? undefined : readProfile(input.profile, grades, fail);
  const cells = grades === undefined ? undefined : readCells(input.cells, grades, fail);
  const remainder = readRemainder(input.remainder, fail);

  if (errors.length > 0 || profile === undefined || cells === undefined) {
    return { ok: false, errors };
  }
  const problem: AllocationProblem = { target: target as number, profile, cells };
  if (typeof cap === 'number') problem.cap = cap;
  if (remainder) problem.remainder = remainder;
  return { ok: true, problem };
}

function readGrades(
  input: Record<string, unknown>,
  fail: (p: Path, c: AllocationError['code'], m: string) => void,
): number | undefined {
  const g = input.grades;
  if (g === undefined) {
    if (!Array.isArray(input.profile)) return DEFAULT_GRADES;
    const n = input.profile.length;
    if (n < 1 || n > LIMITS.maxGrades) {
      fail(['profile'], 'length', `profile must have between 1 and ${LIMITS.maxGrades} values`);
      return undefined;
    }
    return n;
  }
  if (typeof g !== 'number' || !Number.isInteger(g)) {
    fail(['grades'], 'integer', 'grades must be a whole number');
    return undefined;
  }
  if (g < 1 || g > LIMITS.maxGrades) {
    fail(['grades'], 'range', `grades must be between 1 and ${LIMITS.maxGrades}`);
    return undefined;
  }
  return g;
}

function readProfile(
  raw: unknown,
  grades: number,
  fail: (p: Path, c: AllocationError['code'], m: string) => void,
): number[] | undefined {
  if (raw === undefined) {
    fail(['profile'], 'required', 'profile is required');
    return undefined;
  }
  if (Array.isArray(raw)) {
    if (raw.length !== grades) {
      fail(['profile'], 'length', `profile must have ${grades} values (one per grade)`);
      return undefined;
    }
    let ok = true;
    for (let j = 0; j < raw.length; j++) {
      const v: unknown = raw[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(['profile', j], 'type', 'profile values must be numbers');
        ok = false;
      } else if (v < 0 || v > LIMITS.maxProfileValue) {
        fail(
          ['profile', j],
          'range',
          `profile values must be between 0 and ${LIMITS.maxProfileValue}`,
        );
        ok = false;
      } else if (j > 0 && typeof raw[j - 1] === 'number' && v < (raw[j - 1] as number)) {
        fail(['profile', j], 'decreasing', `grade D${j + 1} must not get less than D${j}`);
        ok = false;
      }
    }
    return ok ? (raw as number[]).slice() : undefined;
  }
  if (!isRecord(raw)) {
    fail(['profile'], 'type', 'profile must be an array or a preset object');
    return undefined;
  }
  let presetErrors = 0;
  const local = (p: Path, c: AllocationError['code'], m: string) => {
    presetErrors++;
    fail(['profile', ...p], c, m);
  };
  const preset = raw.preset;
  if (preset !== 'linear' && preset !== 'geometric' && preset !== 'banded') {
    local(['preset'], 'type', 'preset must be "linear", "geometric" or "banded"');
  }
  const minGrade = raw.minGrade ?? 1;
  if (typeof minGrade !== 'number' || !Number.isInteger(minGrade))
    local(['minGrade'], 'integer', 'minGrade must be a whole grade number');
  else if (minGrade < 1 || minGrade > grades)
    local(['minGrade'], 'range', `minGrade must be between 1 and ${grades}`);
  const num = (name: string, min: number, max: number, integer: boolean, exclusiveMin = false) => {
    const v = raw[name];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v))
      local([name], 'type', `${name} must be a number`);
    else if (integer && !Number.isInteger(v))
      local([name], 'integer', `${name} must be a whole number`);
    else if ((exclusiveMin ? v <= min : v < min) || v > max)
      local(
        [name],
        'range',
        `${name} must be ${exclusiveMin ? 'above' : 'at least'} ${min} and at most ${max}`,
      );
  };
  if (preset === 'linear') {
    num('start', 0, 1e6, false, true);
    num('step', 0, 1e6, false);
  } else if (preset === 'geometric') {
    // A ratio below 1 would make higher grades get less, which the rules forbid.
    num('ratio', 1, 10, false);
  } else if (preset === 'banded') {
    num('width', 1, LIMITS.maxGrades, true);
    num('step', 0, 1e6, false);
  }
  if (presetErrors > 0) return undefined;
  const expanded = expandPreset({ ...raw, minGrade } as ProfilePreset, grades);
  if (expanded.some((v) => !Number.isFinite(v) || v > LIMITS.maxProfileValue)) {
    fail(['profile'], 'too_large', 'the preset grows beyond the largest profile value allowed');
    return undefined;
  }
  return expanded;
}

function readCells(
  raw: unknown,
  grades: number,
  fail: (p: Path, c: AllocationError['code'], m: string) => void,
): AllocationProblem['cells'] | undefined {
  if (raw === undefined) {
    fail(['cells'], 'required', 'cells are required');
    return undefined;
  }
  if (!Array.isArray(raw)) {
    fail(['cells'], 'type', 'cells must be an array');
    return undefined;
  }
  if (raw.length < 1 || raw.length > LIMITS.maxCells) {
    fail(['cells'], 'length', `there must be between 1 and ${LIMITS.maxCells} cells`);
    return undefined;
  }
  let ok = true;
  let total = 0;
  const keys = new Set<string>();
  const cells: { key: string; counts: number[]; multiplier?: number }[] = [];
  raw.forEach((cell: unknown, i: number) => {
    if (!isRecord(cell)) {
      fail(['cells', i], 'type', 'a cell must be an object');
      ok = false;
      return;
    }
    const key = cell.key;
    if (typeof key !== 'string' || key.length === 0) {
      fail(['cells', i, 'key'], 'type', 'a cell needs a non-empty string key');
      ok = false;
    } else if (keys.has(key)) {
      fail(['cells', i, 'key'], 'duplicate', `cell key "${key}" appears twice`);
      ok = false;
    } else keys.add(key);
    const counts = cell.counts;
    if (!Array.isArray(counts)) {
      fail(['cells', i, 'counts'], 'type', 'counts must be an array');
      ok = false;
    } else if (counts.length !== grades) {
      fail(['cells', i, 'counts'], 'length', `counts must have ${grades} values (one per grade)`);
      ok = false;
    } else {
      for (let j = 0; j < counts.length; j++) {
        const c: unknown = counts[j];
        if (typeof c !== 'number' || !Number.isFinite(c)) {
          fail(['cells', i, 'counts', j], 'type', 'counts must be numbers');
          ok = false;
        } else if (!Number.isInteger(c)) {
          fail(['cells', i, 'counts', j], 'integer', 'counts must be whole numbers of customers');
          ok = false;
        } else if (c < 0) {
          fail(['cells', i, 'counts', j], 'range', 'counts must not be negative');
          ok = false;
        } else total += c;
      }
    }
    const m = cell.multiplier;
    if (m !== undefined && m !== null) {
      if (typeof m !== 'number' || !Number.isFinite(m)) {
        fail(['cells', i, 'multiplier'], 'type', 'multiplier must be a number');
        ok = false;
      } else if (m < 0 || m > LIMITS.maxMultiplier) {
        fail(
          ['cells', i, 'multiplier'],
          'range',
          `multiplier must be between 0 and ${LIMITS.maxMultiplier}`,
        );
        ok = false;
      }
    }
    if (ok) {
      const out: { key: string; counts: number[]; multiplier?: number } = {
        key: key as string,
        counts: (counts as number[]).slice(),
      };
      if (typeof m === 'number') out.multiplier = m;
      cells.push(out);
    }
  });
  if (ok && total > LIMITS.maxTotalCount) {
    fail(['cells'], 'too_large', `the weighted counts add up to more than ${LIMITS.maxTotalCount}`);
    ok = false;
  }
  return ok ? cells : undefined;
}

function readRemainder(
  raw: unknown,
  fail: (p: Path, c: AllocationError['code'], m: string) => void,
): RemainderOption | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    fail(['remainder'], 'type', 'remainder must be an object');
    return undefined;
  }
  if (raw.mode === 'none') return { mode: 'none' };
  if (raw.mode !== 'rotate') {
    fail(['remainder', 'mode'], 'type', 'remainder mode must be "none" or "rotate"');
    return undefined;
  }
  const week = raw.week;
  if (typeof week !== 'number' || !Number.isSafeInteger(week) || week < 0) {
    fail(['remainder', 'week'], 'integer', 'week must be a non-negative whole number');
    return undefined;
  }
  return { mode: 'rotate', week };
}
