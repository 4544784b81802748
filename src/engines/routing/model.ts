/**
 * The solver's internal view of a problem: flat typed arrays, the expanded fleet, granular
 * neighbour lists and polar angles, computed once per solve.
 */
import type { RoutingProblem } from './types';

export class Model {
  readonly n: number;
  readonly dist: Float64Array | Float32Array;
  readonly time: Float64Array;
  readonly demand: Float64Array;
  readonly service: Float64Array;
  readonly ready: Float64Array;
  readonly due: Float64Array;
  /** Whether any time attribute (windows, service, duration limit) can be violated. */
  readonly hasTime: boolean;
  readonly maxDuration: number;
  readonly maxStops: number;
  /** Capacity of each vehicle slot when the fleet is fixed (largest first), else null. */
  readonly fleetCaps: Float64Array | null;
  /** Index in the fleet expanded type by type of each vehicle slot. */
  readonly fleetIndex: Int32Array | null;
  /** Capacity used by the split and by every route of an unlimited fleet. */
  readonly capacity: number;
  readonly totalDemand: number;
  readonly maxDemand: number;
  readonly maxDist: number;
  /** Granular neighbours of each stop (nearest by a time-aware proximity), index 0 unused. */
  readonly neighbours: Int32Array[];
  /** Polar angle of each node around the depot in [0, 65536), or null without coordinates. */
  readonly polar: Int32Array | null;

  constructor(p: RoutingProblem, granularity: number) {
    const n = p.size;
    this.n = n;
    if (p.distance.length !== n * n) throw new Error('distance matrix is not size × size');
    this.dist = compact(p.distance);
    this.time = p.travelTime ?? p.distance;
    if (this.time.length !== n * n) throw new Error('travel-time matrix is not size × size');
    this.demand = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : p.demand[i]!));
    this.service = Float64Array.from({ length: n }, (_, i) =>
      i === 0 ? 0 : (p.serviceTime?.[i] ?? 0),
    );
    this.ready = Float64Array.from({ length: n }, (_, i) => p.timeWindows?.ready[i] ?? 0);
    this.due = Float64Array.from({ length: n }, (_, i) => p.timeWindows?.due[i] ?? Infinity);
    this.maxDuration = p.maxRouteDuration ?? Infinity;
    this.maxStops = p.maxStops ?? Infinity;
    this.hasTime = p.timeWindows !== undefined || p.maxRouteDuration !== undefined;
    if (p.fleet) {
      const caps: number[] = [];
      for (const t of p.fleet) for (let k = 0; k < t.count; k++) caps.push(t.capacity);
      if (caps.length === 0) throw new Error('the fleet has no vehicle');
      const order = caps.map((_, i) => i).sort((a, b) => caps[b]! - caps[a]! || a - b);
      this.fleetIndex = Int32Array.from(order);
      this.fleetCaps = Float64Array.from(order, (i) => caps[i]!);
      caps.sort((a, b) => b - a);
      this.capacity = caps[0]!;
      if (Number.isFinite(this.maxStops) && caps.length * this.maxStops < n - 1)
        throw new Error('infeasible: the fleet cannot visit every stop within maxStops');
    } else {
      this.fleetCaps = null;
      this.fleetIndex = null;
      this.capacity = p.capacity;
    }
    let total = 0;
    let maxDemand = 0;
    for (let i = 1; i < n; i++) {
      total += this.demand[i]!;
      maxDemand = Math.max(maxDemand, this.demand[i]!);
    }
    this.totalDemand = total;
    this.maxDemand = maxDemand;
    let maxDist = 0;
    for (let k = 0; k < n * n; k++) if (this.dist[k]! > maxDist) maxDist = this.dist[k]!;
    this.maxDist = maxDist;
    this.neighbours = this.buildNeighbours(Math.max(0, Math.min(granularity, n - 2)));
    if (p.coordinates) {
      const { x, y } = p.coordinates;
      this.polar = Int32Array.from({ length: n }, (_, i) => {
        const a = Math.atan2(y[i]! - y[0]!, x[i]! - x[0]!);
        return Math.floor((a / (2 * Math.PI)) * 65536 + 65536) % 65536;
      });
    } else this.polar = null;
  }

  /**
   * Proximity mixes distance with the waiting and lateness that serving j right after i would
   * cause, so that granular moves favour pairs that can follow each other in time.
   */
  private proximity(i: number, j: number): number {
    const d = this.dist[i * this.n + j]!;
    if (!this.hasTime) return d;
    const t = this.time[i * this.n + j]!;
    const wait = Math.max(this.ready[j]! - this.service[i]! - t - this.due[i]!, 0);
    const late = Math.max(this.ready[i]! + this.service[i]! + t - this.due[j]!, 0);
    return d + 0.2 * wait + 1.0 * late;
  }

  private buildNeighbours(k: number): Int32Array[] {
    const n = this.n;
    const out: Int32Array[] = [new Int32Array(0)];
    // Bounded insertion keeps the k best in order: O(n·k) at worst, near O(n) in practice,
    // where a full sort per stop would cost O(n² log n) on a thousand stops.
    const bestJ = new Int32Array(k);
    const bestS = new Float64Array(k);
    for (let i = 1; i < n; i++) {
      let size = 0;
      for (let j = 1; j < n; j++) {
        if (j === i) continue;
        const sc = Math.min(this.proximity(i, j), this.proximity(j, i));
        if (size === k && sc >= bestS[k - 1]!) continue;
        let q = size < k ? size++ : k - 1;
        while (q > 0 && bestS[q - 1]! > sc) {
          bestS[q] = bestS[q - 1]!;
          bestJ[q] = bestJ[q - 1]!;
          q--;
        }
        bestS[q] = sc;
        bestJ[q] = j;
      }
      out.push(bestJ.slice(0, size));
    }
    return out;
  }
}

/**
 * Integer matrices below 2^24 (CVRPLIB, metres) are held as 32-bit floats: exact, and half the
 * memory traffic in the local search, whose cost is mostly matrix reads.
 */
function compact(m: Float64Array): Float64Array | Float32Array {
  for (let k = 0; k < m.length; k++) {
    const v = m[k]!;
    if (!Number.isInteger(v) || v < 0 || v >= 16777216) return m;
  }
  return Float32Array.from(m);
}
