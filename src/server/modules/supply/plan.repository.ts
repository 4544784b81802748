import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  PlanRetailerKind,
  SupplyPlanRetailersTable,
  SupplyPlansTable,
  SupplyPositionsTable,
  SupplyTables,
} from './supply.tables';

export interface PlanFilter {
  cityCodes: readonly string[] | null;
  week?: string | undefined;
  weeks?: readonly string[] | undefined;
  productCode?: string | undefined;
  status?: 'draft' | 'published' | undefined;
  kind?: 'regular' | 'replenish' | undefined;
}

export async function findPlans(db: Kysely<SupplyTables>, f: PlanFilter) {
  let q = db.selectFrom('supply_plans').selectAll();
  if (f.cityCodes) {
    if (f.cityCodes.length === 0) return [];
    q = q.where('city_code', 'in', [...f.cityCodes]);
  }
  if (f.week) q = q.where('week', '=', f.week);
  if (f.weeks) {
    if (f.weeks.length === 0) return [];
    q = q.where('week', 'in', [...f.weeks]);
  }
  if (f.productCode) q = q.where('product_code', '=', f.productCode);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return q
    .orderBy('week', 'desc')
    .orderBy('city_code')
    .orderBy('product_code')
    .orderBy('version', 'desc')
    .limit(5000)
    .execute();
}

export async function findPlan(db: Kysely<SupplyTables>, id: string) {
  return db.selectFrom('supply_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version of one plan line (city, week, spec, kind, area), newest first. */
export async function findPlanLine(
  db: Kysely<SupplyTables>,
  line: Pick<SupplyPlansTable, 'city_code' | 'week' | 'product_code' | 'kind' | 'area_key'>,
) {
  return db
    .selectFrom('supply_plans')
    .selectAll()
    .where('city_code', '=', line.city_code)
    .where('week', '=', line.week)
    .where('product_code', '=', line.product_code)
    .where('kind', '=', line.kind)
    .where('area_key', '=', line.area_key)
    .orderBy('version', 'desc')
    .execute();
}

/** Published plans of a city and week (every kind and version), for quotas and the board. */
export async function findPublishedPlans(db: Kysely<SupplyTables>, cityCode: string, week: string) {
  return db
    .selectFrom('supply_plans')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('week', '=', week)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPlan(db: Kysely<SupplyTables>, row: Insertable<SupplyPlansTable>) {
  await db.insertInto('supply_plans').values(row).execute();
}

/** Updates a draft; returns false if it is no longer a draft (published meanwhile). */
export async function updateDraft(
  db: Kysely<SupplyTables>,
  id: string,
  changes: Updateable<SupplyPlansTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('supply_plans')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePlanRetailers(
  db: Kysely<SupplyTables>,
  planId: string,
  kinds: readonly PlanRetailerKind[],
) {
  await db
    .deleteFrom('supply_plan_retailers')
    .where('plan_id', '=', planId)
    .where('kind', 'in', [...kinds])
    .execute();
}

export async function insertPlanRetailers(
  db: Kysely<SupplyTables>,
  rows: Insertable<SupplyPlanRetailersTable>[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('supply_plan_retailers')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function findPlanRetailers(
  db: Kysely<SupplyTables>,
  planIds: readonly string[],
  kinds?: readonly PlanRetailerKind[],
) {
  if (planIds.length === 0) return [];
  let q = db
    .selectFrom('supply_plan_retailers')
    .selectAll()
    .where('plan_id', 'in', [...planIds]);
  if (kinds) q = q.where('kind', 'in', [...kinds]);
  return q.execute();
}

/** One retailer's exception rows in the given plans. */
export async function findRetailerExceptions(
  db: Kysely<SupplyTables>,
  planIds: readonly string[],
  retailerId: string,
) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('supply_plan_retailers')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .where('retailer_id', '=', retailerId)
    .execute();
}

export async function findPositions(db: Kysely<SupplyTables>, week: string, logisticsCode: string) {
  return db
    .selectFrom('supply_positions')
    .selectAll()
    .where('week', '=', week)
    .where('logistics_code', '=', logisticsCode)
    .orderBy('product_code')
    .execute();
}

export async function upsertPositions(
  db: Kysely<SupplyTables>,
  rows: Insertable<SupplyPositionsTable>[],
) {
  for (const row of rows) {
    await db
      .deleteFrom('supply_positions')
      .where('week', '=', row.week)
      .where('logistics_code', '=', row.logistics_code)
      .where('product_code', '=', row.product_code)
      .execute();
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('supply_positions')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** The newest published regular plan of one line (last week's figures beside a preview). */
export async function findLatestPublished(
  db: Kysely<SupplyTables>,
  line: { cityCode: string; week: string; productCode: string },
) {
  return db
    .selectFrom('supply_plans')
    .select(['id', 'result_json'])
    .where('city_code', '=', line.cityCode)
    .where('week', '=', line.week)
    .where('product_code', '=', line.productCode)
    .where('kind', '=', 'regular')
    .where('area_key', '=', '')
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
