import type { ProfilePreset } from './types';

/**
 * Expands a preset into a profile over `grades` grades (index 0 = D1). Grades below `minGrade`
 * (1-based) get 0; from `minGrade` upward the value never decreases, so the result always satisfies
 * the monotonicity the rounding relies on. Parameters are assumed validated (see `validate.ts`).
 */
export function expandPreset(preset: ProfilePreset, grades: number): number[] {
  const out = new Array<number>(grades).fill(0);
  const first = preset.minGrade - 1;
  for (let j = Math.max(0, first); j < grades; j++) {
    const i = j - first;
    switch (preset.preset) {
      case 'linear':
        out[j] = (preset.start ?? 1) + (preset.step ?? 1) * i;
        break;
      case 'geometric':
        out[j] = Math.pow(preset.ratio ?? 1.1, i);
        break;
      case 'banded':
        out[j] = 1 + (preset.step ?? 1) * Math.floor(i / (preset.width ?? 5));
        break;
    }
  }
  return out;
}
