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
  /**
   * 两周一访上浮: the weight of a customer visited every two weeks in c_j (and so the multiple
   * of the cell quota it receives); 1, or absent, counts everyone once.
   */
  biweeklyWeight?: number;
}

/** One engine cell: a plan cell, split further by region class when that class has a multiplier. */
export interface DerivedCell {
  key: string;
  /** The plan cell (dimension values) it belongs to; `all` for single-cell methods. */
  planCell: string;
  multiplier: number;
  /** Eligible weighted customer counts c_j (a biweekly customer counts its weight). */
  counts: number[];
  blockedCounts: number[];
  quotas: number[];
  /** Eligible customers by grade (head count); absent in results frozen before weights existed. */
  heads?: number[];
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
  reserve: { areaKey: string; retailers: number; quantity: number; name?: string }[];
  /** Retailers left out as blocked, with the share held for them (0 when redistributed). */
  blockedRetailers: { id: string; areaKey: string; share: number }[];
  /** Remainder extras per retailer (+1 条 slots). */
  extras: Map<string, number>;
}

export type DeriveOutcome =
  { ok: true; plan: DerivedPlan } | { ok: false; errors: AllocationError[] };

/** Value of a retailer for a method-B dimension (a 营销部 left unassigned is `-`). */
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
    case 'marketing_dept':
      return r.marketingDept ?? '-';
  }
}

/**
 * A retailer's weight in c_j under a plan (两周一访上浮): the plan's biweekly weight for a customer
 * visited every two weeks, else 1. Its quota is the cell quota times this weight.
 */
export function customerWeight(
  r: Pick<AllocationAttributes, 'visitCycle'>,
  spec: { biweeklyWeight?: number },
): number {
  return r.visitCycle === 'biweekly' ? (spec.biweeklyWeight ?? 1) : 1;
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
 * The city's retailers who can take part in any plan (active, graded D1…D30), in licence order,
 * with what every plan counts by held in typed arrays.
 *
 * Why: a planner drags a slider and the week has ~120 brand-specs, each re-derived over ~20,000
 * retailers. The retailers and their eligibility are the same for all of them, so the per-retailer
 * work (eligibility look-up, area key, region class, dimension values) is done once per city
 * snapshot, and a derivation is one pass over small integers.
 */
export class PreparedCity {
  readonly n: number;
  readonly rows: AllocationAttributes[];
  readonly grade: Uint8Array;
  readonly blocked: Uint8Array;
  readonly biweekly: Uint8Array;
  /** Index into `classes`, or -1 for no region class. */
  readonly cls: Int16Array;
  readonly classes: string[] = [];
  /** Index into `areaKeys` (where a blocked retailer's reserve is held). */
  readonly area: Uint32Array;
  readonly areaKeys: string[] = [];
  /** Names of the areas holding reserves, when the eligibility rule gives them. */
  readonly areaNames = new Map<string, string>();
  readonly eligibility: ReadonlyMap<string, RetailerEligibility>;
  private readonly dims = new Map<PlanDimension, { index: Uint32Array; values: string[] }>();
  private indexById: Map<string, number> | null = null;

  constructor(
    retailers: readonly AllocationAttributes[],
    eligibility: ReadonlyMap<string, RetailerEligibility>,
  ) {
    this.eligibility = eligibility;
    this.rows = retailers.filter((r) => r.status === 'active' && r.grade >= 1 && r.grade <= GRADES);
    const n = (this.n = this.rows.length);
    this.grade = new Uint8Array(n);
    this.blocked = new Uint8Array(n);
    this.biweekly = new Uint8Array(n);
    this.cls = new Int16Array(n);
    this.area = new Uint32Array(n);
    const classIndex = new Map<string, number>();
    const areaIndex = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const r = this.rows[k]!;
      const e = eligibility.get(r.id);
      this.grade[k] = r.grade;
      this.biweekly[k] = r.visitCycle === 'biweekly' ? 1 : 0;
      if (e?.ordering === 'blocked') {
        this.blocked[k] = 1;
        const key = areaKeyOf(r, e);
        let a = areaIndex.get(key);
        if (a === undefined) {
          a = this.areaKeys.length;
          this.areaKeys.push(key);
          if (e.areaName) this.areaNames.set(key, e.areaName);
          areaIndex.set(key, a);
        }
        this.area[k] = a;
      }
      const c = e?.multiplierClass;
      if (c === undefined) this.cls[k] = -1;
      else {
        let i = classIndex.get(c);
        if (i === undefined) {
          i = this.classes.length;
          this.classes.push(c);
          classIndex.set(c, i);
        }
        this.cls[k] = i;
      }
    }
  }

  /** Each row's value index for a dimension, computed on first use. */
  dimension(d: PlanDimension): { index: Uint32Array; values: string[] } {
    let dim = this.dims.get(d);
    if (!dim) {
      const values: string[] = [];
      const seen = new Map<string, number>();
      const index = new Uint32Array(this.n);
      for (let k = 0; k < this.n; k++) {
        const v = dimensionValue(this.rows[k]!, d);
        let i = seen.get(v);
        if (i === undefined) {
          i = values.length;
          values.push(v);
          seen.set(v, i);
        }
        index[k] = i;
      }
      dim = { index, values };
      this.dims.set(d, dim);
    }
    return dim;
  }

  /** Row index of a retailer id (only for plans naming retailers: method D, overrides, 补投放). */
  rowOf(id: string): number | undefined {
    if (!this.indexById) {
      this.indexById = new Map();
      for (let k = 0; k < this.n; k++) this.indexById.set(this.rows[k]!.id, k);
    }
    return this.indexById.get(id);
  }
}

