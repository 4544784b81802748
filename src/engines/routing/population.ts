/**
 * HGS population management: feasible and infeasible subpopulations ranked by a biased fitness
 * that mixes cost rank and diversity rank (broken-pairs distance to the closest individuals), so
 * that survivor selection keeps both good and different solutions.
 */
import type { Individual } from './individual';
import type { Penalties } from './local-search';
import type { Rng } from './rng';

export interface PopulationParams {
  mu: number;
  lambda: number;
  nbElite: number;
  nbClose: number;
}

export const DEFAULT_POPULATION: PopulationParams = { mu: 25, lambda: 40, nbElite: 4, nbClose: 5 };

export class Population {
  feasible: Individual[] = [];
  infeasible: Individual[] = [];
  constructor(private readonly params: PopulationParams) {}

  add(ind: Individual): void {
    const sub = ind.feasible ? this.feasible : this.infeasible;
    for (const other of sub) {
      const d = ind.brokenPairs(other);
      insertSorted(other.proximity, d, ind);
      insertSorted(ind.proximity, d, other);
    }
    let k = sub.length;
    while (k > 0 && sub[k - 1]!.penalisedCost > ind.penalisedCost) k--;
    sub.splice(k, 0, ind);
    if (sub.length > this.params.mu + this.params.lambda) {
      while (sub.length > this.params.mu) this.removeWorst(sub);
    }
  }

  clear(): void {
    this.feasible = [];
    this.infeasible = [];
  }

  /** Re-sorts the infeasible subpopulation after a penalty change. */
  reprice(pen: Penalties): void {
    for (const ind of this.infeasible) ind.reprice(pen);
    this.infeasible.sort((a, b) => a.penalisedCost - b.penalisedCost);
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  select(rng: Rng): Individual {
    this.updateFitness(this.feasible);
    this.updateFitness(this.infeasible);
    const total = this.feasible.length + this.infeasible.length;
    const pick = (): Individual => {
      const k = rng.int(total);
      return k < this.feasible.length
        ? this.feasible[k]!
        : this.infeasible[k - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();
    return a.biasedFitness < b.biasedFitness ? a : b;
  }

  size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  private averageClosest(ind: Individual): number {
    const k = Math.min(this.params.nbClose, ind.proximity.length);
    if (k === 0) return 0;
    let s = 0;
    for (let i = 0; i < k; i++) s += ind.proximity[i]!.d;
    return s / k;
  }

  private updateFitness(sub: Individual[]): void {
    const n = sub.length;
    if (n === 0) return;
    if (n === 1) {
      sub[0]!.biasedFitness = 0;
      return;
    }
    const div = sub.map((ind, i) => ({ i, d: -this.averageClosest(ind) }));
    div.sort((a, b) => a.d - b.d || a.i - b.i);
    const eliteWeight = 1 - this.params.nbElite / n;
    div.forEach((e, rank) => {
      const divRank = rank / (n - 1);
      const fitRank = e.i / (n - 1);
      sub[e.i]!.biasedFitness = fitRank + (eliteWeight > 0 ? eliteWeight * divRank : 0);
    });
  }

  private removeWorst(sub: Individual[]): void {
    this.updateFitness(sub);
    let worst = 1;
    let worstIsClone = false;
    let worstFit = -Infinity;
    for (let i = 1; i < sub.length; i++) {
      const ind = sub[i]!;
      const isClone = ind.proximity.length > 0 && ind.proximity[0]!.d < 1e-12;
      if (
        (isClone && !worstIsClone) ||
        (isClone === worstIsClone && ind.biasedFitness > worstFit)
      ) {
        worst = i;
        worstIsClone = isClone;
        worstFit = ind.biasedFitness;
      }
    }
    const removed = sub.splice(worst, 1)[0]!;
    for (const other of sub) {
      const k = other.proximity.findIndex((p) => p.other === removed);
      if (k >= 0) other.proximity.splice(k, 1);
    }
  }
}

function insertSorted(
  list: { d: number; other: Individual }[],
  d: number,
  other: Individual,
): void {
  let k = list.length;
  while (k > 0 && list[k - 1]!.d > d) k--;
  list.splice(k, 0, { d, other });
}
