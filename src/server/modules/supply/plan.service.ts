import type { Kysely } from 'kysely';
import type {
  Plan,
  PlanDimension,
  PlanInput,
  PlanUpdateInput,
  Preview,
  ProfileSpecInput,
  ReleaseMethod,
} from '../../../contracts/supply';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { unitNames } from '../org';
import { allocationAttributes, type AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { cityEligibility } from './eligibility.cache';
import {
  cityInScope,
  engineRefusal,
  fieldRefusal,
  isUniqueViolation,
  planEntity,
  requireCity,
  sdb,
  type SupplyDeps,
} from './plan.context';
import {
  derivePlan,
  planCellOf,
  prepareCity,
  type DerivedCell,
  type DerivedPlan,
  type PlanSpec,
} from './plan.derive';
import * as repo from './plan.repository';
import { availableSupply, GRADES, logisticsCentreOf, planTransitions } from './plan.rules';
import * as productRepo from './supply.repository';
import type { ProductsTable, SupplyPlansTable } from './supply.tables';
import { mondayOfIsoWeek, shiftIsoWeek, weekSerial } from './week.rules';

/** A plan as edited: everything the derivation and the checks need, stored or not. */
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

function toPlan(
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

// ------------------------------------------------------------------ derivation workspace

interface Workspace {
  product: ProductsTable;
  retailers: AllocationAttributes[];
  eligibility: Map<string, RetailerEligibility>;
  available: number | null;
}

async function availableFor(db: Kysely<any>, cityCode: string, week: string, productCode: string) {
  const rows = await repo.findPositions(sdb(db), week, logisticsCentreOf(cityCode));
  const row = rows.find((p) => p.product_code === productCode);
  return row
    ? availableSupply({ stock: row.stock, inbound: row.inbound, safetyStock: row.safety_stock })
    : null;
}

/**
 * The city's retailers and who may order during the plan's week. `remembered` lets the live
 * preview reuse a recent answer (see `eligibility.cache.ts`); writes always ask afresh.
 */
export async function loadCity(
  db: Kysely<any>,
  deps: SupplyDeps,
  cityCode: string,
  week: string,
  options: { remembered?: boolean } = {},
) {
  const monday = mondayOfIsoWeek(week)!;
  // Eligibility is taken now for the current and future weeks, at the week's end for past ones.
  const now = deps.now().getTime();
  const weekEnd = Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000 - 1;
  const at = new Date(Math.min(now, weekEnd));
  const [retailers, eligibility] = await Promise.all([
    allocationAttributes(db, { cityCode }),
    cityEligibility(
      deps.eligibility,
      db,
      cityCode,
      at,
      now <= weekEnd ? 'now' : at.toISOString(),
      options.remembered !== true,
    ),
  ]);
  return { retailers, eligibility };
}

async function productOrRefuse(db: Kysely<any>, code: string) {
  const product = await productRepo.findProductByCode(sdb(db), code);
  if (!product || product.active !== 1)
    throw fieldRefusal(['productCode'], 'range', `unknown brand-spec ${code}`);
  return product;
}

function specOf(draft: PlanDraft, product: ProductsTable, selected: Set<string> | null): PlanSpec {
  return {
    method: draft.method,
    target: draft.target,
    cap: draft.cap,
    profile: draft.profile,
    priceClass: product.price_class,
    dimensions: draft.dimensions,
    cellMultipliers: draft.cellMultipliers,
    classMultipliers: draft.classMultipliers,
    blockedPolicy: draft.blockedPolicy,
    remainder: draft.remainder,
    selected,
    overrides: new Map(draft.overrides.map((o) => [o.retailerId, o.quota])),
    weekSerial: weekSerial(draft.week),
    biweeklyWeight: draft.biweeklyWeight,
  };
}

/** Rule checks the engine cannot make: method needs, known cells and retailers, supply. */
function checkDraft(draft: PlanDraft, ws: Workspace) {
  if (draft.method === 'B' && draft.dimensions.length === 0)
    throw fieldRefusal(['dimensions'], 'required', 'method B needs one or two dimensions');
  if (draft.method !== 'B' && draft.dimensions.length > 0)
    throw fieldRefusal(['dimensions'], 'range', 'only method B crosses grades with dimensions');
  if (!Number.isFinite(draft.biweeklyWeight))
    throw fieldRefusal(['biweeklyWeight'], 'type', 'the biweekly weight is a number');
  if (!Number.isInteger(draft.biweeklyWeight))
    throw fieldRefusal(['biweeklyWeight'], 'integer', 'the biweekly weight is a whole number');
  if (draft.biweeklyWeight < 1 || draft.biweeklyWeight > 4)
    throw fieldRefusal(['biweeklyWeight'], 'range', 'the biweekly weight is between 1 and 4');
  if (new Set(draft.dimensions).size !== draft.dimensions.length)
    throw fieldRefusal(['dimensions'], 'duplicate', 'a dimension appears twice');
  if (draft.method === 'D' && draft.kind === 'regular' && draft.retailerIds.length === 0)
    throw fieldRefusal(['retailerIds'], 'required', 'method D needs the chosen retailers');
  if (draft.method === 'E' && draft.cap === null)
    throw fieldRefusal(['cap'], 'required', 'method E needs a per-customer cap');
  if (!['A', 'B', 'D'].includes(draft.method) || draft.kind === 'replenish') {
    // C and E resolve their profile from the price band unless given one.
  } else if (draft.profile === null) {
    throw fieldRefusal(['profile'], 'required', 'the plan needs a grade profile');
  }
  const cityIds =
    draft.retailerIds.length + draft.overrides.length > 0
      ? new Set(ws.retailers.map((r) => r.id))
      : new Set<string>();
  const seen = new Set<string>();
  draft.retailerIds.forEach((id, i) => {
    if (!cityIds.has(id))
      throw fieldRefusal(['retailerIds', i], 'range', `retailer ${id} is not in this city`);
    if (seen.has(id)) throw fieldRefusal(['retailerIds', i], 'duplicate', `retailer ${id} twice`);
    seen.add(id);
  });
  const overridden = new Set<string>();
  draft.overrides.forEach((o, i) => {
    if (!cityIds.has(o.retailerId))
      throw fieldRefusal(['overrides', i, 'retailerId'], 'range', 'retailer not in this city');
    if (overridden.has(o.retailerId))
      throw fieldRefusal(['overrides', i, 'retailerId'], 'duplicate', 'retailer appears twice');
    overridden.add(o.retailerId);
    if (!Number.isFinite(o.quota) || !Number.isInteger(o.quota))
      throw fieldRefusal(['overrides', i, 'quota'], 'integer', 'a quota is a whole number of 条');
    if (o.quota < 0 || o.quota > 1_000_000)
      throw fieldRefusal(['overrides', i, 'quota'], 'range', 'a quota is between 0 and 1,000,000');
  });
  const fixed = draft.overrides.reduce((s, o) => s + o.quota, 0);
  if (Number.isInteger(draft.target) && fixed > draft.target)
    throw fieldRefusal(['overrides'], 'range', 'fixed quotas add up to more than the target');
  // A multiplier for a cell no retailer of the city falls in is a typo, not a no-op.
  const keys = Object.keys(draft.cellMultipliers);
  const cells = new Set(
    keys.length > 0 ? ws.retailers.map((r) => planCellOf(r, draft.method, draft.dimensions)) : [],
  );
  cells.add('all');
  for (const key of keys) {
    if (!cells.has(key))
      throw fieldRefusal(['cellMultipliers', key], 'range', `no cell ${key} in this plan`);
  }
  for (const [where, record] of [
    ['cellMultipliers', draft.cellMultipliers],
    ['classMultipliers', draft.classMultipliers],
  ] as const) {
    for (const [key, m] of Object.entries(record)) {
      if (!Number.isFinite(m) || m < 0 || m > 1000)
        throw fieldRefusal([where, key], 'range', 'a multiplier is between 0 and 1000');
    }
  }
  if (
    ws.available !== null &&
    Number.isFinite(draft.target) &&
    draft.target > ws.available &&
    !draft.allowOverSupply
  ) {
    throw ruleRefused(
      {
        zh: `目标 ${draft.target} 条超过本周可供货源 ${ws.available} 条（需明确确认超量投放）`,
        en: `the target of ${draft.target} exceeds the ${ws.available} available this week (confirm over-supply explicitly)`,
      },
      {
        errors: [{ path: ['target'], code: 'range', message: 'over the available supply' }],
        available: ws.available,
      },
    );
  }
}

async function replenishCandidates(db: Kysely<any>, draft: PlanDraft): Promise<Set<string>> {
  if (!draft.replenishOf) return new Set();
  const rows = await repo.findPlanRetailers(sdb(db), [draft.replenishOf], ['blocked']);
  return new Set(rows.filter((r) => r.area_key === draft.areaKey).map((r) => r.retailer_id));
}

/** Derives the plan over the city as it is now; throws the API's 400/422 on bad figures. */
async function derive(
  db: Kysely<any>,
  deps: SupplyDeps,
  draft: PlanDraft,
  city?: Awaited<ReturnType<typeof loadCity>>,
): Promise<{ derived: DerivedPlan; ws: Workspace }> {
  const [product, loaded, available] = await Promise.all([
    productOrRefuse(db, draft.productCode),
    city ?? loadCity(db, deps, draft.cityCode, draft.week),
    availableFor(db, draft.cityCode, draft.week, draft.productCode),
  ]);
  const ws: Workspace = { product, ...loaded, available };
  checkDraft(draft, ws);
  const selected =
    draft.kind === 'replenish'
      ? await replenishCandidates(db, draft)
      : draft.method === 'D'
        ? new Set(draft.retailerIds)
        : null;
  const outcome = derivePlan(specOf(draft, product, selected), ws.retailers, ws.eligibility);
  if (!outcome.ok) throw engineRefusal(outcome.errors);
  return { derived: outcome.plan, ws };
}

function extraByGrade(derived: DerivedPlan, ws: Workspace) {
  const out = new Array<number>(GRADES).fill(0);
  if (derived.extras.size === 0) return out;
  const city = prepareCity(ws.retailers, ws.eligibility);
  for (const [id, extra] of derived.extras) {
    const k = city.rowOf(id);
    if (k !== undefined) out[city.grade[k]! - 1]! += extra;
  }
  return out;
}

function freeze(derived: DerivedPlan, ws: Workspace): FrozenResult {
  return {
    target: derived.target,
    allocated: derived.allocated,
    reserved: derived.reserved,
    idle: derived.idle,
    customers: derived.customers,
    blocked: derived.blocked,
    available: ws.available,
    profile: derived.profile,
    cells: derived.cells,
    reserve: derived.reserve,
    extraByGrade: extraByGrade(derived, ws),
  };
}

/** A 营销部 code (`<county>YX<n>`, see the demo) as `<county>营销<n>部`; `-` is unassigned. */
function deptLabel(value: string, names: Map<string, string>, language: Language) {
  if (value === '-') return language === 'en' ? 'no marketing dept' : '未分配营销部';
  const m = /^(\d{6})YX(\d+)$/.exec(value);
  if (!m) return undefined;
  const county = names.get(m[1]!) ?? m[1]!;
  const n = Number(m[2]);
  return language === 'en'
    ? `${county} marketing dept ${n}`
    : `${county}营销${'〇一二三四五六七八九'[n] ?? n}部`;
}

async function placeLabels(db: Kysely<any>, language: Language) {
  const names = await unitNames(db, language);
  const cell = (planCell: string, key: string) => {
    const base =
      planCell === 'all'
        ? language === 'en'
          ? 'All'
          : '全市'
        : planCell
            .split('|')
            .map((v) => names.get(v) ?? deptLabel(v, names, language) ?? v)
            .join(' · ');
    const cls = key.includes('#') ? key.slice(key.indexOf('#') + 1) : null;
    return cls ? `${base} (${cls})` : base;
  };
  const area = (areaKey: string) =>
    areaKey.startsWith('county:') ? (names.get(areaKey.slice(7)) ?? areaKey) : areaKey;
  return { cell, area };
}

async function lastWeekOf(db: Kysely<any>, draft: PlanDraft): Promise<Preview['lastWeek']> {
  const week = shiftIsoWeek(draft.week, -1);
  const row = await repo.findLatestPublished(sdb(db), {
    cityCode: draft.cityCode,
    week,
    productCode: draft.productCode,
  });
  if (!row || !row.result_json) return null;
  const frozen = JSON.parse(row.result_json) as FrozenResult;
  return {
    planId: row.id,
    week,
    target: frozen.target,
    allocated: frozen.allocated,
    quotaByGrade: quotaRange(frozen.cells).max,
  };
}

function quotaRange(cells: readonly DerivedCell[]) {
  const min = new Array<number>(GRADES).fill(0);
  const max = new Array<number>(GRADES).fill(0);
  for (let j = 0; j < GRADES; j++) {
    const populated = cells.filter((c) => c.counts[j]! + c.blockedCounts[j]! > 0);
    const pool = populated.length > 0 ? populated : cells;
    const values = pool.map((c) => c.quotas[j]!);
    min[j] = values.length ? Math.min(...values) : 0;
    max[j] = values.length ? Math.max(...values) : 0;
  }
  return { min, max };
}

async function toPreview(
  db: Kysely<any>,
  frozen: FrozenResult,
  draft: PlanDraft,
  language: Language,
): Promise<Preview> {
  const [label, lastWeek] = await Promise.all([placeLabels(db, language), lastWeekOf(db, draft)]);
  const range = quotaRange(frozen.cells);
  return {
    target: frozen.target,
    allocated: frozen.allocated,
    reserved: frozen.reserved,
    idle: frozen.idle,
    utilisation: frozen.target > 0 ? frozen.allocated / frozen.target : 0,
    available: frozen.available,
    customers: frozen.customers,
    blocked: frozen.blocked,
    grades: Array.from({ length: GRADES }, (_, j) => ({
      grade: j + 1,
      customers: frozen.cells.reduce((s, c) => s + (c.heads ?? c.counts)[j]!, 0),
      blocked: frozen.cells.reduce((s, c) => s + c.blockedCounts[j]!, 0),
      quotaMin: range.min[j]!,
      quotaMax: range.max[j]!,
      allocated:
        frozen.cells.reduce((s, c) => s + c.counts[j]! * c.quotas[j]!, 0) + frozen.extraByGrade[j]!,
    })),
    cells: frozen.cells.map((c) => ({
      key: c.key,
      label: label.cell(c.planCell, c.key),
      multiplier: c.multiplier,
      customers: (c.heads ?? c.counts).reduce((a, b) => a + b, 0),
      quotas: c.quotas,
      allocated: c.counts.reduce((s, n, j) => s + n * c.quotas[j]!, 0),
    })),
    reserve: frozen.reserve.map((r) => ({
      areaKey: r.areaKey,
      retailers: r.retailers,
      quantity: r.quantity,
      label: r.name ?? label.area(r.areaKey),
    })),
    lastWeek,
  };
}

// ------------------------------------------------------------------ reading plans

async function planRowInScope(ctx: ServiceContext, id: string) {
  const row = await repo.findPlan(sdb(ctx.db), id);
  if (!row || !cityInScope(ctx.actor.scope, row.city_code)) throw outOfScope(planEntity);
  return row;
}

async function draftOf(db: Kysely<any>, row: SupplyPlansTable) {
  const exceptions = await repo.findPlanRetailers(sdb(db), [row.id], ['selected', 'override']);
  return draftOfRow(row, exceptions);
}

async function isSuperseded(db: Kysely<any>, row: SupplyPlansTable) {
  if (row.status !== 'published') return false;
  const line = await repo.findPlanLine(sdb(db), row);
  return line.some((p) => p.status === 'published' && p.version > row.version);
}

async function planView(db: Kysely<any>, row: SupplyPlansTable): Promise<Plan> {
  const [draft, product, superseded] = await Promise.all([
    draftOf(db, row),
    productRepo.findProductByCode(sdb(db), row.product_code),
    isSuperseded(db, row),
  ]);
  return toPlan(row, draft, product?.name ?? row.product_code, superseded);
}

export async function listPlans(
  ctx: ServiceContext,
  query: {
    cityCode?: string | undefined;
    week?: string | undefined;
    productCode?: string | undefined;
    status?: 'draft' | 'published' | undefined;
  },
) {
  const scope = ctx.actor.scope;
  let cityCodes: string[] | null = scope.kind === 'province' ? null : [scope.cityCode];
  if (query.cityCode) cityCodes = cityInScope(scope, query.cityCode) ? [query.cityCode] : [];
  const rows = await repo.findPlans(sdb(ctx.db), {
    cityCodes,
    week: query.week,
    productCode: query.productCode,
    status: query.status,
  });
  const products = new Map(
    (await productRepo.findAllProducts(sdb(ctx.db), false)).map((p) => [p.code, p.name]),
  );
  const exceptions = await repo.findPlanRetailers(
    sdb(ctx.db),
    rows.map((r) => r.id),
    ['selected', 'override'],
  );
  const byPlan = new Map<string, typeof exceptions>();
  for (const e of exceptions) {
    const list = byPlan.get(e.plan_id) ?? [];
    list.push(e);
    byPlan.set(e.plan_id, list);
  }
  const latestPublished = new Map<string, number>();
  for (const r of rows) {
    if (r.status !== 'published') continue;
    const line = `${r.city_code}|${r.week}|${r.product_code}|${r.kind}|${r.area_key}`;
    latestPublished.set(line, Math.max(latestPublished.get(line) ?? 0, r.version));
  }
  return {
    items: rows.map((r) => {
      const line = `${r.city_code}|${r.week}|${r.product_code}|${r.kind}|${r.area_key}`;
      const superseded = r.status === 'published' && (latestPublished.get(line) ?? 0) > r.version;
      return toPlan(
        r,
        draftOfRow(r, byPlan.get(r.id) ?? []),
        products.get(r.product_code) ?? r.product_code,
        superseded,
      );
    }),
  };
}

export async function getPlan(ctx: ServiceContext, id: string) {
  return planView(ctx.db, await planRowInScope(ctx, id));
}

// ------------------------------------------------------------------ writing plans

function draftOfInput(
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

function rowColumns(draft: PlanDraft) {
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

function exceptionRows(planId: string, draft: PlanDraft) {
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

const conflict = (zh: string, en: string) =>
  new AppError('CONFLICT', { params: { reason: { zh, en } } });

/** Resolves what a new plan continues: a correction's original, or a 补投放's source plan. */
async function resolveLineage(ctx: ServiceContext, input: PlanInput): Promise<PlanDraft> {
  const draft = draftOfInput(input);
  if (input.kind === 'replenish') {
    if (!input.replenishOf || !input.areaKey)
      throw fieldRefusal(['replenishOf'], 'required', 'a 补投放 names the plan and the area');
    const source = await planRowInScope(ctx, input.replenishOf);
    if (source.status !== 'published' || source.kind !== 'regular')
      throw fieldRefusal(
        ['replenishOf'],
        'range',
        'a 补投放 releases the reserve of a published plan',
      );
    const frozen = JSON.parse(source.result_json ?? '{}') as FrozenResult;
    const reserve = frozen.reserve?.find((r) => r.areaKey === input.areaKey);
    if (!reserve)
      throw fieldRefusal(['areaKey'], 'range', 'the plan holds no reserve for this area');
    draft.cityCode = source.city_code;
    draft.productCode = source.product_code;
    draft.areaKey = input.areaKey;
    draft.replenishOf = source.id;
    if (draft.profile === null) draft.profile = frozen.profile;
    if (draft.cap === null) draft.cap = source.cap;
  }
  return draft;
}

/** Creates a draft plan (or the next version correcting a published one) and previews it. */
export async function createPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  input: PlanInput,
  language: Language,
) {
  requireCity(ctx, input.cityCode);
  const weekStart = mondayOfIsoWeek(input.week);
  if (!weekStart) throw fieldRefusal(['week'], 'range', `${input.week} is not an ISO week`);
  const draft = await resolveLineage(ctx, input);
  requireCity(ctx, draft.cityCode);
  let correctionOf: string | null = null;
  if (input.correctionOf) {
    const original = await planRowInScope(ctx, input.correctionOf);
    if (original.status !== 'published')
      throw conflict('只能更正已发布的方案', 'only a published plan can be corrected');
    if (
      original.city_code !== draft.cityCode ||
      original.week !== draft.week ||
      original.product_code !== draft.productCode ||
      original.kind !== draft.kind ||
      original.area_key !== draft.areaKey
    )
      throw fieldRefusal(
        ['correctionOf'],
        'range',
        'a correction keeps the city, week and brand-spec',
      );
    correctionOf = original.id;
  }
  const { derived, ws } = await derive(ctx.db, deps, draft);
  const now = deps.now().toISOString();
  const id = newId('spl');
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const line = await repo.findPlanLine(sdb(trx), {
        city_code: draft.cityCode,
        week: draft.week,
        product_code: draft.productCode,
        kind: draft.kind,
        area_key: draft.areaKey,
      });
      if (line.some((p) => p.status === 'draft'))
        throw conflict(
          '该品规本周已有草稿方案',
          'a draft already exists for this week and brand-spec',
        );
      if (line.length > 0 && !correctionOf)
        throw conflict(
          '该品规本周已有方案，请更正已发布的方案',
          'a plan exists for this week and brand-spec; correct the published one',
        );
      if (correctionOf && line[0]?.id !== correctionOf)
        throw conflict(
          '只能更正最新发布的版本',
          'only the latest published version can be corrected',
        );
      const row: SupplyPlansTable = {
        id,
        company_id: draft.cityCode,
        city_code: draft.cityCode,
        week: draft.week,
        week_start: weekStart,
        product_code: draft.productCode,
        kind: draft.kind,
        area_key: draft.areaKey,
        version: (line[0]?.version ?? 0) + 1,
        status: 'draft',
        ...rowColumns(draft),
        correction_of: correctionOf,
        replenish_of: draft.replenishOf,
        result_json: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
        published_at: null,
        published_by: null,
      };
      await repo.insertPlan(sdb(trx), row);
      await repo.insertPlanRetailers(sdb(trx), exceptionRows(id, draft));
      await recordAudit(trx, ctx, {
        action: 'supply.plan.create',
        entityType: 'supply_plan',
        entityId: id,
        companyId: draft.cityCode,
        after: { ...draft, version: row.version, correctionOf },
      });
    })
    .catch((error: unknown) => {
      // Two planners created the same line at the same moment: the index let only one through.
      if (isUniqueViolation(error))
        throw conflict('该品规本周方案刚被他人创建', 'someone else just created this plan');
      throw error;
    });
  const row = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, row),
    preview: await toPreview(ctx.db, freeze(derived, ws), draft, language),
  };
}