// One preparation per (retailers snapshot, eligibility snapshot): both are cached upstream (the
// app's RetailState and SupplyCaches) and keep their identity until a retailer write or a
// disruption change replaces them. This stays at module level on purpose: it is a pure memo of
// derivePlan keyed weakly by its immutable inputs — it holds nothing they do not, needs no
// invalidation and nothing to close; it dies with the snapshots the app's state releases.
const prepared = new WeakMap<
  readonly AllocationAttributes[],
  WeakMap<ReadonlyMap<string, RetailerEligibility>, PreparedCity>
>();

export function prepareCity(
  retailers: readonly AllocationAttributes[],
  eligibility: ReadonlyMap<string, RetailerEligibility>,
): PreparedCity {
  let byEligibility = prepared.get(retailers);
  if (!byEligibility) {
    byEligibility = new WeakMap();
    prepared.set(retailers, byEligibility);
  }
  let city = byEligibility.get(eligibility);
  if (!city) {
    city = new PreparedCity(retailers, eligibility);
    byEligibility.set(eligibility, city);
  }
  return city;
}

const zeros = () => new Array<number>(GRADES).fill(0);

/**
 * Derives a plan's quotas from retailers' attributes and eligibility (docs/architecture.md#supply-release):
 * only active retailers count; retailers with a fixed quota leave the counts and the target; those
 * whose effective status blocks ordering leave the counts, and under `reserve` the share they
 * would have received with everyone eligible (the same plan solved with them counted) is held per
 * area and taken out of the target; under `redistribute` the whole target goes to the rest. A
 * biweekly customer counts `biweeklyWeight` times in c_j and receives that multiple of the quota.
 * Pure: same inputs, same quotas.
 */
