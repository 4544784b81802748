import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { OrderChannel, OrderStatus } from '../../../contracts/ordering';

/**
 * One group commit's writes, as positional rows: orders upserted (a replacement bumps the
 * version), their lines replaced, the audit entries of the same changes, and the answers of the
 * requests that carried an idempotency key. Positional rows because a batch crosses to the SQLite
 * writer thread as JSON and goes to PostgreSQL as one array per column: neither needs the keys,
 * and on ordering day writing them was a visible share of each order's cost.
 */
export interface OrderBatch {
  orders: OrderRow[];
  lines: LineRow[];
  audit: AuditRow[];
  keys: KeyRow[];
}

export const orderColumns = [
  ['id', 'text'],
  ['company_id', 'text'],
  ['cycle_id', 'text'],
  ['retailer_id', 'text'],
  ['city_code', 'text'],
  ['county_code', 'text'],
  ['status', 'text'],
  ['channel', 'text'],
  ['version', 'int'],
  ['total_quantity', 'int'],
  ['total_fen', 'bigint'],
  ['order_date', 'text'],
  ['delivery_date', 'text'],
  ['closes_at', 'text'],
  ['submitted_at', 'text'],
  ['updated_at', 'text'],
  ['updated_by', 'text'],
] as const;
export type OrderRow = [
  id: string,
  companyId: string,
  cycleId: string,
  retailerId: string,
  cityCode: string,
  countyCode: string,
  status: OrderStatus,
  channel: OrderChannel,
  version: number,
  totalQuantity: number,
  totalFen: number,
  orderDate: string,
  deliveryDate: string,
  closesAt: string,
  submittedAt: string,
  updatedAt: string,
  updatedBy: string | null,
];
const orderVersion = 8;

export const lineColumns = [
  ['order_id', 'text'],
  ['product_code', 'text'],
  ['company_id', 'text'],
  ['quantity', 'int'],
  ['price_fen', 'int'],
] as const;
export type LineRow = [
  orderId: string,
  productCode: string,
  companyId: string,
  quantity: number,
  priceFen: number,
];

