/**
 * SWAP* (Vidal 2022): exchanges a stop of one route with a stop of another whose polar sector
 * overlaps, each reinserted at its best place in the other route (not necessarily where the
 * other was). The three best insertion positions of each stop into each route are cached and
 * recomputed only when that route changes.
 */
import type { Rng } from './rng';
import { EPS, RouteState, sectorsOverlap } from './route-state';

export abstract class SwapStarSearch extends RouteState {
  // ---------------------------------------------------------------- SWAP*

  protected swapStarPass(rng: Rng, loop: number): boolean {
    let improved = false;
    const R = this.routes.length;
    const start = rng.int(R);
    for (let i = 0; i < R && !this.aborted; i++) {
      const r1 = (start + i) % R;
      if (this.routes[r1]!.length === 0) continue;
      const last = this.lastSwapStar[r1]!;
      this.lastSwapStar[r1] = this.nbMoves;
      for (let r2 = 0; r2 < R; r2++) {
        if (r2 === r1 || this.routes[r2]!.length === 0) continue;
        if (r1 > r2 && loop === 0) continue;
        if (loop > 0 && Math.max(this.modified[r1]!, this.modified[r2]!) <= last) continue;
        if (!sectorsOverlap(this.sectors[r1]!, this.sectors[r2]!)) continue;
        if (this.swapStar(r1, r2)) improved = true;
      }
      if (performance.now() > this.deadline) this.aborted = true;
    }
    return improved;
  }

  protected preprocessInsertions(r1: number, r2: number): void {
    const m = this.m;
    const n = m.n;
    const from = this.routes[r1]!;
    const into = this.routes[r2]!;
    const L2 = into.length;
    let cache = this.insCache[r2];
    if (!cache) {
      cache = {
        cost: new Float64Array(n * 3),
        pos: new Int32Array(n * 3),
        at: new Int32Array(n).fill(-1),
      };
      this.insCache[r2] = cache;
    }
    const fresh = this.modified[r2]!;
    for (let k = 0; k < from.length; k++) {
      const u = from[k]!;
      const prev = k === 0 ? 0 : from[k - 1]!;
      const next = k === from.length - 1 ? 0 : from[k + 1]!;
      this.remGain[u] = m.dist[prev * n + next]! - m.dist[prev * n + u]! - m.dist[u * n + next]!;
      if (cache.at[u]! >= fresh) continue;
      cache.at[u] = this.nbMoves;
      let c0 = Infinity;
      let c1 = Infinity;
      let c2 = Infinity;
      let p0 = -1;
      let p1 = -1;
      let p2 = -1;
      for (let p = 0; p <= L2; p++) {
        const a = p === 0 ? 0 : into[p - 1]!;
        const b = p === L2 ? 0 : into[p]!;
        const c = m.dist[a * n + u]! + m.dist[u * n + b]! - m.dist[a * n + b]!;
        if (c < c2) {
          if (c < c1) {
            c2 = c1;
            p2 = p1;
            if (c < c0) {
              c1 = c0;
              p1 = p0;
              c0 = c;
              p0 = p;
            } else {
              c1 = c;
              p1 = p;
            }
          } else {
            c2 = c;
            p2 = p;
          }
        }
      }
      cache.cost[u * 3] = c0;
      cache.cost[u * 3 + 1] = c1;
      cache.cost[u * 3 + 2] = c2;
      cache.pos[u * 3] = p0;
      cache.pos[u * 3 + 1] = p1;
      cache.pos[u * 3 + 2] = p2;
    }
  }

  /**
   * Cheapest insertion of v into u's route once u is removed: in u's place, or at one of v's
   * three best positions that does not touch u. Returns the cost; the position goes to insAt.
   */
  protected insAt = 0;
  protected cheapestWithRemoval(v: number, u: number): number {
    const m = this.m;
    const n = m.n;
    const ru = this.routeOf[u]!;
    const route = this.routes[ru]!;
    const cache = this.insCache[ru]!;
    const pu = this.posOf[u]!;
    const prev = pu === 1 ? 0 : route[pu - 2]!;
    const next = pu === route.length ? 0 : route[pu]!;
    let best = m.dist[prev * n + v]! + m.dist[v * n + next]! - m.dist[prev * n + next]!;
    this.insAt = pu - 1;
    for (let k = 0; k < 3; k++) {
      const p = cache.pos[v * 3 + k]!;
      if (p < 0) break;
      if (p === pu || p === pu - 1) continue;
      if (cache.cost[v * 3 + k]! < best) {
        best = cache.cost[v * 3 + k]!;
        this.insAt = p;
      }
      break;
    }
    return best;
  }

  protected swapStar(r1: number, r2: number): boolean {
    this.preprocessInsertions(r1, r2);
    this.preprocessInsertions(r2, r1);
    const A = this.routes[r1]!;
    const B = this.routes[r2]!;
    const m = this.m;
    const q1 = this.cumQ[r1]![A.length + 1]!;
    const q2 = this.cumQ[r2]![B.length + 1]!;
    const cap1 = this.caps[r1]!;
    const cap2 = this.caps[r2]!;
    const wl = this.pen.load;
    const pen1 = wl * Math.max(0, q1 - cap1);
    const pen2 = wl * Math.max(0, q2 - cap2);
    let best = -EPS;
    let bu = -1;
    let bv = -1;
    let posV = 0;
    let posU = 0;
    for (const u of A) {
      const du = m.demand[u]!;
      for (const v of B) {
        const dv = m.demand[v]!;
        const dp1 = wl * Math.max(0, q1 - du + dv - cap1) - pen1;
        const dp2 = wl * Math.max(0, q2 - dv + du - cap2) - pen2;
        const base = dp1 + dp2 + this.remGain[u]! + this.remGain[v]!;
        if (base > 0) continue;
        const extraV = this.cheapestWithRemoval(v, u);
        const atV = this.insAt;
        const extraU = this.cheapestWithRemoval(u, v);
        const total = base + extraV + extraU;
        if (total < best) {
          best = total;
          bu = u;
          bv = v;
          posV = atV;
          posU = this.insAt;
        }
      }
    }
    if (bu < 0) return false;
    const newA = rebuildWith(A, this.posOf[bu]!, bv, posV);
    const newB = rebuildWith(B, this.posOf[bv]!, bu, posU);
    this.nbMoves++;
    this.setRoute(r1, newA);
    this.setRoute(r2, newB);
    return true;
  }
}

/** Route without the stop at position `removePos`, with `insert` placed after position `after`. */
function rebuildWith(route: number[], removePos: number, insert: number, after: number): number[] {
  const out: number[] = [];
  if (after === 0) out.push(insert);
  for (let p = 1; p <= route.length; p++) {
    if (p !== removePos) out.push(route[p - 1]!);
    if (p === after) out.push(insert);
  }
  return out;
}
