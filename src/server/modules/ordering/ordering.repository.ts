import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import { insertAuditRows, type AuditLogTable } from '../../platform/audit';
import type {
  OrderingFiguresTable,
  OrderingIdempotencyTable,
  OrderingOrderLinesTable,
  OrderingOrdersTable,
  OrderingPoolsTable,
  OrderingTables,
  OrderingWindowRulesTable,
  OrderingWindowsTable,
} from './ordering.tables';

type Db = Kysely<OrderingTables>;

// SQLite allows 32,766 bound values per statement; lines have 6 columns.
const lineChunk = 2_000;
const orderChunk = 1_000;

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

/**
 * One group commit's writes: orders upserted (a replacement bumps the version), their lines
 * replaced, and the answers of the requests that carried an idempotency key.
 */
export interface OrderBatch {
  orders: Insertable<OrderingOrdersTable>[];
  /** The audit entries of the same changes, committed with them. */
  audit: AuditLogTable[];
  lines: Insertable<OrderingOrderLinesTable>[];
  idempotency: Insertable<OrderingIdempotencyTable>[];
}

const sqliteStatements = new WeakMap<SQLite.Database, ReturnType<typeof prepareSqlite>>();

function prepareSqlite(raw: SQLite.Database) {
  const upsertOrder = raw.prepare(
    `INSERT INTO ordering_orders (id, company_id, cycle_id, retailer_id, city_code, county_code,
       status, channel, version, total_quantity, total_fen, order_date, delivery_date, closes_at,
       submitted_at, updated_at, updated_by, confirmed_at)
     VALUES (@id, @company_id, @cycle_id, @retailer_id, @city_code, @county_code, @status,
       @channel, @version, @total_quantity, @total_fen, @order_date, @delivery_date, @closes_at,
       @submitted_at, @updated_at, @updated_by, @confirmed_at)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, channel = excluded.channel,
       version = excluded.version, total_quantity = excluded.total_quantity,
       total_fen = excluded.total_fen, order_date = excluded.order_date,
       delivery_date = excluded.delivery_date, closes_at = excluded.closes_at,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const deleteLines = raw.prepare('DELETE FROM ordering_order_lines WHERE order_id = ?');
  const insertLine = raw.prepare(
    `INSERT INTO ordering_order_lines (order_id, product_code, company_id, quantity, price_fen,
       confirmed_quantity) VALUES (@order_id, @product_code, @company_id, @quantity, @price_fen,
       @confirmed_quantity)`,
  );
  const insertAudit = raw.prepare(
    `INSERT INTO audit_log (id, at, company_id, actor_id, actor_role, action, entity_type,
       entity_id, before_json, after_json, request_id, ip) VALUES (@id, @at, @company_id,
       @actor_id, @actor_role, @action, @entity_type, @entity_id, @before_json, @after_json,
       @request_id, @ip)`,
  );
  const upsertKey = raw.prepare(
    `INSERT INTO ordering_idempotency (retailer_id, idem_key, company_id, city_code, request_hash,
       response_json, created_at) VALUES (@retailer_id, @idem_key, @company_id, @city_code,
       @request_hash, @response_json, @created_at)
     ON CONFLICT (retailer_id, idem_key) DO UPDATE SET request_hash = excluded.request_hash,
       response_json = excluded.response_json, created_at = excluded.created_at`,
  );
  const write = raw.transaction((batch: OrderBatch) => {
    for (const o of batch.orders) {
      upsertOrder.run({ updated_by: null, confirmed_at: null, ...o });
      deleteLines.run(o.id);
    }
    for (const l of batch.lines) insertLine.run({ confirmed_quantity: null, ...l });
    for (const a of batch.audit) insertAudit.run(a);
    for (const k of batch.idempotency) upsertKey.run(k);
  });
  return write;
}

/**
 * The same writes as `writeOrderBatch`, on SQLite through cached prepared statements in one
 * transaction: compiling and preparing a thousand-row INSERT per commit cost more than the
 * commit itself. Call with Kysely's connection held (see `sqliteOf`).
 */
export function writeOrderBatchSqlite(raw: SQLite.Database, batch: OrderBatch): void {
  let write = sqliteStatements.get(raw);
  if (!write) {
    write = prepareSqlite(raw);
    sqliteStatements.set(raw, write);
  }
  write(batch);
}

export async function writeOrderBatch(trx: Db, batch: OrderBatch): Promise<void> {
  for (let i = 0; i < batch.orders.length; i += orderChunk) {
    const chunk = batch.orders.slice(i, i + orderChunk);
    await trx
      .insertInto('ordering_orders')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          channel: eb.ref('excluded.channel'),
          version: eb.ref('excluded.version'),
          total_quantity: eb.ref('excluded.total_quantity'),
          total_fen: eb.ref('excluded.total_fen'),
          order_date: eb.ref('excluded.order_date'),
          delivery_date: eb.ref('excluded.delivery_date'),
          closes_at: eb.ref('excluded.closes_at'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .execute();
    await trx
      .deleteFrom('ordering_order_lines')
      .where(
        'order_id',
        'in',
        chunk.map((o) => o.id),
      )
      .execute();
  }
  for (let i = 0; i < batch.lines.length; i += lineChunk) {
    await trx
      .insertInto('ordering_order_lines')
      .values(batch.lines.slice(i, i + lineChunk))
      .execute();
  }
  await insertAuditRows(trx, batch.audit);
  for (let i = 0; i < batch.idempotency.length; i += orderChunk) {
    // A key older than the days the ledger remembers may come back: the newest answer wins.
    await trx
      .insertInto('ordering_idempotency')
      .values(batch.idempotency.slice(i, i + orderChunk))
      .onConflict((oc) =>
        oc.columns(['retailer_id', 'idem_key']).doUpdateSet((eb) => ({
          request_hash: eb.ref('excluded.request_hash'),
          response_json: eb.ref('excluded.response_json'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute();
  }
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