export const auditColumns = [
  ['id', 'text'],
  ['at', 'text'],
  ['company_id', 'text'],
  ['actor_id', 'text'],
  ['actor_role', 'text'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['before_json', 'text'],
  ['after_json', 'text'],
  ['request_id', 'text'],
  ['ip', 'text'],
] as const;
/** `audit_log` (platform/audit.ts) in column order. */
export type AuditRow = [
  id: string,
  at: string,
  companyId: string,
  actorId: string | null,
  actorRole: string | null,
  action: string,
  entityType: string,
  entityId: string | null,
  beforeJson: string | null,
  afterJson: string | null,
  requestId: string | null,
  ip: string | null,
];

export const keyColumns = [
  ['retailer_id', 'text'],
  ['idem_key', 'text'],
  ['company_id', 'text'],
  ['city_code', 'text'],
  ['request_hash', 'text'],
  ['response_json', 'text'],
  ['created_at', 'text'],
] as const;
export type KeyRow = [
  retailerId: string,
  idemKey: string,
  companyId: string,
  cityCode: string,
  requestHash: string,
  responseJson: string,
  createdAt: string,
];

type Columns = readonly (readonly [string, string])[];

const names = (columns: Columns) => columns.map(([name]) => name).join(', ');

/** Columns a replacement order overwrites (never the retailer, cycle or first submission). */
const orderUpdates = [
  'status',
  'channel',
  'version',
  'total_quantity',
  'total_fen',
  'order_date',
  'delivery_date',
  'closes_at',
  'updated_at',
  'updated_by',
];
const keyUpdates = ['request_hash', 'response_json', 'created_at'];
const excluded = (columns: readonly string[]) =>
  columns.map((c) => `${c} = excluded.${c}`).join(', ');

/** The order ids whose earlier lines a batch replaces (a first version has none to delete). */
function replacedOrderIds(batch: OrderBatch): string[] {
  const ids: string[] = [];
  for (const o of batch.orders) if (o[orderVersion] > 1) ids.push(o[0]);
  return ids;
}

// ------------------------------------------------------------------------------------- SQLite

function sqliteInsert(table: string, columns: Columns, conflict = ''): string {
  return `INSERT INTO ${table} (${names(columns)}) VALUES (${columns.map(() => '?').join(', ')})${conflict}`;
}

function prepareSqlite(raw: SQLite.Database) {
  const upsertOrder = raw.prepare(
    sqliteInsert(
      'ordering_orders',
      orderColumns,
      ` ON CONFLICT (id) DO UPDATE SET ${excluded(orderUpdates)}`,
    ),
  );
  const deleteLines = raw.prepare('DELETE FROM ordering_order_lines WHERE order_id = ?');
  const insertLine = raw.prepare(sqliteInsert('ordering_order_lines', lineColumns));
  const insertAudit = raw.prepare(sqliteInsert('audit_log', auditColumns));
  const upsertKey = raw.prepare(
    sqliteInsert(
      'ordering_idempotency',
      keyColumns,
      ` ON CONFLICT (retailer_id, idem_key) DO UPDATE SET ${excluded(keyUpdates)}`,
    ),
  );
  return raw.transaction((batch: OrderBatch) => {
    for (const id of replacedOrderIds(batch)) deleteLines.run(id);
    for (const o of batch.orders) upsertOrder.run(o);
    for (const l of batch.lines) insertLine.run(l);
    for (const a of batch.audit) insertAudit.run(a);
    for (const k of batch.keys) upsertKey.run(k);
  });
}

const sqliteStatements = new WeakMap<SQLite.Database, ReturnType<typeof prepareSqlite>>();

/**
 * A batch on SQLite, through cached prepared statements in one transaction: compiling and
 * preparing a thousand-row INSERT per commit cost more than the commit itself. Call it in the
 * writer thread, or with Kysely's connection held (see `sqliteOf`).
 */
export function writeOrderBatchSqlite(raw: SQLite.Database, batch: OrderBatch): void {
  let write = sqliteStatements.get(raw);
  if (!write) {
    write = prepareSqlite(raw);
    sqliteStatements.set(raw, write);
  }
  write(batch);
}

// --------------------------------------------------------------------------------- PostgreSQL

/**
 * One statement per table whatever the batch size: each column travels as one array parameter
 * and `unnest` turns them back into rows. The text never changes, so the query builder compiles
 * nothing per commit and PostgreSQL plans five shapes.
 */
function pgInsert(table: string, columns: Columns, conflict = ''): string {
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  return `INSERT INTO ${table} (${names(columns)}) SELECT * FROM unnest(${arrays})${conflict}`;
}

const pgStatements = {
  orders: pgInsert(
    'ordering_orders',
    orderColumns,
    ` ON CONFLICT (id) DO UPDATE SET ${excluded(orderUpdates)}`,
  ),
  deleteLines: 'DELETE FROM ordering_order_lines WHERE order_id = ANY($1::text[])',
  lines: pgInsert('ordering_order_lines', lineColumns),
  audit: pgInsert('audit_log', auditColumns),
  keys: pgInsert(
    'ordering_idempotency',
    keyColumns,
    ` ON CONFLICT (retailer_id, idem_key) DO UPDATE SET ${excluded(keyUpdates)}`,
  ),
};

/** Rows to one array per column. */
function columnsOf(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const out = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) out[c]![r] = row[c];
  }
  return out;
}

/** A batch on PostgreSQL; run it inside a transaction (`trx`). */
export async function writeOrderBatchPg(trx: Kysely<any>, batch: OrderBatch): Promise<void> {
  const run = (text: string, values: unknown[]) =>
    trx.executeQuery(CompiledQuery.raw(text, values));
  const replaced = replacedOrderIds(batch);
  if (replaced.length > 0) await run(pgStatements.deleteLines, [replaced]);
  if (batch.orders.length > 0) {
    await run(pgStatements.orders, columnsOf(batch.orders, orderColumns.length));
  }
  if (batch.lines.length > 0) {
    await run(pgStatements.lines, columnsOf(batch.lines, lineColumns.length));
  }
  if (batch.audit.length > 0) {
    await run(pgStatements.audit, columnsOf(batch.audit, auditColumns.length));
  }
  if (batch.keys.length > 0) {
    await run(pgStatements.keys, columnsOf(batch.keys, keyColumns.length));
  }
}
