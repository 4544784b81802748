import { describe, expect, it } from 'vitest';
import { expandPreset } from './profile';

describe('expandPreset', () => {
  it('linear: zero below minGrade, then start, start+step, …', () => {
    expect(expandPreset({ preset: 'linear', minGrade: 3 }, 6)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(expandPreset({ preset: 'linear', minGrade: 1, start: 2, step: 0.5 }, 3)).toEqual([
      2, 2.5, 3,
    ]);
  });

  it('geometric: ratio^i from minGrade', () => {
    const p = expandPreset({ preset: 'geometric', minGrade: 2, ratio: 2 }, 5);
    expect(p).toEqual([0, 1, 2, 4, 8]);
  });

  it('banded: steps up every `width` grades', () => {
    const p = expandPreset({ preset: 'banded', minGrade: 2, width: 2, step: 1 }, 7);
    expect(p).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it('every preset is non-decreasing over 30 grades', () => {
    for (const preset of [
      { preset: 'linear', minGrade: 5 },
      { preset: 'geometric', minGrade: 1, ratio: 1.2 },
      { preset: 'banded', minGrade: 10 },
    ] as const) {
      const p = expandPreset(preset, 30);
      for (let j = 1; j < 30; j++) expect(p[j]!).toBeGreaterThanOrEqual(p[j - 1]!);
      expect(p[preset.minGrade - 1]!).toBeGreaterThan(0);
    }
  });
});
