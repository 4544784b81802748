/**
 * Route state for the local search: routes per vehicle slot, positions, cumulative distance and
 * load, prefix/suffix time segments, per-route penalised costs, and "plans" — a move written as
 * the concatenation of pieces of current routes, evaluated in O(1) per piece (prefix/suffix
 * segments) and applied by materialising the same pieces, so evaluation and application cannot
 * disagree.
 */
import type { Model } from './model';
import { Seg, timeExcess } from './segment';

export const EPS = 1e-7;
/** Fields of a stored time segment: duration, time warp, earliest, latest. */
const TF = 4;
const MAX_PIECES = 6;

export interface Penalties {
  load: number;
  time: number;
}

export class Plan {
  routes = new Int32Array(2);
  count = 0;
  /** Per target: pieces as (route, from, to) with from > to meaning reversed. */
  pieces = [new Int32Array(MAX_PIECES * 3), new Int32Array(MAX_PIECES * 3)];
  lengths = new Int32Array(2);

  start(r0: number, r1: number): void {
    this.routes[0] = r0;
    this.routes[1] = r1;
    this.count = r1 < 0 ? 1 : 2;
    this.lengths[0] = 0;
    this.lengths[1] = 0;
  }

  /** Forward piece a..b of route r (skipped when empty). */
  fwd(t: number, r: number, a: number, b: number): void {
    if (a > b) return;
    const k = this.lengths[t]!;
    const p = this.pieces[t]!;
    p[k * 3] = r;
    p[k * 3 + 1] = a;
    p[k * 3 + 2] = b;
    this.lengths[t] = k + 1;
  }

  /** Reversed piece: positions a down to b (a ≥ b). */
  rev(t: number, r: number, a: number, b: number): void {
    if (a < b) return;
    const k = this.lengths[t]!;
    const p = this.pieces[t]!;
    p[k * 3] = r;
    p[k * 3 + 1] = a;
    p[k * 3 + 2] = b;
    this.lengths[t] = k + 1;
  }
}

export interface Sector {
  start: number;
  end: number;
}

export function posMod(a: number): number {
  return ((a % 65536) + 65536) % 65536;
}

export abstract class RouteState {
  protected readonly m: Model;
  readonly pen: Penalties = { load: 1, time: 1 };
  routes: number[][] = [];
  /** Capacity of each route slot. */
  caps: number[] = [];
  protected readonly fixedFleet: boolean;
  protected readonly routeOf: Int32Array;
  protected readonly posOf: Int32Array;
  protected cumC: Float64Array[] = [];
  protected cumQ: Float64Array[] = [];
  /** Prefix time segments [0..p] then suffix time segments [p..L+1], TF fields each. */
  protected pre: Float64Array[] = [];
  protected suf: Float64Array[] = [];
  protected cost: number[] = [];
  protected penalty: number[] = [];
  protected timePen: number[] = [];
  /** Load minus capacity of each route (negative when there is room). */
  protected excess: number[] = [];
  protected readonly limitStops: boolean;
  protected modified: number[] = [];
  protected lastSwapStar: number[] = [];
  protected sectors: Sector[] = [];
  protected readonly lastTested: Int32Array;
  protected nbMoves = 0;
  protected readonly order: Int32Array;
  protected readonly plan = new Plan();
  protected readonly segA = new Seg();
  protected readonly segB = new Seg();
  protected readonly tmp = new Seg();
  protected readonly newC = new Float64Array(2);
  protected readonly newQ = new Float64Array(2);
  protected deadline = Infinity;
  protected checks = 0;
  aborted = false;
  /**
   * SWAP* cache per route: the three best insertions (cost, position) of each stop into that
   * route, valid while the route is unchanged since `at`.
   */
  protected insCache: ({ cost: Float64Array; pos: Int32Array; at: Int32Array } | null)[] = [];
  protected readonly remGain: Float64Array;

