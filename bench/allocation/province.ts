/**
 * A deterministic full-scale Shanxi week for the allocation benchmark: ~130,000 retailers in 117
 * counties of 11 cities, grades D1–D30 skewed low, and 120 brand-specs — 80 planned by method A
 * (one single-cell plan per city) and 40 by method B (one plan per product with a cell per county).
 */
import type { AllocationProblem, ProfilePreset } from '../../src/engines/allocation';
import { expandPreset } from '../../src/engines/allocation';
import { rng } from '../../src/engines/allocation/testkit';

/** Counties per city company (Taiyuan … Lüliang), 117 in all. */
const COUNTIES_PER_CITY = [10, 10, 5, 12, 6, 6, 11, 13, 14, 17, 13];
const GRADES = 30;
const RETAILERS = 130_000;

export interface ProvinceWeek {
  retailers: number;
  /** Per county: city index and retailers by grade (unweighted). */
  counties: { city: number; code: string; byGrade: number[] }[];
  /** 80 × 11 method-A plans followed by 40 method-B plans. */
  methodA: AllocationProblem[][];
  methodB: AllocationProblem[];
}

export function synthesiseWeek(seed = 2022): ProvinceWeek {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  // Grade shares decay with the grade: most shops sit in D1–D10.
  const gradeWeight = Array.from({ length: GRADES }, (_, j) => Math.exp(-j / 7));
  const gradeTotal = gradeWeight.reduce((a, b) => a + b, 0);

  const sizes: number[] = [];
  const cityOf: number[] = [];
  COUNTIES_PER_CITY.forEach((n, city) => {
    for (let i = 0; i < n; i++) {
      sizes.push(0.3 + rand() * rand() * 4); // urban districts are several times a rural county
      cityOf.push(city);
    }
  });
  const sizeTotal = sizes.reduce((a, b) => a + b, 0);
  let retailers = 0;
  const counties = sizes.map((s, i) => {
    const n = Math.round((RETAILERS * s) / sizeTotal);
    const byGrade = gradeWeight.map((w) => {
      const mean = (n * w) / gradeTotal;
      return Math.max(0, Math.round(mean * (0.8 + 0.4 * rand())));
    });
    retailers += byGrade.reduce((a, b) => a + b, 0);
    return {
      city: cityOf[i]!,
      code: `14${String(cityOf[i]! + 1).padStart(2, '0')}${String(i).padStart(2, '0')}`,
      byGrade,
    };
  });

  // A product reaches a share of the shops of each grade; about 8 % count twice (两周一访上浮).
  const eligibleCounts = (byGrade: number[], reach: number) =>
    byGrade.map((n) => {
      const eligible = Math.round(n * reach * (0.9 + 0.2 * rand()));
      const biweekly = Math.round(eligible * 0.08 * rand() * 2);
      return eligible + biweekly;
    });

  const product = () => {
    const minGrade = int(1, 15);
    const kind = int(0, 3);
    let profile: number[];
    if (kind === 3) {
      // An explicit profile as a planner would type it: one decimal, stepping up by band.
      profile = [];
      let r = 0;
      for (let j = 0; j < GRADES; j++) {
        if (j + 1 === minGrade) r = 1;
        else if (j + 1 > minGrade && j % 3 === 0) r = Math.round((r + rand()) * 10) / 10;
        profile.push(j + 1 < minGrade ? 0 : r);
      }
    } else {
      const preset: ProfilePreset =
        kind === 0
          ? { preset: 'linear', minGrade, step: [0.5, 1, 2][int(0, 2)]! }
          : kind === 1
            ? { preset: 'geometric', minGrade, ratio: 1.05 + rand() * 0.15 }
            : { preset: 'banded', minGrade, width: int(3, 6) };
      profile = expandPreset(preset, GRADES);
    }
    const cap = rand() < 0.5 ? int(2, 30) : undefined;
    const reach = 0.3 + 0.7 * rand();
    const meanQuota = 0.2 + rand() * rand() * 6; // 条 per eligible shop per week
    return { profile, cap, reach, meanQuota };
  };

  const totalOf = (counts: number[][]) => counts.flat().reduce((a, b) => a + b, 0);

  const methodA: AllocationProblem[][] = [];
  for (let p = 0; p < 80; p++) {
    const { profile, cap, reach, meanQuota } = product();
    const plans: AllocationProblem[] = [];
    for (let city = 0; city < COUNTIES_PER_CITY.length; city++) {
      const byGrade = new Array<number>(GRADES).fill(0);
      for (const c of counties)
        if (c.city === city) c.byGrade.forEach((n, j) => (byGrade[j]! += n));
      const counts = eligibleCounts(byGrade, reach);
      const plan: AllocationProblem = {
        target: Math.round(totalOf([counts]) * meanQuota),
        profile,
        cells: [{ key: `city-${city + 1}`, counts }],
      };
      if (cap !== undefined) plan.cap = cap;
      plans.push(plan);
    }
    methodA.push(plans);
  }

  const methodB: AllocationProblem[] = [];
  for (let p = 0; p < 40; p++) {
    const { profile, cap, reach, meanQuota } = product();
    const cells = counties.map((c) => ({
      key: c.code,
      counts: eligibleCounts(c.byGrade, reach),
      // A few counties under control get half (docs/architecture.md#the-disruption-layer: plan by class of region).
      multiplier: rand() < 0.1 ? 0.5 : 1,
    }));
    const plan: AllocationProblem = {
      target: Math.round(totalOf(cells.map((c) => c.counts)) * meanQuota),
      profile,
      cells,
    };
    if (cap !== undefined) plan.cap = cap;
    methodB.push(plan);
  }
  return { retailers, counties, methodA, methodB };
}
