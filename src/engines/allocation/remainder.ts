import type { IdealQuotas } from './ideal';
import type { AllocationProblem, RemainderGrant } from './types';

/**
 * Hands `leftover` 条 out one slot at a time to customers of the lowest grades still at ⌊y⌋ (docs/architecture.md#supply-release: "+1 条 to customers of the lowest grade still at ⌊y⌋, rotating week to week"). Within a grade
 * the starting cell rotates with the week, and within a cell-grade the starting slot advances by
 * the units granted, so consecutive weeks walk round the shops instead of favouring the first ones.
 * Returns the grants and the units that could not be placed (only when no grade is fractional,
 * e.g. every cap binds).
 */
export function rotateRemainder(
  problem: AllocationProblem,
  ideal: IdealQuotas,
  quotas: readonly (readonly number[])[],
  leftover: number,
  week: number,
): { grants: RemainderGrant[]; unplaced: number } {
  const grants: RemainderGrant[] = [];
  const G = problem.profile.length;
  let left = leftover;
  for (let j = 0; j < G && left > 0; j++) {
    const cells: number[] = [];
    problem.cells.forEach((cell, k) => {
      if (
        cell.counts[j]! > 0 &&
        quotas[k]![j] === ideal.lo[k]![j] &&
        ideal.hi[k]![j]! > ideal.lo[k]![j]!
      )
        cells.push(k);
    });
    if (cells.length === 0) continue;
    const startAt = week % cells.length;
    for (let n = 0; n < cells.length && left > 0; n++) {
      const k = cells[(startAt + n) % cells.length]!;
      const slots = problem.cells[k]!.counts[j]!;
      const units = Math.min(left, slots);
      grants.push({
        cell: k,
        key: problem.cells[k]!.key,
        grade: j,
        units,
        offset: Number((BigInt(week) * BigInt(units)) % BigInt(slots)),
        slots,
      });
      left -= units;
    }
  }
  return { grants, unplaced: left };
}

/**
 * Turns a grant into per-customer extras. `customers` are the grant's cell-grade customers in the
 * caller's stable order with their weights (2 for 两周一访上浮); their weights must add up to
 * `grant.slots`. A customer covered by k of the granted slots gets k extra 条.
 */
export function expandGrant(
  grant: RemainderGrant,
  customers: readonly { id: string; weight: number }[],
): { id: string; extra: number }[] {
  const total = customers.reduce((s, c) => s + c.weight, 0);
  if (total !== grant.slots) {
    throw new Error(
      `grant for ${grant.key} D${grant.grade + 1} has ${grant.slots} slots, customers weigh ${total}`,
    );
  }
  const out: { id: string; extra: number }[] = [];
  let slot = 0;
  for (const c of customers) {
    let extra = 0;
    for (let i = 0; i < c.weight; i++, slot++) {
      if ((slot - grant.offset + grant.slots) % grant.slots < grant.units) extra++;
    }
    if (extra > 0) out.push({ id: c.id, extra });
  }
  return out;
}
