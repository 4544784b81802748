/**
 * Granular local search in the style of HGS (Vidal 2022): for each stop u and each of its
 * granular neighbours v, relocate / swap / 2-opt / 2-opt* moves on one or two routes, first
 * improvement, pairs retested only when one of their routes changed; then SWAP* between routes
 * whose polar sectors overlap (capacity-only problems). Each move is screened by an O(1)
 * distance/load delta and then checked and applied as a plan (see `route-state.ts`).
 */
import type { Rng } from './rng';
import { type Penalties } from './route-state';
import { SwapStarSearch } from './swap-star';

export type { Penalties } from './route-state';

export class LocalSearch extends SwapStarSearch {
  run(rng: Rng, pen: Penalties, deadline: number): void {
    this.pen.load = pen.load;
    this.pen.time = pen.time;
    this.deadline = deadline;
    this.aborted = false;
    this.nbMoves++;
    for (let r = 0; r < this.routes.length; r++) this.setRoute(r, this.routes[r]!);
    rng.shuffle(this.order);
    this.lastTested.fill(-1);
    for (let r = 0; r < this.routes.length; r++) this.lastSwapStar[r] = -1;
    let improved = true;
    for (let loop = 0; improved && !this.aborted; loop++) {
      improved = false;
      for (let k = 0; k < this.order.length && !this.aborted; k++) {
        const u = this.order[k]!;
        const lastU = this.lastTested[u]!;
        this.lastTested[u] = this.nbMoves;
        const nb = this.m.neighbours[u]!;
        for (let j = 0; j < nb.length; j++) {
          const v = nb[j]!;
          const ru = this.routeOf[u]!;
          const rv = this.routeOf[v]!;
          if (loop > 0 && Math.max(this.modified[ru]!, this.modified[rv]!) <= lastU) continue;
          if (this.tryPair(u, v, this.posOf[v]!)) {
            improved = true;
            continue;
          }
          if (this.posOf[v] === 1 && this.tryPair(u, v, 0)) improved = true;
        }
        if (loop > 0 && this.tryEmptyRoute(u)) improved = true;
        if (++this.checks % 64 === 0 && performance.now() > this.deadline) this.aborted = true;
      }
      // SWAP* is costly while routes still sprawl: it runs once relocations and swaps are done.
      if (
        !improved &&
        !this.m.hasTime &&
        this.m.polar &&
        !this.aborted &&
        this.swapStarPass(rng, loop)
      )
        improved = true;
    }
  }

  // ---------------------------------------------------------------- moves

  /** Tries every move between u and v, with v taken at position pv (0 = v's route depot). */
  protected tryPair(u: number, v: number, pv: number): boolean {
    // Two smaller functions optimise better in V8 than one that holds every move.
    return this.routeOf[u] === this.routeOf[v] ? this.tryIntra(u, v, pv) : this.tryInter(u, v, pv);
  }

