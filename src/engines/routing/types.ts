/**
 * The routing model. Node 0 is the depot, nodes 1..size-1 are the stops. Every matrix is square,
 * row-major, `size × size`, and assumed symmetric (the local search evaluates reversed segments
 * with the forward distance).
 */
export interface RoutingProblem {
  /** Number of nodes, depot included. */
  size: number;
  /** Travel cost between nodes (the objective). */
  distance: Float64Array;
  /** Travel time between nodes; defaults to `distance`. */
  travelTime?: Float64Array;
  /** Integer demand of each node (the depot's is ignored). */
  demand: ArrayLike<number>;
  /** Service time at each node (the depot's is ignored); defaults to 0. */
  serviceTime?: ArrayLike<number>;
  /**
   * Time windows: service at node i starts within [ready[i], due[i]] (waiting is allowed). The
   * depot's window is the shift: vehicles leave at or after ready[0] and are back by due[0].
   */
  timeWindows?: { ready: ArrayLike<number>; due: ArrayLike<number> };
  /** Capacity of every vehicle when `fleet` is absent. */
  capacity: number;
  /** A fixed fleet, one entry per vehicle type; when absent the fleet is unlimited. */
  fleet?: VehicleType[];
  /** Longest allowed route duration (travel + service + waiting), if any. */
  maxRouteDuration?: number;
  /** Most stops on one route, if any. */
  maxStops?: number;
  /** Planar (or projected) coordinates, used for polar sectors and decomposition; optional. */
  coordinates?: { x: ArrayLike<number>; y: ArrayLike<number> };
}

export interface VehicleType {
  capacity: number;
  count: number;
}

export interface RoutingSolution {
  /** Total travel cost of all routes. */
  cost: number;
  /** Routes as node indices (1..size-1), depot omitted; only non-empty routes. */
  routes: number[][];
  /** Vehicle index (into the expanded fleet) serving each route, in the same order. */
  vehicles: number[];
  /** Whether every constraint holds. */
  feasible: boolean;
}

export interface SolveOptions {
  /** Wall-clock budget in seconds (default 10). */
  timeLimit?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /**
   * Stop after this many genetic iterations (default unlimited). With a generous time limit,
   * an iteration limit makes the result identical for a seed on any machine.
   */
  maxIterations?: number;
  /** Random solutions the search starts from (default 100, as HGS's 4μ); fewer start faster. */
  initialPopulation?: number;
  /** Number of worker threads used for decomposed problems; 0 solves in this thread. */
  workers?: number;
  /** Problems with more stops than this are decomposed (default 1200). */
  decomposeAbove?: number;
  /** Target size of a decomposed part (default 500). */
  partSize?: number;
  /**
   * Planar problems with an unlimited fleet and more stops than this (default 250) also run a
   * decomposition phase: groups of about 100 stops of the best solution's routes are re-solved
   * on their own, alternating with the search on the whole.
   */
  groupAbove?: number;
  /** Called with (elapsed seconds, best cost) when a better feasible solution is found. */
  onImprovement?: (elapsedSeconds: number, cost: number) => void;
}
