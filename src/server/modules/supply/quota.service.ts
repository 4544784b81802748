import type { Kysely } from 'kysely';
import type { Board, RetailerQuota } from '../../../contracts/supply';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import { allocationAttributes, type AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { defaultDeps, requireCity, retailerEntity, sdb, type SupplyDeps } from './plan.context';
import { engineCellOf, planCellOf } from './plan.derive';
import * as repo from './plan.repository';
import { availableSupply, logisticsCentreOf } from './plan.rules';
import { derivePlanDraft, draftOfRow, loadCity, type FrozenResult } from './plan.service';
import * as productRepo from './supply.repository';
import type { SupplyPlanRetailersTable, SupplyPlansTable } from './supply.tables';
import { mondayOfIsoWeek } from './week.rules';

/** The newest published version of each plan line. */
function currentPlans(rows: readonly SupplyPlansTable[]) {
  const regular = new Map<string, SupplyPlansTable>();
  const replenish = new Map<string, SupplyPlansTable[]>();
  for (const row of rows) {
    if (row.kind === 'regular') {
      const seen = regular.get(row.product_code);
      if (!seen || seen.version < row.version) regular.set(row.product_code, row);
    }
  }
  const latestReplenish = new Map<string, SupplyPlansTable>();
  for (const row of rows) {
    if (row.kind !== 'replenish') continue;
    const line = `${row.product_code}|${row.area_key}`;
    const seen = latestReplenish.get(line);
    if (!seen || seen.version < row.version) latestReplenish.set(line, row);
  }
  for (const row of latestReplenish.values()) {
    const list = replenish.get(row.product_code) ?? [];
    list.push(row);
    replenish.set(row.product_code, list);
  }
  return { regular, replenish };
}

/** A retailer's quota from a published plan's frozen table and its exception rows. */
function quotaFromTable(
  plan: SupplyPlansTable,
  retailer: AllocationAttributes,
  now: RetailerEligibility | undefined,
  exceptions: readonly SupplyPlanRetailersTable[],
): { quota: number; reason: RetailerQuota['reason'] } {
  const frozen = JSON.parse(plan.result_json!) as FrozenResult;
  const draft = draftOfRow(plan, []);
  const own = exceptions.filter((e) => e.plan_id === plan.id);
  const override = own.find((e) => e.kind === 'override');
  if (override) return { quota: override.quota ?? 0, reason: null };
  const planCell = planCellOf(retailer, draft.method, draft.dimensions);
  const key = engineCellOf(planCell, now, draft.classMultipliers);
  const cell =
    frozen.cells.find((c) => c.key === key) ?? frozen.cells.find((c) => c.planCell === planCell);
  const extra = own.find((e) => e.kind === 'extra')?.quota ?? 0;
  const quota = (cell?.quotas[retailer.grade - 1] ?? 0) + extra;
  if (quota === 0 && (frozen.profile[retailer.grade - 1] ?? 0) === 0)
    return { quota: 0, reason: 'below_min_grade' };
  return { quota, reason: null };
}

/**
 * The week's quota of every active brand-spec for one retailer, derived from the published plans
 * of its city (DESIGN §4: quotas are derived on the fly; only exceptions are stored). A zero quota
 * carries its reason. Returns null for an unknown retailer. Used by ordering.
 */
export async function quotasForRetailer(
  db: Kysely<any>,
  retailerId: string,
  week: string,
  deps: SupplyDeps = defaultDeps(db),
): Promise<RetailerQuota[] | null> {
  const [retailer] = await allocationAttributes(db, { ids: [retailerId] });
  if (!retailer) return null;
  const [published, products, eligibility] = await Promise.all([
    repo.findPublishedPlans(sdb(db), retailer.cityCode, week),
    productRepo.findAllProducts(sdb(db), true),
    deps.eligibility(db, [retailerId], deps.now()),
  ]);
  const { regular, replenish } = currentPlans(published);
  const planIds = published.map((p) => p.id);
  const exceptions = await repo.findRetailerExceptions(sdb(db), planIds, retailerId);
  const now = eligibility.get(retailerId);
  const blockedNow = now?.ordering === 'blocked';

  return products.map((product) => {
    const base = {
      productCode: product.code,
      name: product.name,
      priceFen: product.wholesale_price_fen,
    };
    const plan = regular.get(product.code);
    if (!plan) return { ...base, quota: 0, reason: 'no_plan' as const, planId: null };
    const own = exceptions.filter((e) => e.plan_id === plan.id);
    const answer = (quota: number, reason: RetailerQuota['reason'], planId = plan.id) => ({
      ...base,
      quota,
      reason: quota > 0 ? null : reason,
      planId,
    });
    if (retailer.status !== 'active') return answer(0, 'not_selected');
    if (plan.method === 'D' && !own.some((e) => e.kind === 'selected'))
      return answer(0, 'not_selected');
    const heldFor = own.find((e) => e.kind === 'blocked');
    if (heldFor) {
      // Left out at publication: its share waits for a 补投放 once its area reopens.
      const release = (replenish.get(product.code) ?? []).find(
        (r) => r.replenish_of === plan.id && r.area_key === heldFor.area_key,
      );
      if (!release || blockedNow) return answer(0, 'region_blocked');
      const q = quotaFromTable(release, retailer, now, exceptions);
      return answer(q.quota, q.reason ?? 'region_blocked', release.id);
    }
    if (blockedNow) return answer(0, 'region_blocked');
    const q = quotaFromTable(plan, retailer, now, exceptions);
    return answer(q.quota, q.reason);
  });
}

function retailerInScope(ctx: ServiceContext, r: AllocationAttributes): boolean {
  const scope = ctx.actor.scope;
  switch (scope.kind) {
    case 'province':
      return true;
    case 'city':
      return r.cityCode === scope.cityCode;
    case 'county':
      return r.countyCode === scope.countyCode;
    case 'retailer':
      return r.id === scope.retailerId;
  }
}

export async function retailerQuotas(
  ctx: ServiceContext,
  deps: SupplyDeps,
  retailerId: string,
  week: string,
) {
  const [retailer] = await allocationAttributes(ctx.db, { ids: [retailerId] });
  if (!retailer || !retailerInScope(ctx, retailer)) throw outOfScope(retailerEntity);
  const items = (await quotasForRetailer(ctx.db, retailerId, week, deps)) ?? [];
  return { retailerId, week, items };
}

export async function myQuotas(ctx: ServiceContext, deps: SupplyDeps, week: string) {
  if (!ctx.actor.retailerId) throw outOfScope(retailerEntity);
  return retailerQuotas(ctx, deps, ctx.actor.retailerId, week);
}

/**
 * The week's board for a city: every active brand-spec with its newest plan's status and figures
 * (frozen for published plans, derived live for drafts) and the supply available.
 */
export async function weekBoard(
  ctx: ServiceContext,
  deps: SupplyDeps,
  cityCode: string,
  week: string,
): Promise<Board> {
  requireCity(ctx, cityCode);
  const weekStart = mondayOfIsoWeek(week)!;
  const db = sdb(ctx.db);
  const [products, plans, positions] = await Promise.all([
    productRepo.findAllProducts(db, true),
    repo.findPlans(db, { cityCodes: [cityCode], week, kind: 'regular' }),
    repo.findPositions(db, week, logisticsCentreOf(cityCode)),
  ]);
  const latest = new Map<string, SupplyPlansTable>();
  for (const p of plans) {
    const seen = latest.get(p.product_code);
    if (!seen || seen.version < p.version) latest.set(p.product_code, p);
  }
  const available = new Map(
    positions.map((p) => [
      p.product_code,
      availableSupply({ stock: p.stock, inbound: p.inbound, safetyStock: p.safety_stock }),
    ]),
  );
  let city: Awaited<ReturnType<typeof loadCity>> | null = null;
  const rows: Board['rows'] = [];
  for (const product of products) {
    const plan = latest.get(product.code);
    const row: Board['rows'][number] = {
      productCode: product.code,
      productName: product.name,
      priceClass: product.price_class,
      planId: plan?.id ?? null,
      status: plan?.status ?? 'none',
      version: plan?.version ?? null,
      method: plan?.method ?? null,
      target: plan ? Number(plan.target) : null,
      allocated: null,
      reserved: null,
      idle: null,
      utilisation: null,
      available: available.get(product.code) ?? null,
    };
    let figures: Pick<FrozenResult, 'allocated' | 'reserved' | 'idle' | 'target'> | null = null;
    if (plan?.status === 'published' && plan.result_json) {
      figures = JSON.parse(plan.result_json) as FrozenResult;
    } else if (plan) {
      city ??= await loadCity(ctx.db, deps, cityCode, week);
      const selected = await repo.findPlanRetailers(db, [plan.id], ['selected', 'override']);
      try {
        figures = (await derivePlanDraft(ctx.db, deps, draftOfRow(plan, selected), city)).derived;
      } catch {
        // A draft that no longer derives (a retailer left the city, supply fell) shows no figures.
        figures = null;
      }
    }
    if (figures) {
      row.allocated = figures.allocated;
      row.reserved = figures.reserved;
      row.idle = figures.idle;
      row.utilisation = figures.target > 0 ? figures.allocated / figures.target : 0;
    }
    rows.push(row);
  }
  return { cityCode, week, weekStart, rows };
}