  protected tryInter(u: number, v: number, pv: number): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    const pu = this.posOf[u]!;
    const L1 = this.routes[r1]!.length;
    const L2 = this.routes[r2]!.length;
    const P = this.plan;
    const xIsStop = pu < L1;
    const yIsStop = pv < L2;
    const m = this.m;
    const D = m.dist;
    const n = m.n;
    const A = this.routes[r1]!;
    const B = this.routes[r2]!;
    const p = pu > 1 ? A[pu - 2]! : 0;
    const x = xIsStop ? A[pu]! : 0;
    const xx = pu + 1 < L1 ? A[pu + 1]! : 0;
    const pvv = pv > 1 ? B[pv - 2]! : 0;
    const y = yIsStop ? B[pv]! : 0;
    const yy = pv + 1 < L2 ? B[pv + 1]! : 0;
    // The node at position pv: v itself, or the depot when v is taken at its route's start.
    const w = pv >= 1 ? v : 0;
    const du = m.demand[u]!;
    const dx = m.demand[x]!;
    const dv = pv >= 1 ? m.demand[v]! : 0;
    const dy = m.demand[y]!;
    const dpu = D[p * n + u]!;
    const dux = D[u * n + x]!;
    const dvy = D[w * n + y]!;
    // Relocate u after v.
    if (
      this.promising(
        r1,
        -du,
        -1,
        r2,
        du,
        1,
        D[p * n + x]! - dpu - dux + D[w * n + u]! + D[u * n + y]! - dvy,
      )
    ) {
      P.start(r1, r2);
      P.fwd(0, r1, 0, pu - 1);
      P.fwd(0, r1, pu + 1, L1 + 1);
      P.fwd(1, r2, 0, pv);
      P.fwd(1, r1, pu, pu);
      P.fwd(1, r2, pv + 1, L2 + 1);
      if (this.tryPlan()) return true;
    }
    if (xIsStop) {
      const dxxx = D[x * n + xx]!;
      const base = D[p * n + xx]! - dpu - dxxx - dvy;
      // Relocate (u, x) after v, then (x, u).
      if (this.promising(r1, -du - dx, -2, r2, du + dx, 2, base + D[w * n + u]! + D[x * n + y]!)) {
        P.start(r1, r2);
        P.fwd(0, r1, 0, pu - 1);
        P.fwd(0, r1, pu + 2, L1 + 1);
        P.fwd(1, r2, 0, pv);
        P.fwd(1, r1, pu, pu + 1);
        P.fwd(1, r2, pv + 1, L2 + 1);
        if (this.tryPlan()) return true;
      }
      if (this.promising(r1, -du - dx, -2, r2, du + dx, 2, base + D[w * n + x]! + D[u * n + y]!)) {
        P.start(r1, r2);
        P.fwd(0, r1, 0, pu - 1);
        P.fwd(0, r1, pu + 2, L1 + 1);
        P.fwd(1, r2, 0, pv);
        P.rev(1, r1, pu + 1, pu);
        P.fwd(1, r2, pv + 1, L2 + 1);
        if (this.tryPlan()) return true;
      }
    }
    if (pv >= 1) {
      const dpvv = D[pvv * n + w]!;
      // Swap u and v.
      if (
        this.promising(
          r1,
          dv - du,
          0,
          r2,
          du - dv,
          0,
          D[p * n + w]! + D[w * n + x]! - dpu - dux + D[pvv * n + u]! + D[u * n + y]! - dpvv - dvy,
        )
      ) {
        P.start(r1, r2);
        P.fwd(0, r1, 0, pu - 1);
        P.fwd(0, r2, pv, pv);
        P.fwd(0, r1, pu + 1, L1 + 1);
        P.fwd(1, r2, 0, pv - 1);
        P.fwd(1, r1, pu, pu);
        P.fwd(1, r2, pv + 1, L2 + 1);
        if (this.tryPlan()) return true;
      }
      if (xIsStop) {
        const dxxx = D[x * n + xx]!;
        // Swap (u, x) and v.
        if (
          this.promising(
            r1,
            dv - du - dx,
            -1,
            r2,
            du + dx - dv,
            1,
            D[p * n + w]! +
              D[w * n + xx]! -
              dpu -
              dxxx +
              D[pvv * n + u]! +
              D[x * n + y]! -
              dpvv -
              dvy,
          )
        ) {
          P.start(r1, r2);
          P.fwd(0, r1, 0, pu - 1);
          P.fwd(0, r2, pv, pv);
          P.fwd(0, r1, pu + 2, L1 + 1);
          P.fwd(1, r2, 0, pv - 1);
          P.fwd(1, r1, pu, pu + 1);
          P.fwd(1, r2, pv + 1, L2 + 1);
          if (this.tryPlan()) return true;
        }
        // Swap (u, x) and (v, y).
        if (
          yIsStop &&
          this.promising(
            r1,
            dv + dy - du - dx,
            0,
            r2,
            du + dx - dv - dy,
            0,
            D[p * n + w]! +
              D[y * n + xx]! -
              dpu -
              dxxx +
              D[pvv * n + u]! +
              D[x * n + yy]! -
              dpvv -
              D[y * n + yy]!,
          )
        ) {
          P.start(r1, r2);
          P.fwd(0, r1, 0, pu - 1);
          P.fwd(0, r2, pv, pv + 1);
          P.fwd(0, r1, pu + 2, L1 + 1);
          P.fwd(1, r2, 0, pv - 1);
          P.fwd(1, r1, pu, pu + 1);
          P.fwd(1, r2, pv + 2, L2 + 1);
          if (this.tryPlan()) return true;
        }
      }
    }
    const q1 = this.cumQ[r1]!;
    const q2 = this.cumQ[r2]!;
    const headQ1 = q1[pu]!;
    const tailQ1 = q1[L1 + 1]! - headQ1;
    const headQ2 = q2[pv]!;
    const tailQ2 = q2[L2 + 1]! - headQ2;
    // 2-opt* with reversal: (u,x),(v,y) -> (u,v),(x,y).
    if (
      !m.hasTime &&
      this.promising(
        r1,
        headQ2 - tailQ1,
        pv - (L1 - pu),
        r2,
        tailQ1 - headQ2,
        L1 - pu - pv,
        D[u * n + w]! + D[x * n + y]! - dux - dvy,
      )
    ) {
      P.start(r1, r2);
      P.fwd(0, r1, 0, pu);
      P.rev(0, r2, pv, 1);
      P.fwd(0, r1, L1 + 1, L1 + 1);
      P.fwd(1, r2, 0, 0);
      P.rev(1, r1, L1, pu + 1);
      P.fwd(1, r2, pv + 1, L2 + 1);
      if (this.tryPlan()) return true;
    }
    // 2-opt*: (u,x),(v,y) -> (u,y),(v,x).
    if (
      this.promising(
        r1,
        tailQ2 - tailQ1,
        L2 - pv - (L1 - pu),
        r2,
        tailQ1 - tailQ2,
        L1 - pu - (L2 - pv),
        D[u * n + y]! + D[w * n + x]! - dux - dvy,
      )
    ) {
      P.start(r1, r2);
      P.fwd(0, r1, 0, pu);
      P.fwd(0, r2, pv + 1, L2 + 1);
      P.fwd(1, r2, 0, pv);
      P.fwd(1, r1, pu + 1, L1 + 1);
      return this.tryPlan();
    }
    return false;
  }

  protected tryIntra(u: number, v: number, pv: number): boolean {
    const r1 = this.routeOf[u]!;
    const r2 = this.routeOf[v]!;
    const pu = this.posOf[u]!;
    const L1 = this.routes[r1]!.length;
    const L2 = this.routes[r2]!.length;
    const P = this.plan;
    const xIsStop = pu < L1;
    const yIsStop = pv < L2;
    const m = this.m;
    const D = m.dist;
    const n = m.n;
    const A = this.routes[r1]!;
    const B = this.routes[r2]!;
    const p = pu > 1 ? A[pu - 2]! : 0;
    const x = xIsStop ? A[pu]! : 0;
    const xx = pu + 1 < L1 ? A[pu + 1]! : 0;
    const pvv = pv > 1 ? B[pv - 2]! : 0;
    const y = yIsStop ? B[pv]! : 0;
    const yy = pv + 1 < L2 ? B[pv + 1]! : 0;
    // The node at position pv: v itself, or the depot when v is taken at its route's start.
    const w = pv >= 1 ? v : 0;
    // Same route: the distance formulas hold when the pieces do not touch; otherwise the plan
    // itself is evaluated.
    const r = r1;
    const L = L1;
    const dpu = D[p * n + u]!;
    const dux = D[u * n + x]!;
    const dvy = D[w * n + y]!;
    if (
      pv !== pu - 1 &&
      this.promising(
        r,
        0,
        0,
        r,
        0,
        0,
        D[p * n + x]! - dpu - dux + D[w * n + u]! + D[u * n + y]! - dvy,
      )
    ) {
      P.start(r, -1);
      if (pv < pu) {
        P.fwd(0, r, 0, pv);
        P.fwd(0, r, pu, pu);
        P.fwd(0, r, pv + 1, pu - 1);
        P.fwd(0, r, pu + 1, L + 1);
      } else {
        P.fwd(0, r, 0, pu - 1);
        P.fwd(0, r, pu + 1, pv);
        P.fwd(0, r, pu, pu);
        P.fwd(0, r, pv + 1, L + 1);
      }
      if (this.tryPlan()) return true;
    }
    if (xIsStop && pv !== pu + 1) {
      const base = D[p * n + xx]! - dpu - D[x * n + xx]! - dvy;
      for (let reversed = 0; reversed < 2; reversed++) {
        if (pv === pu - 1 && reversed === 0) continue;
        if (
          !this.promising(
            r,
            0,
            0,
            r,
            0,
            0,
            pv === pu - 1
              ? D[p * n + x]! + D[u * n + xx]! - dpu - D[x * n + xx]!
              : base + (reversed ? D[w * n + x]! + D[u * n + y]! : D[w * n + u]! + D[x * n + y]!),
          )
        )
          continue;
        P.start(r, -1);
        if (pv < pu) {
          P.fwd(0, r, 0, pv);
          if (reversed) P.rev(0, r, pu + 1, pu);
          else P.fwd(0, r, pu, pu + 1);
          P.fwd(0, r, pv + 1, pu - 1);
          P.fwd(0, r, pu + 2, L + 1);
        } else {
          P.fwd(0, r, 0, pu - 1);
          P.fwd(0, r, pu + 2, pv);
          if (reversed) P.rev(0, r, pu + 1, pu);
          else P.fwd(0, r, pu, pu + 1);
          P.fwd(0, r, pv + 1, L + 1);
        }
        if (this.tryPlan()) return true;
      }
    }
    if (pv >= 1) {
      const dpvv = D[pvv * n + w]!;
      // Swap u and v.
      const a = Math.min(pu, pv);
      const b = Math.max(pu, pv);
      if (
        this.promising(
          r,
          0,
          0,
          r,
          0,
          0,
          b - a < 2
            ? adjacentSwapDelta(D, n, A, a, L)
            : D[p * n + w]! +
                D[w * n + x]! -
                dpu -
                dux +
                D[pvv * n + u]! +
                D[u * n + y]! -
                dpvv -
                dvy,
        )
      ) {
        P.start(r, -1);
        P.fwd(0, r, 0, a - 1);
        P.fwd(0, r, b, b);
        P.fwd(0, r, a + 1, b - 1);
        P.fwd(0, r, a, a);
        P.fwd(0, r, b + 1, L + 1);
        if (this.tryPlan()) return true;
      }
      if (
        xIsStop &&
        pv !== pu + 1 &&
        this.promising(
          r,
          0,
          0,
          r,
          0,
          0,
          // Touching pieces share an edge, so their change is written out on its own.
          pv === pu - 1
            ? D[pvv * n + u]! +
                D[x * n + v]! +
                D[v * n + xx]! -
                dpvv -
                D[v * n + u]! -
                D[x * n + xx]!
            : pv === pu + 2
              ? D[p * n + v]! + D[v * n + u]! + D[x * n + y]! - dpu - D[x * n + v]! - dvy
              : D[p * n + w]! +
                D[w * n + xx]! -
                dpu -
                D[x * n + xx]! +
                D[pvv * n + u]! +
                D[x * n + y]! -
                dpvv -
                dvy,
        )
      ) {
        // Swap (u, x) and v.
        P.start(r, -1);
        if (pv < pu) {
          P.fwd(0, r, 0, pv - 1);
          P.fwd(0, r, pu, pu + 1);
          P.fwd(0, r, pv + 1, pu - 1);
          P.fwd(0, r, pv, pv);
          P.fwd(0, r, pu + 2, L + 1);
        } else {
          P.fwd(0, r, 0, pu - 1);
          P.fwd(0, r, pv, pv);
          P.fwd(0, r, pu + 2, pv - 1);
          P.fwd(0, r, pu, pu + 1);
          P.fwd(0, r, pv + 1, L + 1);
        }
        if (this.tryPlan()) return true;
      }
      if (
        xIsStop &&
        yIsStop &&
        (pv + 1 < pu || pu + 1 < pv) &&
        this.promising(
          r,
          0,
          0,
          r,
          0,
          0,
          pv + 2 === pu || pu + 2 === pv
            ? adjacentPairSwapDelta(D, n, A, Math.min(pu, pv), L)
            : D[p * n + w]! +
                D[y * n + xx]! -
                dpu -
                D[x * n + xx]! +
                D[pvv * n + u]! +
                D[x * n + yy]! -
                dpvv -
                D[y * n + yy]!,
        )
      ) {
        // Swap (u, x) and (v, y).
        const a2 = Math.min(pu, pv);
        const b2 = Math.max(pu, pv);
        P.start(r, -1);
        P.fwd(0, r, 0, a2 - 1);
        P.fwd(0, r, b2, b2 + 1);
        P.fwd(0, r, a2 + 2, b2 - 1);
        P.fwd(0, r, a2, a2 + 1);
        P.fwd(0, r, b2 + 2, L + 1);
        if (this.tryPlan()) return true;
      }
    }
    // 2-opt: reverse the stretch between the two edges.
    const a = Math.min(pu, pv);
    const b = Math.max(pu, pv);
    if (b - a >= 2) {
      const na = a === 0 ? 0 : A[a - 1]!;
      const na1 = A[a]!;
      const nb = A[b - 1]!;
      const nb1 = b === L ? 0 : A[b]!;
      if (
        this.promising(
          r,
          0,
          0,
          r,
          0,
          0,
          D[na * n + nb]! + D[na1 * n + nb1]! - D[na * n + na1]! - D[nb * n + nb1]!,
        )
      ) {
        P.start(r, -1);
        P.fwd(0, r, 0, a);
        P.rev(0, r, b, a + 1);
        P.fwd(0, r, b + 1, L + 1);
        if (this.tryPlan()) return true;
      }
    }
    return false;
  }

  /** Moves u (and possibly what follows it) into an empty route. */
  protected tryEmptyRoute(u: number): boolean {
    let r2 = -1;
    for (let r = 0; r < this.routes.length; r++) {
      if (this.routes[r]!.length === 0) {
        r2 = r;
        break;
      }
    }
    if (r2 < 0) return false;
    const r1 = this.routeOf[u]!;
    const pu = this.posOf[u]!;
    const L1 = this.routes[r1]!.length;
    const P = this.plan;
    P.start(r1, r2);
    P.fwd(0, r1, 0, pu - 1);
    P.fwd(0, r1, pu + 1, L1 + 1);
    P.fwd(1, r2, 0, 0);
    P.fwd(1, r1, pu, pu);
    P.fwd(1, r2, 1, 1);
    if (this.tryPlan()) return true;
    // Tail of r1 after u goes to the empty route.
    P.start(r1, r2);
    P.fwd(0, r1, 0, pu);
    P.fwd(0, r2, 1, 1);
    P.fwd(1, r2, 0, 0);
    P.fwd(1, r1, pu + 1, L1 + 1);
    return this.tryPlan();
  }
}

