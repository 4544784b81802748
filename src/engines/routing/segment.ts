/**
 * Route segments with O(1) concatenation (Vidal et al. 2013, "time-warp" formulation): distance,
 * load, stop count and, for timed problems, duration, time warp and the earliest/latest start
 * that achieve them. Lateness is not forbidden but "warped" and penalised, which lets the search
 * cross infeasible space and still evaluate every move in constant time.
 */
import type { Model } from './model';

export class Seg {
  first = 0;
  last = 0;
  /** Distance. */
  c = 0;
  /** Load. */
  q = 0;
  /** Number of stops. */
  s = 0;
  /** Duration (travel + service + waiting). */
  d = 0;
  /** Time warp. */
  tw = 0;
  /** Earliest start. */
  e = 0;
  /** Latest start without extra time warp. */
  l = 0;

  setDepot(m: Model): this {
    this.first = 0;
    this.last = 0;
    this.c = 0;
    this.q = 0;
    this.s = 0;
    this.d = 0;
    this.tw = 0;
    this.e = m.ready[0]!;
    this.l = m.due[0]!;
    return this;
  }

  setNode(m: Model, u: number): this {
    this.first = u;
    this.last = u;
    this.c = 0;
    this.q = m.demand[u]!;
    this.s = 1;
    this.d = m.service[u]!;
    this.tw = 0;
    this.e = m.ready[u]!;
    this.l = m.due[u]!;
    return this;
  }

  copy(o: Seg): this {
    this.first = o.first;
    this.last = o.last;
    this.c = o.c;
    this.q = o.q;
    this.s = o.s;
    this.d = o.d;
    this.tw = o.tw;
    this.e = o.e;
    this.l = o.l;
    return this;
  }

  /** this := this ⊕ b. */
  append(m: Model, b: Seg): this {
    const k = this.last * m.n + b.first;
    this.c += m.dist[k]! + b.c;
    this.q += b.q;
    this.s += b.s;
    if (m.hasTime) {
      const t = m.time[k]!;
      const delta = this.d - this.tw + t;
      const wait = Math.max(b.e - delta - this.l, 0);
      const warp = Math.max(this.e + delta - b.l, 0);
      this.d += b.d + t + wait;
      this.tw += b.tw + warp;
      this.e = Math.max(b.e - delta, this.e) - wait;
      this.l = Math.min(b.l - delta, this.l) + warp;
    }
    this.last = b.last;
    return this;
  }

  /** this := this ⊕ node u. */
  appendNode(m: Model, u: number): this {
    const k = this.last * m.n + u;
    this.c += m.dist[k]!;
    this.q += m.demand[u]!;
    this.s += 1;
    if (m.hasTime) {
      const t = m.time[k]!;
      const delta = this.d - this.tw + t;
      const wait = Math.max(m.ready[u]! - delta - this.l, 0);
      const warp = Math.max(this.e + delta - m.due[u]!, 0);
      this.d += m.service[u]! + t + wait;
      this.tw += warp;
      this.e = Math.max(m.ready[u]! - delta, this.e) - wait;
      this.l = Math.min(m.due[u]! - delta, this.l) + warp;
    }
    this.last = u;
    return this;
  }

  /** this := node u ⊕ this (used to build suffixes backwards). */
  prependNode(m: Model, u: number): this {
    const k = u * m.n + this.first;
    this.c += m.dist[k]!;
    this.q += m.demand[u]!;
    this.s += 1;
    if (m.hasTime) {
      const t = m.time[k]!;
      const delta = m.service[u]! + t;
      const wait = Math.max(this.e - delta - m.due[u]!, 0);
      const warp = Math.max(m.ready[u]! + delta - this.l, 0);
      this.d += m.service[u]! + t + wait;
      this.tw += warp;
      this.e = Math.max(this.e - delta, m.ready[u]!) - wait;
      this.l = Math.min(this.l - delta, m.due[u]!) + warp;
    }
    this.first = u;
    return this;
  }
}

/** Time penalty of a closed route: time warp plus excess over the duration limit. */
export function timeExcess(m: Model, s: Seg): number {
  return m.hasTime ? s.tw + Math.max(0, s.d - m.maxDuration) : 0;
}
