/** A solution of the genetic search: routes per vehicle slot, its giant tour and its costs. */
import type { Model } from './model';
import type { Penalties } from './local-search';
import { Seg, timeExcess } from './segment';

export class Individual {
  /** Routes by vehicle slot (fixed fleet) or just the non-empty routes (unlimited fleet). */
  readonly routes: number[][];
  /** The routes concatenated: the chromosome crossed over. */
  readonly tour: Int32Array;
  /** Successor and predecessor of each stop (0 = depot), for the broken-pairs distance. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
  distance = 0;
  excessLoad = 0;
  excessTime = 0;
  penalisedCost = 0;
  feasible = false;
  biasedFitness = 0;
  /** Other individuals of the same subpopulation by increasing broken-pairs distance. */
  proximity: { d: number; other: Individual }[] = [];

  constructor(m: Model, routes: number[][], pen: Penalties) {
    this.routes = m.fleetCaps ? routes : routes.filter((r) => r.length > 0);
    this.tour = new Int32Array(m.n - 1);
    this.succ = new Int32Array(m.n);
    this.pred = new Int32Array(m.n);
    let k = 0;
    const s = new Seg();
    const depot = new Seg().setDepot(m);
    this.routes.forEach((route, r) => {
      if (route.length === 0) return;
      s.setDepot(m);
      for (let p = 0; p < route.length; p++) {
        const u = route[p]!;
        this.tour[k++] = u;
        this.pred[u] = p === 0 ? 0 : route[p - 1]!;
        this.succ[u] = p === route.length - 1 ? 0 : route[p + 1]!;
        s.appendNode(m, u);
      }
      s.append(m, depot);
      const cap = m.fleetCaps ? m.fleetCaps[r]! : m.capacity;
      this.distance += s.c;
      this.excessLoad += Math.max(0, s.q - cap);
      this.excessTime += timeExcess(m, s);
    });
    if (k !== m.n - 1) throw new Error('internal: individual does not visit every stop once');
    this.feasible =
      this.excessLoad === 0 &&
      this.excessTime < 1e-9 &&
      (!m.fleetCaps || this.routes.length <= m.fleetCaps.length);
    this.reprice(pen);
  }

  reprice(pen: Penalties): void {
    this.penalisedCost = this.distance + pen.load * this.excessLoad + pen.time * this.excessTime;
  }

  /** Broken-pairs distance in [0, 1]: share of stops whose neighbours differ. */
  brokenPairs(o: Individual): number {
    let diff = 0;
    const n = this.succ.length;
    for (let j = 1; j < n; j++) {
      if (this.succ[j] !== o.succ[j] && this.succ[j] !== o.pred[j]) diff++;
      if (this.pred[j] === 0 && o.pred[j] !== 0 && o.succ[j] !== 0) diff++;
    }
    return diff / (n - 1);
  }
}