/** Change of swapping the adjacent stops at positions a and a + 1 of a route of L stops. */
function adjacentSwapDelta(
  D: ArrayLike<number>,
  n: number,
  A: number[],
  a: number,
  L: number,
): number {
  const prev = a > 1 ? A[a - 2]! : 0;
  const s = A[a - 1]!;
  const t = A[a]!;
  const next = a + 1 < L ? A[a + 1]! : 0;
  return D[prev * n + t]! + D[s * n + next]! - D[prev * n + s]! - D[t * n + next]!;
}

/** Change of swapping the adjacent pairs at positions a, a + 1 and a + 2, a + 3. */
function adjacentPairSwapDelta(
  D: ArrayLike<number>,
  n: number,
  A: number[],
  a: number,
  L: number,
): number {
  const prev = a > 1 ? A[a - 2]! : 0;
  const s1 = A[a - 1]!;
  const s2 = A[a]!;
  const t1 = A[a + 1]!;
  const t2 = A[a + 2]!;
  const next = a + 3 < L ? A[a + 3]! : 0;
  return (
    D[prev * n + t1]! +
    D[t2 * n + s1]! +
    D[s2 * n + next]! -
    D[prev * n + s1]! -
    D[s2 * n + t1]! -
    D[t2 * n + next]!
  );
}