  constructor(m: Model) {
    this.m = m;
    this.fixedFleet = m.fleetCaps !== null;
    this.limitStops = Number.isFinite(m.maxStops);
    this.routeOf = new Int32Array(m.n);
    this.posOf = new Int32Array(m.n);
    this.lastTested = new Int32Array(m.n);
    this.order = Int32Array.from({ length: m.n - 1 }, (_, i) => i + 1);
    this.remGain = new Float64Array(m.n);
  }

  /** Loads routes (one per vehicle slot for a fixed fleet). */
  load(routes: readonly (ArrayLike<number> | number[])[]): void {
    const m = this.m;
    const slots = m.fleetCaps ? m.fleetCaps.length : routes.length + 1;
    this.routes = [];
    this.caps = [];
    this.cumC = [];
    this.cumQ = [];
    this.pre = [];
    this.suf = [];
    this.cost = [];
    this.penalty = [];
    this.timePen = [];
    this.excess = [];
    this.modified = [];
    this.lastSwapStar = [];
    this.sectors = [];
    this.insCache = [];
    this.nbMoves++;
    for (let r = 0; r < slots; r++) {
      this.addSlot(m.fleetCaps ? m.fleetCaps[r]! : m.capacity);
      this.setRoute(r, r < routes.length ? Array.from(routes[r]!) : []);
    }
  }

  protected addSlot(cap: number): void {
    this.routes.push([]);
    this.caps.push(cap);
    this.cumC.push(new Float64Array(0));
    this.cumQ.push(new Float64Array(0));
    this.pre.push(new Float64Array(0));
    this.suf.push(new Float64Array(0));
    this.cost.push(0);
    this.penalty.push(0);
    this.timePen.push(0);
    this.excess.push(0);
    this.modified.push(0);
    this.lastSwapStar.push(-1);
    this.sectors.push({ start: 0, end: 0 });
    this.insCache.push(null);
  }

  /** Current routes (vehicle slots; empty ones included). */
  getRoutes(): number[][] {
    return this.routes.map((r) => r.slice());
  }

  /** Runs the search to a local optimum (or the deadline). */

  // ---------------------------------------------------------------- route bookkeeping

  protected setRoute(r: number, nodes: number[]): void {
    const m = this.m;
    const L = nodes.length;
    this.routes[r] = nodes;
    // Buffers are reused and only grow, so applying a move allocates nothing in the common case.
    let cumC = this.cumC[r]!;
    let cumQ = this.cumQ[r]!;
    if (cumC.length < L + 2) {
      cumC = this.cumC[r] = new Float64Array(2 * L + 4);
      cumQ = this.cumQ[r] = new Float64Array(2 * L + 4);
    }
    cumC[0] = 0;
    cumQ[0] = 0;
    let prev = 0;
    for (let p = 1; p <= L + 1; p++) {
      const u = p <= L ? nodes[p - 1]! : 0;
      cumC[p] = cumC[p - 1]! + m.dist[prev * m.n + u]!;
      cumQ[p] = cumQ[p - 1]! + m.demand[u]!;
      if (p <= L) {
        this.routeOf[u] = r;
        this.posOf[u] = p;
      }
      prev = u;
    }
    const s = this.tmp;
    let excess = 0;
    if (m.hasTime) {
      let pre = this.pre[r]!;
      let suf = this.suf[r]!;
      if (pre.length < (L + 2) * TF) {
        pre = this.pre[r] = new Float64Array((2 * L + 4) * TF);
        suf = this.suf[r] = new Float64Array((2 * L + 4) * TF);
      }
      s.setDepot(m);
      storeTime(pre, 0, s);
      for (let p = 1; p <= L + 1; p++) {
        if (p <= L) s.appendNode(m, nodes[p - 1]!);
        else s.append(m, this.segB.setDepot(m));
        storeTime(pre, p, s);
      }
      excess = timeExcess(m, s);
      s.setDepot(m);
      storeTime(suf, L + 1, s);
      for (let p = L; p >= 0; p--) {
        if (p >= 1) s.prependNode(m, nodes[p - 1]!);
        else {
          this.segB.setDepot(m).append(m, s);
          s.copy(this.segB);
        }
        storeTime(suf, p, s);
      }
    }
    const load = cumQ[L + 1]!;
    this.timePen[r] = this.pen.time * excess;
    this.excess[r] = load - this.caps[r]!;
    this.penalty[r] = this.pen.load * Math.max(0, load - this.caps[r]!) + this.pen.time * excess;
    this.cost[r] = cumC[L + 1]! + this.penalty[r]!;
    this.modified[r] = this.nbMoves;
    if (m.polar && L > 0) {
      const sec = this.sectors[r]!;
      sec.start = m.polar[nodes[0]!]!;
      sec.end = sec.start;
      for (let p = 1; p < L; p++) extendSector(sec, m.polar[nodes[p]!]!);
    }
  }