/** Replaces a draft's figures; a published plan refuses (409) — correct it with a new version. */
export async function updatePlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  input: PlanUpdateInput,
  language: Language,
) {
  const row = await planRowInScope(ctx, id);
  if (!planTransitions.canEdit(row.status))
    throw conflict(
      '已发布的方案不可修改，请新建更正版本',
      'a published plan is immutable; create a correction',
    );
  const before = await draftOf(ctx.db, row);
  const draft = draftOfInput({
    ...input,
    cityCode: row.city_code,
    week: row.week,
    productCode: row.product_code,
    kind: row.kind,
    areaKey: row.area_key,
    replenishOf: row.replenish_of,
  });
  if (row.kind === 'replenish') {
    if (draft.profile === null) draft.profile = before.profile;
    if (draft.cap === null) draft.cap = before.cap;
  }
  const { derived, ws } = await derive(ctx.db, deps, draft);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateDraft(sdb(trx), id, {
      ...rowColumns(draft),
      updated_at: deps.now().toISOString(),
    });
    if (!updated) throw conflict('方案已发布', 'the plan was published meanwhile');
    await repo.deletePlanRetailers(sdb(trx), id, ['selected', 'override']);
    await repo.insertPlanRetailers(sdb(trx), exceptionRows(id, draft));
    await recordAudit(trx, ctx, {
      action: 'supply.plan.update',
      entityType: 'supply_plan',
      entityId: id,
      companyId: row.city_code,
      before,
      after: draft,
    });
  });
  const fresh = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, fresh),
    preview: await toPreview(ctx.db, freeze(derived, ws), draft, language),
  };
}