export function derivePlan(
  spec: PlanSpec,
  retailers: readonly AllocationAttributes[],
  eligibility: ReadonlyMap<string, RetailerEligibility>,
): DeriveOutcome {
  const city = prepareCity(retailers, eligibility);
  const n = city.n;
  const weight = spec.biweeklyWeight ?? 1;

  // Which rows take part: everyone, or the chosen ones (method D, 补投放); fixed quotas leave.
  let member: Uint8Array | null = null;
  if (spec.selected !== null) {
    member = new Uint8Array(n);
    for (const id of spec.selected) {
      const k = city.rowOf(id);
      if (k !== undefined) member[k] = 1;
    }
  }
  let fixed = 0;
  let fixedCustomers = 0;
  if (spec.overrides.size > 0) {
    member ??= new Uint8Array(n).fill(1);
    for (const [id, quota] of spec.overrides) {
      const k = city.rowOf(id);
      if (k === undefined || member[k] !== 1) continue;
      member[k] = 0;
      if (city.blocked[k] !== 1) {
        fixed += quota;
        fixedCustomers++;
      }
    }
  }

  // The plan cell of each row as a small integer (method B crosses one or two dimensions).
  const planCellNames: string[] = [];
  let planCell: Uint32Array | null = null;
  if (spec.method === 'B' && spec.dimensions.length > 0) {
    const dims = spec.dimensions.map((d) => city.dimension(d));
    const combined = new Map<number, number>();
    planCell = new Uint32Array(n);
    const width = dims.length === 2 ? dims[1]!.values.length : 1;
    for (let k = 0; k < n; k++) {
      const code = dims[0]!.index[k]! * width + (dims.length === 2 ? dims[1]!.index[k]! : 0);
      let c = combined.get(code);
      if (c === undefined) {
        c = planCellNames.length;
        planCellNames.push(
          dims.length === 2
            ? `${dims[0]!.values[dims[0]!.index[k]!]!}|${dims[1]!.values[dims[1]!.index[k]!]!}`
            : dims[0]!.values[dims[0]!.index[k]!]!,
        );
        combined.set(code, c);
      }
      planCell[k] = c;
    }
  } else planCellNames.push('all');

  // Engine cell = plan cell × (region class when the plan scales it).
  const scaled = city.classes.map((c) => spec.classMultipliers[c] !== undefined);
  const stride = city.classes.length + 1;
  const cellOfCode = new Map<number, DerivedCell>();
  // The same cells by code in an array: the per-row look-up of the loop below.
  const byCode: (DerivedCell | undefined)[] = [];
  // Weighted counts of the blocked (c_j had they been eligible); `blockedCounts` is a head count.
  const blockedWeighted = new Map<DerivedCell, number[]>();
  const engineCode = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    if (member !== null && member[k] !== 1) continue;
    const pc = planCell === null ? 0 : planCell[k]!;
    const cl = city.cls[k]!;
    const code = pc * stride + (cl >= 0 && scaled[cl] ? cl + 1 : 0);
    engineCode[k] = code;
    let cell = byCode[code];
    if (!cell) {
      const planKey = planCellNames[pc]!;
      const clsName = cl >= 0 && scaled[cl] ? city.classes[cl]! : undefined;
      cell = {
        key: clsName !== undefined ? `${planKey}#${clsName}` : planKey,
        planCell: planKey,
        multiplier:
          (spec.cellMultipliers[planKey] ?? 1) *
          (clsName !== undefined ? (spec.classMultipliers[clsName] ?? 1) : 1),
        counts: zeros(),
        blockedCounts: zeros(),
        quotas: zeros(),
        heads: zeros(),
      };
      cellOfCode.set(code, cell);
      byCode[code] = cell;
      blockedWeighted.set(cell, zeros());
    }
    const j = city.grade[k]! - 1;
    const w = weight !== 1 && city.biweekly[k] === 1 ? weight : 1;
    if (city.blocked[k] === 1) {
      cell.blockedCounts[j]!++;
      blockedWeighted.get(cell)![j]! += w;
    } else {
      cell.counts[j]! += w;
      cell.heads![j]!++;
    }
  }
  // The engine always has a cell, even when nobody takes part.
  if (cellOfCode.size === 0)
    cellOfCode.set(-1, {
      key: 'all',
      planCell: 'all',
      multiplier: 1,
      counts: zeros(),
      blockedCounts: zeros(),
      quotas: zeros(),
      heads: zeros(),
    });
  const cellList = [...cellOfCode.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const position = new Map<number, number>();
  for (const [code, cell] of cellOfCode) position.set(code, cellList.indexOf(cell));
  const blockedTotal = countBlocked(city, engineCode);
  const customers = cellList.reduce((s, c) => s + c.heads!.reduce((a, b) => a + b, 0), 0);

  const engineTarget = spec.target - fixed;
  const base = {
    grades: GRADES,
    target: engineTarget,
    ...(spec.cap !== null ? { cap: spec.cap } : {}),
    profile: profileInput(spec),
  };
  // Blocked retailers in licence order with their engine cell, for the shares held for them.
  const blockedRows: number[] = [];
  for (let k = 0; k < n; k++) if (engineCode[k]! >= 0 && city.blocked[k] === 1) blockedRows.push(k);
  const weightOf = (k: number) => (weight !== 1 && city.biweekly[k] === 1 ? weight : 1);
  const blockedList = (quotaOf: (k: number) => number) =>
    blockedRows.map((k) => ({
      id: city.rows[k]!.id,
      areaKey: city.areaKeys[city.area[k]!]!,
      share: quotaOf(k) * weightOf(k),
    }));

  if (spec.method === 'E') {
    // Method E 按需: no target split; every eligible customer at or above the minimum grade may
    // order up to the cap. Validate the shape through the engine with the real counts.
    const checked = validateAllocationInput({
      ...base,
      cells: cellList.map((c) => ({ key: c.key, counts: c.counts, multiplier: c.multiplier })),
    });
    if (!checked.ok) return checked;
    if (spec.cap === null)
      return {
        ok: false,
        errors: [{ path: ['cap'], code: 'required', message: 'method E needs a per-customer cap' }],
      };
    const cap = spec.cap;
    const profile = [...checked.problem.profile];
    let allocated = fixed;
    for (const cell of cellList) {
      cell.quotas = profile.map((r) => (r > 0 ? cap : 0));
      cell.counts.forEach((c, j) => (allocated += c * cell.quotas[j]!));
    }
    const blockedRetailers = blockedList((k) =>
      spec.blockedPolicy === 'reserve'
        ? cellList[position.get(engineCode[k]!)!]!.quotas[city.grade[k]! - 1]!
        : 0,
    );
    const reserved = blockedRetailers.reduce((s, b) => s + b.share, 0);
    return {
      ok: true,
      plan: {
        target: spec.target,
        allocated,
        reserved,
        idle: Math.max(0, spec.target - allocated - reserved),
        customers,
        blocked: blockedTotal,
        profile,
        cells: cellList,
        reserve: reserveByArea(blockedRetailers, city.areaNames),
        blockedRetailers,
        extras: new Map(),
      },
    };
  }

  // Reserve first: the blocked share under the same plan with everyone counted.
  let blockedRetailers: DerivedPlan['blockedRetailers'];
  let reserved = 0;
  if (blockedTotal > 0 && spec.blockedPolicy === 'reserve') {
    const full = validateAllocationInput({
      ...base,
      cells: cellList.map((c) => ({
        key: c.key,
        counts: c.counts.map((v, j) => v + (blockedWeighted.get(c)?.[j] ?? 0)),
        multiplier: c.multiplier,
      })),
    });
    if (!full.ok) return full;
    const result = allocate(full.problem);
    blockedRetailers = blockedList(
      (k) => result.cells[position.get(engineCode[k]!)!]!.quotas[city.grade[k]! - 1]!,
    );
    reserved = blockedRetailers.reduce((s, b) => s + b.share, 0);
  } else blockedRetailers = blockedList(() => 0);

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
  result.cells.forEach((cq, i) => {
    cellList[i]!.quotas = cq.quotas;
  });
  const extras = new Map<string, number>();
  if (result.grants.length > 0) {
    // Each grant's customers in licence order, each taking as many slots as its weight: one pass.
    const grantOf = new Map<number, number>();
    result.grants.forEach((g, i) => grantOf.set(g.cell * GRADES + g.grade, i));
    const inGrant = result.grants.map(() => [] as { id: string; weight: number }[]);
    for (let k = 0; k < n; k++) {
      if (engineCode[k]! < 0 || city.blocked[k] === 1) continue;
      const g = grantOf.get(position.get(engineCode[k]!)! * GRADES + city.grade[k]! - 1);
      if (g !== undefined) inGrant[g]!.push({ id: city.rows[k]!.id, weight: weightOf(k) });
    }
    result.grants.forEach((grant, i) => {
      for (const { id, extra } of expandGrant(grant, inGrant[i]!))
        extras.set(id, (extras.get(id) ?? 0) + extra);
    });
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
      reserve: reserveByArea(blockedRetailers, city.areaNames),
      blockedRetailers,
      extras,
    },
  };
}

function countBlocked(city: PreparedCity, engineCode: Int32Array): number {
  let n = 0;
  for (let k = 0; k < city.n; k++) if (engineCode[k]! >= 0 && city.blocked[k] === 1) n++;
  return n;
}

function reserveByArea(
  blocked: DerivedPlan['blockedRetailers'],
  names: ReadonlyMap<string, string>,
): DerivedPlan['reserve'] {
  const byArea = new Map<string, { retailers: number; quantity: number }>();
  for (const b of blocked) {
    const a = byArea.get(b.areaKey) ?? { retailers: 0, quantity: 0 };
    a.retailers++;
    a.quantity += b.share;
    byArea.set(b.areaKey, a);
  }
  return [...byArea.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([areaKey, a]) => {
      const name = names.get(areaKey);
      return name ? { areaKey, ...a, name } : { areaKey, ...a };
    });
}
