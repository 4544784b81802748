import type { Kysely } from 'kysely';
import type { RetailerQuota } from '../../../contracts/supply';
import type { AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { sdb } from './plan.context';
import { customerWeight, engineCellOf, planCellOf } from './plan.derive';
import * as repo from './plan.repository';
import { publishedPlanFingerprint } from './quota.repository';
import { availableSupply, logisticsCentreOf } from './plan.rules';
import { draftOfRow, type FrozenResult } from './plan.mapping';
import * as productRepo from './supply.repository';
import type { ProductsTable, SupplyPlanRetailersTable, SupplyPlansTable } from './supply.tables';

/** A published plan read once: its frozen table indexed for lookups by cell. */
interface BookPlan {
  row: SupplyPlansTable;
  method: SupplyPlansTable['method'];
  dimensions: ReturnType<typeof draftOfRow>['dimensions'];
  classMultipliers: Readonly<Record<string, number>>;
  /** 两周一访上浮: a biweekly-visited customer counts this many times and gets as many quotas. */
  biweeklyWeight: number;
  profile: readonly number[];
  byKey: Map<string, readonly number[]>;
  byPlanCell: Map<string, readonly number[]>;
  /** Exception rows of this plan by retailer. */
  exceptions: Map<string, SupplyPlanRetailersTable[]>;
}

/**
 * The week's published quotas of one city, read once and answered from memory: ordering asks for
 * a retailer's quotas on every order, tens of thousands of times on ordering day, and each answer
 * would otherwise parse every plan's frozen table again. The answers are exactly
 * `quotasForRetailer`'s (which is built on this book).
 */
export interface QuotaBook {
  readonly cityCode: string;
  readonly week: string;
  /** Active brand-specs in catalogue order. */
  readonly products: readonly ProductsTable[];
  /** Changes when a plan of the city and week is published (see `quotaBookSignature`). */
  readonly signature: string;
  /** Method-E (按需) plans in force: their target is a total-control pool, first come first served. */
  readonly poolTargets: ReadonlyMap<string, number>;
  /**
   * A retailer's quota of every active brand-spec; with `plannedOnly`, only of the specs a plan
   * releases this week (the others are all `no_plan`).
   */
  quotasOf(
    retailer: AllocationAttributes,
    now: RetailerEligibility | undefined,
    options?: { plannedOnly?: boolean },
  ): RetailerQuota[];
}

/** The newest published version of each plan line. */
function currentPlans(rows: readonly SupplyPlansTable[]) {
  const regular = new Map<string, SupplyPlansTable>();
  const latestReplenish = new Map<string, SupplyPlansTable>();
  for (const row of rows) {
    if (row.kind === 'regular') {
      const seen = regular.get(row.product_code);
      if (!seen || seen.version < row.version) regular.set(row.product_code, row);
    } else {
      const line = `${row.product_code}|${row.area_key}`;
      const seen = latestReplenish.get(line);
      if (!seen || seen.version < row.version) latestReplenish.set(line, row);
    }
  }
  const replenish = new Map<string, SupplyPlansTable[]>();
  for (const row of latestReplenish.values()) {
    const list = replenish.get(row.product_code) ?? [];
    list.push(row);
    replenish.set(row.product_code, list);
  }
  return { regular, replenish };
}

function bookPlan(
  row: SupplyPlansTable,
  exceptions: readonly SupplyPlanRetailersTable[],
): BookPlan {
  const frozen = JSON.parse(row.result_json!) as FrozenResult;
  const draft = draftOfRow(row, []);
  const byKey = new Map<string, readonly number[]>();
  const byPlanCell = new Map<string, readonly number[]>();
  for (const cell of frozen.cells) {
    byKey.set(cell.key, cell.quotas);
    if (!byPlanCell.has(cell.planCell)) byPlanCell.set(cell.planCell, cell.quotas);
  }
  const own = new Map<string, SupplyPlanRetailersTable[]>();
  for (const e of exceptions) {
    const list = own.get(e.retailer_id) ?? [];
    list.push(e);
    own.set(e.retailer_id, list);
  }
  return {
    row,
    method: row.method,
    dimensions: draft.dimensions,
    classMultipliers: draft.classMultipliers,
    biweeklyWeight: draft.biweeklyWeight,
    profile: frozen.profile,
    byKey,
    byPlanCell,
    exceptions: own,
  };
}

/** A retailer's quota from a published plan's frozen table and its exception rows. */
function quotaFromTable(
  plan: BookPlan,
  retailer: AllocationAttributes,
  now: RetailerEligibility | undefined,
): { quota: number; reason: RetailerQuota['reason'] } {
  const own = plan.exceptions.get(retailer.id) ?? [];
  const override = own.find((e) => e.kind === 'override');
  if (override) return { quota: override.quota ?? 0, reason: null };
  const planCell = planCellOf(retailer, plan.method, plan.dimensions);
  const key = engineCellOf(planCell, now, plan.classMultipliers);
  const quotas = plan.byKey.get(key) ?? plan.byPlanCell.get(planCell);
  const extra = own.find((e) => e.kind === 'extra')?.quota ?? 0;
  const weight = customerWeight(retailer, { biweeklyWeight: plan.biweeklyWeight });
  const quota = (quotas?.[retailer.grade - 1] ?? 0) * weight + extra;
  if (quota === 0 && (plan.profile[retailer.grade - 1] ?? 0) === 0)
    return { quota: 0, reason: 'below_min_grade' };
  return { quota, reason: null };
}

/** A cheap fingerprint of a city-week's published plans: changes when one is published. */
export async function quotaBookSignature(
  db: Kysely<any>,
  cityCode: string,
  week: string,
): Promise<string> {
  const row = await publishedPlanFingerprint(sdb(db), cityCode, week);
  return `${row.count}|${row.latest ?? ''}`;
}

/** Reads the published plans of a city and week, with their exception rows, into a book. */
export async function loadQuotaBook(
  db: Kysely<any>,
  cityCode: string,
  week: string,
): Promise<QuotaBook> {
  const [published, products, signature] = await Promise.all([
    repo.findPublishedPlans(sdb(db), cityCode, week),
    productRepo.findAllProducts(sdb(db), true),
    quotaBookSignature(db, cityCode, week),
  ]);
  const { regular, replenish } = currentPlans(published);
  const inForce = [...regular.values(), ...[...replenish.values()].flat()];
  const exceptions = await repo.findPlanRetailers(
    sdb(db),
    inForce.map((p) => p.id),
  );
  const exceptionsOf = new Map<string, SupplyPlanRetailersTable[]>();
  for (const e of exceptions) {
    const list = exceptionsOf.get(e.plan_id) ?? [];
    list.push(e);
    exceptionsOf.set(e.plan_id, list);
  }
  const plans = new Map<string, BookPlan>();
  for (const row of inForce) plans.set(row.id, bookPlan(row, exceptionsOf.get(row.id) ?? []));
  const poolTargets = new Map<string, number>();
  for (const row of regular.values()) {
    if (row.method === 'E') poolTargets.set(row.product_code, Number(row.target));
  }

  const planned = products.filter((p) => regular.has(p.code));
  const quotasOf = (
    retailer: AllocationAttributes,
    now: RetailerEligibility | undefined,
    options: { plannedOnly?: boolean } = {},
  ): RetailerQuota[] => {
    const blockedNow = now?.ordering === 'blocked';
    return (options.plannedOnly ? planned : products).map((product) => {
      const base = {
        productCode: product.code,
        name: product.name,
        priceFen: product.wholesale_price_fen,
      };
      const row = regular.get(product.code);
      if (!row) return { ...base, quota: 0, reason: 'no_plan' as const, planId: null };
      const plan = plans.get(row.id)!;
      const own = plan.exceptions.get(retailer.id) ?? [];
      const answer = (quota: number, reason: RetailerQuota['reason'], planId = row.id) => ({
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
          (r) => r.replenish_of === row.id && r.area_key === heldFor.area_key,
        );
        if (!release || blockedNow) return answer(0, 'region_blocked');
        const q = quotaFromTable(plans.get(release.id)!, retailer, now);
        return answer(q.quota, q.reason ?? 'region_blocked', release.id);
      }
      if (blockedNow) return answer(0, 'region_blocked');
      const q = quotaFromTable(plan, retailer, now);
      return answer(q.quota, q.reason);
    });
  };

  return { cityCode, week, products, signature, poolTargets, quotasOf };
}

/**
 * Supply available to promise at a city's logistics centre for a week, per brand-spec (stock +
 * inbound − safety stock); specs without a position are absent (not tracked).
 */
export async function availableSupplyOf(
  db: Kysely<any>,
  cityCode: string,
  week: string,
): Promise<Map<string, number>> {
  const positions = await repo.findPositions(sdb(db), week, logisticsCentreOf(cityCode));
  return new Map(
    positions.map((p) => [
      p.product_code,
      availableSupply({ stock: p.stock, inbound: p.inbound, safetyStock: p.safety_stock }),
    ]),
  );
}