/** The preview of a stored plan: live for a draft, the frozen table for a published one. */
export async function previewPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  language: Language,
  changes?: Partial<Pick<PlanDraft, 'target'>>,
) {
  const row = await planRowInScope(ctx, id);
  const draft = await draftOf(ctx.db, row);
  if (row.status === 'published' && row.result_json && changes?.target === undefined) {
    return toPreview(ctx.db, JSON.parse(row.result_json) as FrozenResult, draft, language);
  }
  if (changes?.target !== undefined) draft.target = changes.target;
  const city = await loadCity(ctx.db, deps, draft.cityCode, draft.week, { remembered: true });
  const { derived, ws } = await derive(ctx.db, deps, draft, city);
  return toPreview(ctx.db, freeze(derived, ws), draft, language);
}

/** The preview of a plan that is not saved (the editor's live preview). Writes nothing. */
export async function previewUnsaved(
  ctx: ServiceContext,
  deps: SupplyDeps,
  input: PlanInput,
  language: Language,
) {
  requireCity(ctx, input.cityCode);
  if (!mondayOfIsoWeek(input.week)) throw fieldRefusal(['week'], 'range', 'not an ISO week');
  const draft = await resolveLineage(ctx, input);
  const city = await loadCity(ctx.db, deps, draft.cityCode, draft.week, { remembered: true });
  const { derived, ws } = await derive(ctx.db, deps, draft, city);
  return toPreview(ctx.db, freeze(derived, ws), draft, language);
}

