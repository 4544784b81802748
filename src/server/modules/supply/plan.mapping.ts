/**
 * How a release plan moves between its shapes: stored row ↔ draft (what the derivation and the
 * checks read) ↔ API view, and the draft as the columns and exception rows written back.
 */
import type {
  Plan,
  PlanDimension,
  PlanInput,
  PlanUpdateInput,
  ProfileSpecInput,
  ReleaseMethod,
} from '../../../contracts/supply';
import type { DerivedCell, DerivedPlan } from './plan.derive';
import type { SupplyPlansTable } from './supply.tables';

export interface PlanDraft {
  cityCode: string;
  week: string;
  productCode: string;
  kind: 'regular' | 'replenish';
  areaKey: string;
  replenishOf: string | null;
  method: ReleaseMethod;
  target: number;
  cap: number | null;
  profile: ProfileSpecInput | null;
  dimensions: PlanDimension[];
  cellMultipliers: Record<string, number>;
  classMultipliers: Record<string, number>;
  blockedPolicy: 'reserve' | 'redistribute';
  remainder: 'none' | 'rotate';
  /** 两周一访上浮 weight of a biweekly customer in c_j (1 = none). */
  biweeklyWeight: number;
  retailerIds: string[];
  overrides: { retailerId: string; quota: number }[];
  allowOverSupply: boolean;
  note: string | null;
}

/** The quota table frozen at publication (per engine cell and grade) with the totals. */
export interface FrozenResult {
  target: number;
  allocated: number;
  reserved: number;
  idle: number;
  customers: number;
  blocked: number;
  available: number | null;
  profile: number[];
  cells: DerivedCell[];
  reserve: DerivedPlan['reserve'];
  extraByGrade: number[];
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

export function draftOfRow(
  row: SupplyPlansTable,
  exceptions: { retailer_id: string; kind: string; quota: number | null }[],
): PlanDraft {
  return {
    cityCode: row.city_code,
    week: row.week,
    productCode: row.product_code,
    kind: row.kind,
    areaKey: row.area_key,
    replenishOf: row.replenish_of,
    method: row.method,
    target: Number(row.target),
    cap: row.cap,
    profile: parseJson<ProfileSpecInput | null>(row.profile_json, null),
    dimensions: parseJson<PlanDimension[]>(row.dimensions_json, []),
    cellMultipliers: parseJson<Record<string, number>>(row.cell_multipliers_json, {}),
    classMultipliers: parseJson<Record<string, number>>(row.class_multipliers_json, {}),
    blockedPolicy: row.blocked_policy,
    remainder: row.remainder,
    biweeklyWeight: Number(row.biweekly_weight ?? 1),
    retailerIds: exceptions.filter((e) => e.kind === 'selected').map((e) => e.retailer_id),
    overrides: exceptions
      .filter((e) => e.kind === 'override')
      .map((e) => ({ retailerId: e.retailer_id, quota: e.quota ?? 0 })),
    allowOverSupply: row.allow_over_supply === 1,
    note: row.note,
  };
}

export function toPlan(
  row: SupplyPlansTable,
  draft: PlanDraft,
  productName: string,
  superseded: boolean,
): Plan {
  return {
    id: row.id,
    cityCode: row.city_code,
    week: row.week,
    weekStart: row.week_start,
    productCode: row.product_code,
    productName,
    kind: row.kind,
    version: row.version,
    status: row.status,
    superseded,
    method: row.method,
    target: Number(row.target),
    cap: row.cap,
    profile: draft.profile,
    dimensions: draft.dimensions,
    cellMultipliers: draft.cellMultipliers,
    classMultipliers: draft.classMultipliers,
    blockedPolicy: row.blocked_policy,
    remainder: row.remainder,
    biweeklyWeight: draft.biweeklyWeight,
    retailerIds: draft.retailerIds,
    overrides: draft.overrides,
    allowOverSupply: row.allow_over_supply === 1,
    note: row.note,
    correctionOf: row.correction_of,
    replenishOf: row.replenish_of,
    areaKey: row.area_key === '' ? null : row.area_key,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

export function draftOfInput(
  input:
    | PlanInput
    | (PlanUpdateInput &
        Pick<PlanDraft, 'cityCode' | 'week' | 'productCode' | 'kind' | 'areaKey' | 'replenishOf'>),
): PlanDraft {
  return {
    cityCode: input.cityCode,
    week: input.week,
    productCode: input.productCode,
    kind: input.kind,
    areaKey: 'areaKey' in input && typeof input.areaKey === 'string' ? input.areaKey : '',
    replenishOf: input.replenishOf ?? null,
    method: input.method,
    target: input.target,
    cap: input.cap ?? null,
    profile: input.profile ?? null,
    dimensions: input.dimensions ?? [],
    cellMultipliers: input.cellMultipliers ?? {},
    classMultipliers: input.classMultipliers ?? {},
    blockedPolicy: input.blockedPolicy,
    remainder: input.remainder,
    biweeklyWeight: input.biweeklyWeight ?? 1,
    retailerIds: input.retailerIds ?? [],
    overrides: input.overrides ?? [],
    allowOverSupply: input.allowOverSupply,
    note: input.note ?? null,
  };
}

export function rowColumns(draft: PlanDraft) {
  return {
    method: draft.method,
    target: draft.target,
    cap: draft.cap,
    profile_json: draft.profile === null ? null : JSON.stringify(draft.profile),
    dimensions_json: JSON.stringify(draft.dimensions),
    cell_multipliers_json: JSON.stringify(draft.cellMultipliers),
    class_multipliers_json: JSON.stringify(draft.classMultipliers),
    blocked_policy: draft.blockedPolicy,
    remainder: draft.remainder,
    biweekly_weight: draft.biweeklyWeight,
    allow_over_supply: draft.allowOverSupply ? 1 : 0,
    note: draft.note,
  };
}

export function exceptionRows(planId: string, draft: PlanDraft) {
  return [
    ...draft.retailerIds.map((id) => ({
      plan_id: planId,
      retailer_id: id,
      kind: 'selected' as const,
      company_id: draft.cityCode,
      quota: null,
      area_key: null,
    })),
    ...draft.overrides.map((o) => ({
      plan_id: planId,
      retailer_id: o.retailerId,
      kind: 'override' as const,
      company_id: draft.cityCode,
      quota: o.quota,
      area_key: null,
    })),
  ];
}
