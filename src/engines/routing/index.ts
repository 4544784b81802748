/**
 * Routing engine: capacitated vehicle routing from a depot with service times, time windows,
 * route-duration and stop-count limits and a fixed or unlimited fleet with per-vehicle capacity.
 *
 * The solver is an anytime hybrid genetic search (population, ordered crossover, split, granular
 * local search with relocate / swap / 2-opt / 2-opt* / SWAP*, penalised infeasibility with
 * adaptive penalties, time-warp segments). Large problems are cut into polar sectors solved
 * separately (in worker threads with `solveAsync`) and then improved as a whole.
 *
 * Pure TypeScript, no I/O: readers take text, the caller reads files.
 */
export type { RoutingProblem, RoutingSolution, SolveOptions, VehicleType } from './types';
export { solve, solveAsync } from './solver';
export { checkSolution, type CheckResult } from './checker';
export {
  parseInstance,
  parseCvrplib,
  parseSolomon,
  parseCvrplibSolution,
  type ParsedInstance,
} from './readers';
export {
  roundedEuclideanMatrix,
  euclideanMatrix,
  greatCircleMatrix,
  travelTimeMatrix,
} from './distance';