/**
 * Publishes a draft (audited): derives it once more, freezes its quota table, and stores the
 * retailers left out as blocked (with the share held for them) and the remainder extras — the
 * only per-retailer rows. Publishing twice is a conflict.
 */
export async function publishPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  language: Language,
) {
  const row = await planRowInScope(ctx, id);
  if (!planTransitions.canPublish(row.status))
    throw conflict('方案已发布', 'the plan is already published');
  const draft = await draftOf(ctx.db, row);
  const { derived, ws } = await derive(ctx.db, deps, draft);
  const frozen = freeze(derived, ws);
  const now = deps.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateDraft(sdb(trx), id, {
      status: 'published',
      result_json: JSON.stringify(frozen),
      published_at: now,
      published_by: ctx.actor.userId,
      updated_at: now,
    });
    if (!updated) throw conflict('方案已发布', 'the plan is already published');
    await repo.insertPlanRetailers(sdb(trx), [
      ...derived.blockedRetailers.map((b) => ({
        plan_id: id,
        retailer_id: b.id,
        kind: 'blocked' as const,
        company_id: row.city_code,
        quota: b.share,
        area_key: b.areaKey,
      })),
      ...[...derived.extras].map(([retailerId, extra]) => ({
        plan_id: id,
        retailer_id: retailerId,
        kind: 'extra' as const,
        company_id: row.city_code,
        quota: extra,
        area_key: null,
      })),
    ]);
    await recordAudit(trx, ctx, {
      action: 'supply.plan.publish',
      entityType: 'supply_plan',
      entityId: id,
      companyId: row.city_code,
      before: { status: 'draft' },
      after: {
        status: 'published',
        version: row.version,
        target: frozen.target,
        allocated: frozen.allocated,
        reserved: frozen.reserved,
        idle: frozen.idle,
      },
    });
  });
  const fresh = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, fresh),
    preview: await toPreview(ctx.db, frozen, draft, language),
  };
}

export { derive as derivePlanDraft };
