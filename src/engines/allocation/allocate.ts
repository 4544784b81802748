import { idealQuotas } from './ideal';
import { rotateRemainder } from './remainder';
import { roundQuotas } from './rounding';
import type { AllocationProblem, AllocationResult } from './types';

/** Solves one product's allocation; `problem` must come from `validateAllocationInput`. */
export function allocate(problem: AllocationProblem): AllocationResult {
  const ideal = idealQuotas(problem);
  const rounded = roundQuotas(problem, ideal);
  let allocated = rounded.allocated;
  let grants: AllocationResult['grants'] = [];
  if (problem.remainder?.mode === 'rotate' && allocated < problem.target) {
    const r = rotateRemainder(
      problem,
      ideal,
      rounded.quotas,
      problem.target - allocated,
      problem.remainder.week,
    );
    grants = r.grants;
    allocated = problem.target - r.unplaced;
  }
  return {
    target: problem.target,
    allocated,
    idle: problem.target - allocated,
    lambda: ideal.lambda,
    cells: problem.cells.map((cell, k) => ({ key: cell.key, quotas: rounded.quotas[k]! })),
    grants,
    stats: rounded.stats,
  };
}
