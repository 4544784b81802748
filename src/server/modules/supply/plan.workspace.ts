/**
 * What a plan is derived against — its brand-spec, the city's retailers, who may order and the
 * week's available supply — and the derivation itself, frozen as publication stores it.
 */
import type { Kysely } from 'kysely';
import { cityAllocationAttributes, type AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { checkDraft } from './plan.checks';
import { engineRefusal, fieldRefusal, sdb, type SupplyDeps } from './plan.context';
import { derivePlan, prepareCity, type DerivedPlan, type PlanSpec } from './plan.derive';
import type { FrozenResult, PlanDraft } from './plan.mapping';
import * as repo from './plan.repository';
import { availableSupply, GRADES, logisticsCentreOf } from './plan.rules';
import * as productRepo from './supply.repository';
import type { ProductsTable } from './supply.tables';
import { mondayOfIsoWeek, weekSerial } from './week.rules';

export interface Workspace {
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
    cityAllocationAttributes(deps.retail, cityCode),
    deps.caches.cityEligibility(
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

async function replenishCandidates(db: Kysely<any>, draft: PlanDraft): Promise<Set<string>> {
  if (!draft.replenishOf) return new Set();
  const rows = await repo.findPlanRetailers(sdb(db), [draft.replenishOf], ['blocked']);
  return new Set(rows.filter((r) => r.area_key === draft.areaKey).map((r) => r.retailer_id));
}

/** Derives the plan over the city as it is now; throws the API's 400/422 on bad figures. */
export async function derive(
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

export function freeze(derived: DerivedPlan, ws: Workspace): FrozenResult {
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
