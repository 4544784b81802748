import { describe, expect, it } from 'vitest';
import { solveAllocation } from './index';
import { validateAllocationInput } from './validate';

const good = {
  grades: 3,
  target: 100,
  cap: 5,
  profile: [0, 1, 2],
  cells: [{ key: '140105', counts: [3, 4, 5], multiplier: 1 }],
};

function errorsOf(input: unknown) {
  const r = validateAllocationInput(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => ({ path: e.path, code: e.code }));
}

describe('validateAllocationInput', () => {
  it('accepts a valid request and expands presets', () => {
    const r = validateAllocationInput(good);
    expect(r.ok).toBe(true);
    const p = validateAllocationInput({ ...good, profile: { preset: 'linear', minGrade: 2 } });
    expect(p.ok && p.problem.profile).toEqual([0, 1, 2]);
  });

  it('defaults to 30 grades with a preset and to the profile length with an array', () => {
    const r = validateAllocationInput({
      target: 10,
      profile: { preset: 'banded', minGrade: 1 },
      cells: [{ key: 'a', counts: new Array(30).fill(1) }],
    });
    expect(r.ok && r.problem.profile.length).toBe(30);
    const a = validateAllocationInput({ ...good, grades: undefined });
    expect(a.ok).toBe(true);
  });

  it('rejects a decreasing profile at the grade that drops', () => {
    expect(errorsOf({ ...good, profile: [1, 3, 2] })).toEqual([
      { path: ['profile', 2], code: 'decreasing' },
    ]);
  });

  it('rejects negative and fractional counts with their path', () => {
    expect(errorsOf({ ...good, cells: [{ key: 'a', counts: [1, -2, 1.5] }] })).toEqual([
      { path: ['cells', 0, 'counts', 1], code: 'range' },
      { path: ['cells', 0, 'counts', 2], code: 'integer' },
    ]);
  });

  it('rejects a zero or fractional cap, and a negative or fractional target', () => {
    expect(errorsOf({ ...good, cap: 0 })).toEqual([{ path: ['cap'], code: 'range' }]);
    expect(errorsOf({ ...good, cap: 1.5 })).toEqual([{ path: ['cap'], code: 'integer' }]);
    expect(errorsOf({ ...good, target: -1 })).toEqual([{ path: ['target'], code: 'range' }]);
    expect(errorsOf({ ...good, target: 2.5 })).toEqual([{ path: ['target'], code: 'integer' }]);
    expect(errorsOf({ ...good, target: '100' })).toEqual([{ path: ['target'], code: 'type' }]);
  });

  it('rejects wrong lengths, duplicate keys, missing fields and bad multipliers', () => {
    expect(errorsOf({ ...good, profile: [1, 2] })).toEqual([{ path: ['profile'], code: 'length' }]);
    expect(errorsOf({ ...good, cells: [{ key: 'a', counts: [1, 2] }] })).toEqual([
      { path: ['cells', 0, 'counts'], code: 'length' },
    ]);
    expect(
      errorsOf({
        ...good,
        cells: [
          { key: 'a', counts: [1, 2, 3] },
          { key: 'a', counts: [1, 2, 3], multiplier: -1 },
        ],
      }),
    ).toEqual([
      { path: ['cells', 1, 'key'], code: 'duplicate' },
      { path: ['cells', 1, 'multiplier'], code: 'range' },
    ]);
    expect(errorsOf({ grades: 3 })).toEqual([
      { path: ['target'], code: 'required' },
      { path: ['profile'], code: 'required' },
      { path: ['cells'], code: 'required' },
    ]);
    expect(errorsOf(null)).toEqual([{ path: [], code: 'type' }]);
    expect(errorsOf({ target: 1, profile: [], cells: [{ key: 'a', counts: [] }] })).toEqual([
      { path: ['profile'], code: 'length' },
    ]);
    expect(errorsOf({ ...good, cells: [] })).toEqual([{ path: ['cells'], code: 'length' }]);
  });

  it('rejects bad presets and remainder options', () => {
    expect(errorsOf({ ...good, profile: { preset: 'cubic', minGrade: 1 } })).toEqual([
      { path: ['profile', 'preset'], code: 'type' },
    ]);
    expect(
      errorsOf({ ...good, profile: { preset: 'geometric', minGrade: 4, ratio: 0.9 } }),
    ).toEqual([
      { path: ['profile', 'minGrade'], code: 'range' },
      { path: ['profile', 'ratio'], code: 'range' },
    ]);
    expect(errorsOf({ ...good, remainder: { mode: 'rotate' } })).toEqual([
      { path: ['remainder', 'week'], code: 'integer' },
    ]);
  });

  it('refuses totals beyond the exactness limits', () => {
    expect(errorsOf({ ...good, cells: [{ key: 'a', counts: [1e7, 1e7, 0] }] })).toEqual([
      { path: ['cells'], code: 'too_large' },
    ]);
    expect(errorsOf({ ...good, target: 1e11 })).toEqual([{ path: ['target'], code: 'range' }]);
  });

  it('solveAllocation returns errors instead of throwing', () => {
    const r = solveAllocation({ ...good, cap: 0 });
    expect(r.ok).toBe(false);
  });
});
