import type { Kysely } from 'kysely';
import type { Board, RetailerQuota } from '../../../contracts/supply';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import { allocationAttributes, type AllocationAttributes } from '../retail';
import { requireCity, retailerEntity, sdb, type SupplyDeps } from './plan.context';
import * as repo from './plan.repository';
import { availableSupply, logisticsCentreOf } from './plan.rules';
import { draftOfRow, type FrozenResult } from './plan.mapping';
import { derive, loadCity } from './plan.workspace';
import * as productRepo from './supply.repository';
import type { SupplyPlansTable } from './supply.tables';
import { mondayOfIsoWeek } from './week.rules';
import { loadQuotaBook } from './quota.book';

/**
 * The week's quota of every active brand-spec for one retailer, derived from the published plans
 * of its city (docs/architecture.md#supply-release: quotas are derived on the fly; only exceptions are stored). A zero quota
 * carries its reason. Returns null for an unknown retailer. Ordering keeps a `QuotaBook` per city
 * instead of calling this per order; both give the same answers.
 */
export async function quotasForRetailer(
  db: Kysely<any>,
  retailerId: string,
  week: string,
  deps: Pick<SupplyDeps, 'eligibility' | 'now'>,
): Promise<RetailerQuota[] | null> {
  const [retailer] = await allocationAttributes(db, { ids: [retailerId] });
  if (!retailer) return null;
  const [book, eligibility] = await Promise.all([
    loadQuotaBook(db, retailer.cityCode, week),
    deps.eligibility(db, [retailerId], deps.now()),
  ]);
  return book.quotasOf(retailer, eligibility.get(retailerId));
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
        figures = (await derive(ctx.db, deps, draftOfRow(plan, selected), city)).derived;
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
