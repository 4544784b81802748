import type { AllocationError, ProfilePreset } from '../../../engines/allocation';
import { maxGrade } from '../../../contracts/retail';

/** Grades D1 … D30 (docs/architecture.md#retailers). */
export const GRADES = maxGrade;

/**
 * Method C 按价位段 (docs/architecture.md#supply-release): higher price bands are concentrated on higher grades. The default
 * band profile per 价类 — the minimum grade that receives the spec and how steeply it rises — is
 * rule data a plan may override with its own profile.
 */
export const priceBandPresets: Record<number, ProfilePreset> = {
  1: { preset: 'geometric', minGrade: 21, ratio: 1.2 },
  2: { preset: 'geometric', minGrade: 16, ratio: 1.15 },
  3: { preset: 'linear', minGrade: 9, start: 1, step: 0.5 },
  4: { preset: 'linear', minGrade: 4, start: 1, step: 0.3 },
  5: { preset: 'linear', minGrade: 1, start: 1, step: 0.2 },
};

export function priceBandProfile(priceClass: number): ProfilePreset {
  return priceBandPresets[priceClass] ?? priceBandPresets[5]!;
}

/**
 * Engine validation codes to HTTP (house rule): a malformed shape is 400, a well-formed value that
 * a rule refuses (decreasing profile, out of range, fractional count, duplicate, too large) is 422.
 */
export function statusOfEngineErrors(errors: readonly AllocationError[]): 400 | 422 {
  return errors.some((e) => e.code === 'type' || e.code === 'required' || e.code === 'length')
    ? 400
    : 422;
}

/** Weekly supply available to release (docs/architecture.md#supply-release): stock + expected inbound − safety stock. */
export function availableSupply(p: { stock: number; inbound: number; safetyStock: number }) {
  return Math.max(0, p.stock + p.inbound - p.safetyStock);
}

/** The logistics centre that serves a city company (one per city in the demo province). */
export function logisticsCentreOf(cityCode: string): string {
  return `LC${cityCode}`;
}

export const planTransitions = {
  /** Only a draft may be edited or published; a published plan is corrected by a new version. */
  canEdit: (status: 'draft' | 'published') => status === 'draft',
  canPublish: (status: 'draft' | 'published') => status === 'draft',
} as const;