  /** Loads piece (r, a, b) of the current solution into segment s. */
  protected loadPiece(s: Seg, r: number, a: number, b: number): void {
    const m = this.m;
    const route = this.routes[r]!;
    const L = route.length;
    const cumC = this.cumC[r]!;
    const cumQ = this.cumQ[r]!;
    if (a <= b) {
      s.first = a === 0 || a === L + 1 ? 0 : route[a - 1]!;
      s.last = b === 0 || b === L + 1 ? 0 : route[b - 1]!;
      s.c = cumC[b]! - cumC[a]!;
      s.q = cumQ[b]! - (a > 0 ? cumQ[a - 1]! : 0);
      s.s = Math.min(b, L) - Math.max(a, 1) + 1;
      if (!m.hasTime) return;
      if (a === 0) loadTime(s, this.pre[r]!, b);
      else if (b === L + 1) loadTime(s, this.suf[r]!, a);
      else {
        s.setNode(m, route[a - 1]!);
        for (let p = a + 1; p <= b; p++) s.appendNode(m, route[p - 1]!);
      }
    } else {
      s.first = route[a - 1]!;
      s.last = route[b - 1]!;
      s.c = cumC[a]! - cumC[b]!;
      s.q = cumQ[a]! - cumQ[b - 1]!;
      s.s = a - b + 1;
      if (!m.hasTime) return;
      s.setNode(m, route[a - 1]!);
      for (let p = a - 1; p >= b; p--) s.appendNode(m, route[p - 1]!);
      s.c = cumC[a]! - cumC[b]!;
    }
  }

  /** Distance and load of each target of the plan, O(1) per piece. */
  protected planDistLoad(): boolean {
    const m = this.m;
    const plan = this.plan;
    for (let t = 0; t < plan.count; t++) {
      const p = plan.pieces[t]!;
      let c = 0;
      let q = 0;
      let stops = 0;
      let last = -1;
      for (let k = 0; k < plan.lengths[t]!; k++) {
        const r = p[k * 3]!;
        const a = p[k * 3 + 1]!;
        const b = p[k * 3 + 2]!;
        const route = this.routes[r]!;
        const L = route.length;
        const cumC = this.cumC[r]!;
        const cumQ = this.cumQ[r]!;
        let first: number;
        if (a <= b) {
          first = a === 0 || a === L + 1 ? 0 : route[a - 1]!;
          c += cumC[b]! - cumC[a]!;
          q += cumQ[b]! - (a > 0 ? cumQ[a - 1]! : 0);
          stops += Math.min(b, L) - Math.max(a, 1) + 1;
          if (last >= 0) c += m.dist[last * m.n + first]!;
          last = b === 0 || b === L + 1 ? 0 : route[b - 1]!;
        } else {
          first = route[a - 1]!;
          c += cumC[a]! - cumC[b]!;
          q += cumQ[a]! - cumQ[b - 1]!;
          stops += a - b + 1;
          if (last >= 0) c += m.dist[last * m.n + first]!;
          last = route[b - 1]!;
        }
      }
      if (stops > m.maxStops) return false;
      this.newC[t] = c;
      this.newQ[t] = q;
    }
    return true;
  }

