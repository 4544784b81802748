/**
 * Split (Prins 2004; Vidal 2016): cuts a giant tour into routes optimally for the penalised
 * cost, by shortest path over "route from tour[i] to tour[j]". Segments are extended one stop at
 * a time, so time windows cost O(1) per arc. With a fixed fleet too small for the unlimited
 * answer, a Bellman variant bounded by the number of vehicles is used.
 */
import type { Model } from './model';
import type { Penalties } from './local-search';
import { Seg, timeExcess } from './segment';

export function split(m: Model, tour: Int32Array, pen: Penalties): number[][] {
  const maxRoutes = m.fleetCaps ? m.fleetCaps.length : Infinity;
  const unlimited = bellman(m, tour, pen);
  let cuts = unlimited.cuts;
  if (unlimited.routes > maxRoutes) cuts = bounded(m, tour, pen, maxRoutes);
  const routes: number[][] = [];
  for (let k = 0; k + 1 < cuts.length; k++)
    routes.push(Array.from(tour.subarray(cuts[k]!, cuts[k + 1]!)));
  // Largest loads go to the largest vehicles.
  if (m.fleetCaps) {
    routes.sort((a, b) => load(m, b) - load(m, a));
    while (routes.length < m.fleetCaps.length) routes.push([]);
  }
  return routes;
}

function load(m: Model, r: number[]): number {
  let q = 0;
  for (const u of r) q += m.demand[u]!;
  return q;
}

const seg = new Seg();
const closed = new Seg();
const depot = new Seg();

/** Penalised cost of every route starting at tour[i], handed to `visit(j, cost)`. */
function forEachRoute(
  m: Model,
  tour: Int32Array,
  pen: Penalties,
  i: number,
  visit: (j: number, cost: number) => void,
): void {
  const N = tour.length;
  depot.setDepot(m);
  seg.setDepot(m);
  for (let j = i; j < N; j++) {
    seg.appendNode(m, tour[j]!);
    if (seg.s > m.maxStops) break;
    if (j > i && seg.q > 1.5 * m.capacity + m.maxDemand) break;
    closed.copy(seg).append(m, depot);
    const cost =
      closed.c + pen.load * Math.max(0, closed.q - m.capacity) + pen.time * timeExcess(m, closed);
    visit(j + 1, cost);
  }
}

function bellman(m: Model, tour: Int32Array, pen: Penalties): { cuts: number[]; routes: number } {
  const N = tour.length;
  const pot = new Float64Array(N + 1).fill(Infinity);
  const pred = new Int32Array(N + 1);
  pot[0] = 0;
  for (let i = 0; i < N; i++) {
    const base = pot[i]!;
    if (base === Infinity) continue;
    forEachRoute(m, tour, pen, i, (j, cost) => {
      if (base + cost < pot[j]!) {
        pot[j] = base + cost;
        pred[j] = i;
      }
    });
  }
  const cuts = [N];
  for (let j = N; j > 0;) {
    j = pred[j]!;
    cuts.push(j);
  }
  cuts.reverse();
  return { cuts, routes: cuts.length - 1 };
}

function bounded(m: Model, tour: Int32Array, pen: Penalties, K: number): number[] {
  const N = tour.length;
  const pot: Float64Array[] = [];
  const pred: Int32Array[] = [];
  for (let k = 0; k <= K; k++) {
    pot.push(new Float64Array(N + 1).fill(Infinity));
    pred.push(new Int32Array(N + 1));
  }
  pot[0]![0] = 0;
  for (let k = 0; k < K; k++) {
    const from = pot[k]!;
    const to = pot[k + 1]!;
    const pr = pred[k + 1]!;
    for (let i = 0; i < N; i++) {
      const base = from[i]!;
      if (base === Infinity) continue;
      forEachRoute(m, tour, pen, i, (j, cost) => {
        if (base + cost < to[j]!) {
          to[j] = base + cost;
          pr[j] = i;
        }
      });
    }
  }
  let bestK = -1;
  for (let k = 1; k <= K; k++) {
    if (pot[k]![N]! < Infinity && (bestK < 0 || pot[k]![N]! < pot[bestK]![N]!)) bestK = k;
  }
  if (bestK < 0) {
    // No split within the fleet (the load cut-off was too tight): one route per vehicle slice.
    const cuts: number[] = [];
    for (let k = 0; k <= K; k++) cuts.push(Math.round((k * N) / K));
    return cuts;
  }
  const cuts = [N];
  for (let k = bestK, j = N; k > 0; k--) {
    j = pred[k]![j]!;
    cuts.push(j);
  }
  cuts.reverse();
  return cuts;
}
