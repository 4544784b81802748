/**
 * Allocation engine (货源投放, docs/architecture.md#supply-release): turns a weekly target for one
 * brand-spec into a published quota per grade for every cell of a plan.
 *
 * ```ts
 * const checked = validateAllocationInput(json);
 * if (!checked.ok) return reply(422, checked.errors);
 * const result = allocate(checked.problem);
 * ```
 *
 * The ideal quota is y = min(U, λ·m·r) with one λ for all cells so that Σ c·y = T; the published
 * quota rounds each y down or up, never gives a lower grade more than a higher one, never exceeds
 * the target, and — solved exactly, not greedily — leaves as little supply idle as possible.
 * Optionally the idle remainder is rotated, +1 条 at a time, over customers of the lowest grades.
 *
 * Pure: no I/O, deterministic for the same input.
 */
export { allocate } from './allocate';
export { validateAllocationInput, DEFAULT_GRADES, LIMITS } from './validate';
export type { ValidationResult } from './validate';
export { expandPreset } from './profile';
export { idealQuotas, snap, snapTolerance } from './ideal';
export type { IdealQuotas } from './ideal';
export { expandGrant } from './remainder';
export type {
  AllocationCell,
  AllocationError,
  AllocationProblem,
  AllocationResult,
  CellQuotas,
  ProfilePreset,
  ProfileSpec,
  RemainderGrant,
  RemainderOption,
  RoundingStats,
} from './types';

import { allocate } from './allocate';
import type { AllocationError, AllocationResult } from './types';
import { validateAllocationInput } from './validate';

/** Validates then solves; the one call the server and the CLI need. */
export function solveAllocation(
  input: unknown,
): { ok: true; result: AllocationResult } | { ok: false; errors: AllocationError[] } {
  const checked = validateAllocationInput(input);
  return checked.ok ? { ok: true, result: allocate(checked.problem) } : checked;
}