  /** Penalised cost change of the plan, or +Infinity when it cannot improve. */
  protected evaluatePlan(): number {
    if (!this.planDistLoad()) return Infinity;
    const plan = this.plan;
    let delta = 0;
    for (let t = 0; t < plan.count; t++) {
      const r = plan.routes[t]!;
      delta +=
        this.newC[t]! + this.pen.load * Math.max(0, this.newQ[t]! - this.caps[r]!) - this.cost[r]!;
    }
    if (!this.m.hasTime || delta > -EPS) return delta;
    for (let t = 0; t < plan.count; t++) {
      const p = plan.pieces[t]!;
      const s = this.segA;
      for (let k = 0; k < plan.lengths[t]!; k++) {
        if (k === 0) this.loadPiece(s, p[0]!, p[1]!, p[2]!);
        else {
          this.loadPiece(this.segB, p[k * 3]!, p[k * 3 + 1]!, p[k * 3 + 2]!);
          s.append(this.m, this.segB);
        }
      }
      delta += this.pen.time * timeExcess(this.m, s);
      if (delta > -EPS) return delta;
    }
    return delta;
  }

  protected applyPlan(): void {
    const plan = this.plan;
    const built: number[][] = [];
    for (let t = 0; t < plan.count; t++) {
      const p = plan.pieces[t]!;
      const nodes: number[] = [];
      for (let k = 0; k < plan.lengths[t]!; k++) {
        const route = this.routes[p[k * 3]!]!;
        const a = p[k * 3 + 1]!;
        const b = p[k * 3 + 2]!;
        const L = route.length;
        if (a <= b) {
          for (let q = Math.max(a, 1); q <= Math.min(b, L); q++) nodes.push(route[q - 1]!);
        } else for (let q = a; q >= b; q--) nodes.push(route[q - 1]!);
      }
      built.push(nodes);
    }
    this.nbMoves++;
    for (let t = 0; t < plan.count; t++) this.setRoute(plan.routes[t]!, built[t]!);
    if (!this.fixedFleet && !this.routes.some((r) => r.length === 0)) {
      this.addSlot(this.m.capacity);
      this.setRoute(this.routes.length - 1, []);
    }
  }

  /**
   * Exact penalised change of a two-route move for capacity-only problems, a lower bound with
   * time (whose penalty can only be removed): cheap screening before a plan is built.
   */
  protected promising(
    r1: number,
    dq1: number,
    ds1: number,
    r2: number,
    dq2: number,
    ds2: number,
    dc: number,
  ): boolean {
    const m = this.m;
    if (this.limitStops) {
      if (this.routes[r1]!.length + ds1 > m.maxStops) return false;
      if (this.routes[r2]!.length + ds2 > m.maxStops) return false;
    }
    const excess1 = this.excess[r1]!;
    const excess2 = this.excess[r2]!;
    const w = this.pen.load;
    let delta =
      dc +
      w * (Math.max(0, excess1 + dq1) - Math.max(0, excess1)) +
      w * (Math.max(0, excess2 + dq2) - Math.max(0, excess2));
    if (m.hasTime) delta -= this.timePen[r1]! + this.timePen[r2]!;
    return delta < -EPS;
  }

  protected tryPlan(): boolean {
    if (this.evaluatePlan() < -EPS) {
      this.applyPlan();
      return true;
    }
    return false;
  }
}

function storeTime(a: Float64Array, p: number, s: Seg): void {
  a[p * TF] = s.d;
  a[p * TF + 1] = s.tw;
  a[p * TF + 2] = s.e;
  a[p * TF + 3] = s.l;
}

function loadTime(s: Seg, a: Float64Array, p: number): void {
  s.d = a[p * TF]!;
  s.tw = a[p * TF + 1]!;
  s.e = a[p * TF + 2]!;
  s.l = a[p * TF + 3]!;
}

export function extendSector(sec: Sector, point: number): void {
  if (posMod(point - sec.start) <= posMod(sec.end - sec.start)) return;
  if (posMod(point - sec.end) <= posMod(sec.start - point)) sec.end = point;
  else sec.start = point;
}

export function sectorsOverlap(a: Sector, b: Sector): boolean {
  return (
    posMod(b.start - a.start) <= posMod(a.end - a.start) ||
    posMod(a.start - b.start) <= posMod(b.end - b.start)
  );
}
