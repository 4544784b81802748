import type { Insertable, Kysely } from 'kysely';
import type {
  OrderingFiguresTable,
  OrderingPoolsTable,
  OrderingTables,
  OrderingWindowRulesTable,
  OrderingWindowsTable,
} from './ordering.tables';

type Db = Kysely<OrderingTables>;

export async function findCycleOrders(db: Db, cycleId: string, cityCode: string) {
  const orders = await db
    .selectFrom('ordering_orders')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('city_code', '=', cityCode)
    .execute();
  const lines = await db
    .selectFrom('ordering_order_lines as l')
    .innerJoin('ordering_orders as o', 'o.id', 'l.order_id')
    .selectAll('l')
    .where('o.cycle_id', '=', cycleId)
    .where('o.city_code', '=', cityCode)
    .execute();
  return { orders, lines };
}

export async function findRecentIdempotency(db: Db, cityCode: string, since: string) {
  return db
    .selectFrom('ordering_idempotency')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('created_at', '>=', since)
    .execute();
}

export async function findOrderHistory(
  db: Db,
  retailerId: string,
  page: { offset: number; limit: number },
) {
  const [orders, count] = await Promise.all([
    db
      .selectFrom('ordering_orders')
      .selectAll()
      .where('retailer_id', '=', retailerId)
      .orderBy('cycle_id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    db
      .selectFrom('ordering_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', retailerId)
      .executeTakeFirstOrThrow(),
  ]);
  const lines =
    orders.length === 0
      ? []
      : await db
          .selectFrom('ordering_order_lines')
          .selectAll()
          .where(
            'order_id',
            'in',
            orders.map((o) => o.id),
          )
          .execute();
  return { orders, lines, total: Number(count.n) };
}

export async function findExtraWindows(
  db: Db,
  filter: { cycleId?: string; companyIds?: string[] },
) {
  let q = db.selectFrom('ordering_windows').selectAll();
  if (filter.cycleId) q = q.where('cycle_id', '=', filter.cycleId);
  if (filter.companyIds) {
    if (filter.companyIds.length === 0) return [];
    q = q.where('company_id', 'in', filter.companyIds);
  }
  return q.orderBy('opens_at', 'desc').execute();
}

export async function insertExtraWindow(db: Db, row: Insertable<OrderingWindowsTable>) {
  await db.insertInto('ordering_windows').values(row).execute();
}

export async function findWindowRules(db: Db) {
  return db.selectFrom('ordering_window_rules').selectAll().execute();
}

export async function findWindowRule(db: Db, countyCode: string) {
  return db
    .selectFrom('ordering_window_rules')
    .selectAll()
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
}

export async function upsertWindowRule(db: Db, row: Insertable<OrderingWindowRulesTable>) {
  await db
    .insertInto('ordering_window_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('county_code').doUpdateSet({
        rule_json: row.rule_json,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findPools(db: Db, cycleId: string, cityCode: string) {
  return db
    .selectFrom('ordering_pools')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('city_code', '=', cityCode)
    .execute();
}

export async function upsertPool(db: Db, row: Insertable<OrderingPoolsTable>) {
  await db
    .insertInto('ordering_pools')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['cycle_id', 'city_code', 'product_code']).doUpdateSet({
        total: row.total,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** The city-cycles holding submitted orders whose window has closed by `at`. */
export async function findCyclesToClose(db: Db, at: string) {
  return db
    .selectFrom('ordering_orders')
    .select(['cycle_id', 'city_code'])
    .where('status', '=', 'submitted')
    .where('closes_at', '<=', at)
    .groupBy(['cycle_id', 'city_code'])
    .execute();
}

export interface Confirmation {
  orderId: string;
  confirmedAt: string;
  lines: { productCode: string; confirmedQuantity: number }[];
}

export async function writeConfirmations(trx: Db, confirmations: readonly Confirmation[]) {
  for (const c of confirmations) {
    await trx
      .updateTable('ordering_orders')
      .set({ status: 'confirmed', confirmed_at: c.confirmedAt })
      .where('id', '=', c.orderId)
      .where('status', '=', 'submitted')
      .execute();
    for (const line of c.lines) {
      await trx
        .updateTable('ordering_order_lines')
        .set({ confirmed_quantity: line.confirmedQuantity })
        .where('order_id', '=', c.orderId)
        .where('product_code', '=', line.productCode)
        .execute();
    }
  }
}

export async function upsertFigures(trx: Db, rows: readonly Insertable<OrderingFiguresTable>[]) {
  for (const row of rows) {
    await trx
      .insertInto('ordering_figures')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['cycle_id', 'county_code']).doUpdateSet({
          active_retailers: row.active_retailers,
          ordered_retailers: row.ordered_retailers,
          requested_quantity: row.requested_quantity,
          confirmed_quantity: row.confirmed_quantity,
          amount_fen: row.amount_fen,
          recorded_at: row.recorded_at,
        }),
      )
      .execute();
  }
}

export async function findFigures(db: Db, cycleId: string, countyCodes: readonly string[]) {
  if (countyCodes.length === 0) return [];
  return db
    .selectFrom('ordering_figures')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('county_code', 'in', [...countyCodes])
    .execute();
}
