import {
  allocate,
  expandGrant,
  validateAllocationInput,
  type AllocationError,
  type AllocationProblem,
} from '../../../engines/allocation';
import type { PlanDimension, ProfileSpecInput, ReleaseMethod } from '../../../contracts/supply';
import type { AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { GRADES, priceBandProfile } from './plan.rules';

/** What the derivation needs of a plan (stored or unsaved). */
export interface PlanSpec {
  method: ReleaseMethod;
  target: number;
  cap: number | null;
  profile: ProfileSpecInput | null;
  priceClass: number;
  dimensions: readonly PlanDimension[];
  cellMultipliers: Readonly<Record<string, number>>;
  classMultipliers: Readonly<Record<string, number>>;
  blockedPolicy: 'reserve' | 'redistribute';
  remainder: 'none' | 'rotate';
  /** Method D and 补投放: only these retailers take part. */
  selected: ReadonlySet<string> | null;
  overrides: ReadonlyMap<string, number>;
  weekSerial: number;
}

/** One engine cell: a plan cell, split further by region class when that class has a multiplier. */
export interface DerivedCell {
  key: string;
  /** The plan cell (dimension values) it belongs to; `all` for single-cell methods. */
  planCell: string;
  multiplier: number;
  counts: number[];
  blockedCounts: number[];
  quotas: number[];
}

export interface DerivedPlan {
  target: number;
  allocated: number;
  reserved: number;
  idle: number;
  customers: number;
  blocked: number;
  /** Resolved profile, index 0 = D1. */
  profile: number[];
  cells: DerivedCell[];
  /** Reserve held per area key (areaId, or `county:<code>` when no area decided it). */
  reserve: { areaKey: string; retailers: number; quantity: number }[];
  /** Retailers left out as blocked, with the share held for them (0 when redistributed). */
  blockedRetailers: { id: string; areaKey: string; share: number }[];
  /** Remainder extras per retailer (+1 条 slots). */
  extras: Map<string, number>;
}

export type DeriveOutcome =
  { ok: true; plan: DerivedPlan } | { ok: false; errors: AllocationError[] };

export function dimensionValue(r: AllocationAttributes, d: PlanDimension): string {
  switch (d) {
    case 'county':
      return r.countyCode;
    case 'market_type':
      return r.marketType;
    case 'business_type':
      return r.businessType;
    case 'credit_rating':
      return r.creditRating;
  }
}

/** The plan cell a retailer falls in (method B crosses grade with one or two dimensions). */
export function planCellOf(
  r: AllocationAttributes,
  method: ReleaseMethod,
  dimensions: readonly PlanDimension[],
): string {
  if (method !== 'B' || dimensions.length === 0) return 'all';
  return dimensions.map((d) => dimensionValue(r, d)).join('|');
}

/** The engine cell key: the plan cell, plus the region class when the plan scales that class. */
export function engineCellOf(
  planCell: string,
  eligibility: RetailerEligibility | undefined,
  classMultipliers: Readonly<Record<string, number>>,
): string {
  const cls = eligibility?.multiplierClass;
  return cls !== undefined && classMultipliers[cls] !== undefined ? `${planCell}#${cls}` : planCell;
}

export function areaKeyOf(r: AllocationAttributes, e: RetailerEligibility | undefined): string {
  return e?.areaId ?? `county:${r.countyCode}`;
}

/** The grade profile a plan resolves to, as the engine's input (explicit, preset or price band). */
export function profileInput(spec: Pick<PlanSpec, 'method' | 'profile' | 'priceClass'>) {
  if (spec.profile) return spec.profile;
  if (spec.method === 'C' || spec.method === 'E') return priceBandProfile(spec.priceClass);
  return undefined;
}

/**
 * Derives a plan's quotas from retailers' attributes and eligibility (DESIGN §4 "Supply release"):
 * only active retailers count; retailers with a fixed quota leave the counts and the target; those
 * whose effective status blocks ordering leave the counts, and under `reserve` the share they
 * would have received with everyone eligible (the same plan solved with them counted) is held per
 * area and taken out of the target; under `redistribute` the whole target goes to the rest.
 * Pure: same inputs, same quotas.
 */
export function derivePlan(
  spec: PlanSpec,
  retailers: readonly AllocationAttributes[],
  eligibility: ReadonlyMap<string, RetailerEligibility>,
): DeriveOutcome {
  const selected = spec.selected;
  const candidates = retailers.filter(
    (r) =>
      r.status === 'active' &&
      r.grade >= 1 &&
      r.grade <= GRADES &&
      (selected === null || selected.has(r.id)),
  );
  let fixed = 0;
  let fixedCustomers = 0;
  if (spec.overrides.size > 0) {
    const candidateIds = new Set(candidates.map((r) => r.id));
    for (const [id, quota] of spec.overrides) {
      if (candidateIds.has(id) && eligibility.get(id)?.ordering !== 'blocked') {
        fixed += quota;
        fixedCustomers++;
      }
    }
  }

  const cells = new Map<string, DerivedCell>();
  const members = new Map<string, AllocationAttributes[]>(); // engine cell → eligible, licence order
  const blockedOf = new Map<string, AllocationAttributes[]>();
  const hasOverrides = spec.overrides.size > 0;
  for (const r of candidates) {
    if (hasOverrides && spec.overrides.has(r.id)) continue;
    const e = eligibility.get(r.id);
    const planCell = planCellOf(r, spec.method, spec.dimensions);
    const key = engineCellOf(planCell, e, spec.classMultipliers);
    let cell = cells.get(key);
    if (!cell) {
      const cls = e?.multiplierClass;
      const multiplier =
        (spec.cellMultipliers[planCell] ?? 1) *
        (cls !== undefined ? (spec.classMultipliers[cls] ?? 1) : 1);
      cell = {
        key,
        planCell,
        multiplier,
        counts: new Array<number>(GRADES).fill(0),
        blockedCounts: new Array<number>(GRADES).fill(0),
        quotas: new Array<number>(GRADES).fill(0),
      };
      cells.set(key, cell);
      members.set(key, []);
      blockedOf.set(key, []);
    }
    if (e?.ordering === 'blocked') {
      cell.blockedCounts[r.grade - 1]!++;
      blockedOf.get(key)!.push(r);
    } else {
      cell.counts[r.grade - 1]!++;
      members.get(key)!.push(r);
    }
  }
  // Cells named by a multiplier but holding nobody still take part, so that an unknown key can be
  // told from an empty one by the caller, and the engine always has a cell.
  if (cells.size === 0) {
    cells.set('all', {
      key: 'all',
      planCell: 'all',
      multiplier: 1,
      counts: new Array<number>(GRADES).fill(0),
      blockedCounts: new Array<number>(GRADES).fill(0),
      quotas: new Array<number>(GRADES).fill(0),
    });
    members.set('all', []);
    blockedOf.set('all', []);
  }
  const cellList = [...cells.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const blockedTotal = cellList.reduce((s, c) => s + c.blockedCounts.reduce((a, b) => a + b, 0), 0);
  const customers = cellList.reduce((s, c) => s + c.counts.reduce((a, b) => a + b, 0), 0);

  const engineTarget = spec.target - fixed;
  const base = {
    grades: GRADES,
    target: engineTarget,
    ...(spec.cap !== null ? { cap: spec.cap } : {}),
    profile: profileInput(spec),
  };

  if (spec.method === 'E')
    return deriveOnDemand(spec, cellList, blockedOf, eligibility, fixed, base);

  // Reserve first: the blocked share under the same plan with everyone counted.
  const blockedRetailers: DerivedPlan['blockedRetailers'] = [];
  let reserved = 0;
  if (blockedTotal > 0 && spec.blockedPolicy === 'reserve') {
    const full = validateAllocationInput({
      ...base,
      cells: cellList.map((c) => ({
        key: c.key,
        counts: c.counts.map((n, j) => n + c.blockedCounts[j]!),
        multiplier: c.multiplier,
      })),
    });
    if (!full.ok) return full;
    const result = allocate(full.problem);
    result.cells.forEach((cq, k) => {
      const cell = cellList[k]!;
      for (const r of blockedOf.get(cell.key)!) {
        const share = cq.quotas[r.grade - 1]!;
        reserved += share;
        blockedRetailers.push({ id: r.id, areaKey: areaKeyOf(r, eligibility.get(r.id)), share });
      }
    });
  } else {
    for (const cell of cellList)
      for (const r of blockedOf.get(cell.key)!)
        blockedRetailers.push({ id: r.id, areaKey: areaKeyOf(r, eligibility.get(r.id)), share: 0 });
  }

  const checked = validateAllocationInput({
    ...base,
    target: engineTarget - reserved,
    cells: cellList.map((c) => ({ key: c.key, counts: c.counts, multiplier: c.multiplier })),
    ...(spec.remainder === 'rotate'
      ? { remainder: { mode: 'rotate', week: spec.weekSerial } }
      : {}),
  });
  if (!checked.ok) return checked;
  const problem: AllocationProblem = checked.problem;
  const result = allocate(problem);
  result.cells.forEach((cq, k) => {
    cellList[k]!.quotas = cq.quotas;
  });
  const extras = new Map<string, number>();
  for (const grant of result.grants) {
    const inGrade = members
      .get(grant.key)!
      .filter((r) => r.grade - 1 === grant.grade)
      .map((r) => ({ id: r.id, weight: 1 }));
    for (const { id, extra } of expandGrant(grant, inGrade))
      extras.set(id, (extras.get(id) ?? 0) + extra);
  }
  const allocated = result.allocated + fixed;
  return {
    ok: true,
    plan: {
      target: spec.target,
      allocated,
      reserved,
      idle: spec.target - allocated - reserved,
      customers: customers + fixedCustomers,
      blocked: blockedTotal,
      profile: [...problem.profile],
      cells: cellList,
      reserve: reserveByArea(blockedRetailers),
      blockedRetailers,
      extras,
    },
  };
}

function reserveByArea(blocked: DerivedPlan['blockedRetailers']): DerivedPlan['reserve'] {
  const byArea = new Map<string, { retailers: number; quantity: number }>();
  for (const b of blocked) {
    const a = byArea.get(b.areaKey) ?? { retailers: 0, quantity: 0 };
    a.retailers++;
    a.quantity += b.share;
    byArea.set(b.areaKey, a);
  }
  return [...byArea.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([areaKey, a]) => ({ areaKey, ...a }));
}

/** Method E 按需: no target split; every eligible customer at or above the minimum grade may order up to the cap. */
function deriveOnDemand(
  spec: PlanSpec,
  cellList: DerivedCell[],
  blockedOf: Map<string, AllocationAttributes[]>,
  eligibility: ReadonlyMap<string, RetailerEligibility>,
  fixed: number,
  base: { target: number; profile: unknown },
): DeriveOutcome {
  // Validate the shape through the engine (cap, profile, target) with the real counts.
  const checked = validateAllocationInput({
    ...base,
    cells: cellList.map((c) => ({ key: c.key, counts: c.counts, multiplier: c.multiplier })),
  });
  if (!checked.ok) return checked;
  if (spec.cap === null) {
    return {
      ok: false,
      errors: [{ path: ['cap'], code: 'required', message: 'method E needs a per-customer cap' }],
    };
  }
  const cap = spec.cap;
  const profile = [...checked.problem.profile];
  let allocated = fixed;
  let customers = 0;
  for (const cell of cellList) {
    cell.quotas = profile.map((r) => (r > 0 ? cap : 0));
    cell.counts.forEach((n, j) => {
      allocated += n * cell.quotas[j]!;
      customers += n;
    });
  }
  const blockedRetailers: DerivedPlan['blockedRetailers'] = [];
  let reserved = 0;
  for (const cell of cellList) {
    for (const r of blockedOf.get(cell.key)!) {
      const share = spec.blockedPolicy === 'reserve' ? cell.quotas[r.grade - 1]! : 0;
      reserved += share;
      blockedRetailers.push({ id: r.id, areaKey: areaKeyOf(r, eligibility.get(r.id)), share });
    }
  }
  return {
    ok: true,
    plan: {
      target: spec.target,
      allocated,
      reserved,
      idle: Math.max(0, spec.target - allocated - reserved),
      customers,
      blocked: blockedRetailers.length,
      profile,
      cells: cellList,
      reserve: reserveByArea(blockedRetailers),
      blockedRetailers,
      extras: new Map(),
    },
  };
}
