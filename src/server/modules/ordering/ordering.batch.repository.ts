import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { OrderChannel, OrderStatus } from '../../../contracts/ordering';
import type { AuditLogTable } from '../../platform/audit';
import { pgPoolOf } from '../../platform/db/database';
import type { LedgerOrder } from './ordering.ledger';

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

/** The batches of one group commit as one. */
export function mergeBatches(batches: readonly OrderBatch[]): OrderBatch {
  if (batches.length === 1) return batches[0]!;
  const merged: OrderBatch = { orders: [], lines: [], audit: [], keys: [] };
  for (const b of batches) {
    for (const o of b.orders) merged.orders.push(o);
    for (const l of b.lines) merged.lines.push(l);
    for (const a of b.audit) merged.audit.push(a);
    for (const k of b.keys) merged.keys.push(k);
  }
  return merged;
}

type Columns = readonly (readonly [string, string])[];

/** An audit entry (platform/audit.ts) as a batch row, in `auditColumns` order. */
export function auditRowOf(entry: AuditLogTable): AuditRow {
  return auditColumns.map(([name]) => entry[name]) as AuditRow;
}

/**
 * One order's change as a batch: its row, its lines, its audit entry and, for a request with an
 * idempotency key, the answer to give a retry.
 */
export function orderBatchOf(change: {
  order: LedgerOrder;
  cycleId: string;
  cityCode: string;
  totals: { quantity: number; fen: number };
  audit: AuditLogTable;
  keyed: { key: string; hash: string; body: string } | null;
}): OrderBatch {
  const { order, cycleId, cityCode, totals, keyed } = change;
  return {
    orders: [
      [
        order.id,
        order.companyId,
        cycleId,
        order.retailerId,
        cityCode,
        order.countyCode,
        order.status,
        order.channel,
        order.version,
        totals.quantity,
        totals.fen,
        order.orderDate,
        order.deliveryDate,
        order.closesAt,
        order.submittedAt,
        order.updatedAt,
        order.updatedBy,
      ],
    ],
    lines: order.lines.map((l): LineRow => [
      order.id,
      l.productCode,
      order.companyId,
      l.quantity,
      l.priceFen,
    ]),
    audit: [auditRowOf(change.audit)],
    keys: keyed
      ? [
          [
            order.retailerId,
            keyed.key,
            order.companyId,
            cityCode,
            keyed.hash,
            keyed.body,
            // Real time, not the business clock: it decides how long the key is remembered.
            new Date().toISOString(),
          ],
        ]
      : [],
  };
}

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

/**
 * A batch writer on SQLite: cached prepared statements in one transaction (compiling and preparing
 * a thousand-row INSERT per commit cost more than the commit itself). Whoever owns the connection
 * keeps the writer — the writer thread, or the ordering state of an in-memory database — so no
 * statement outlives its connection. Call it in the writer thread, or with Kysely's connection
 * held (see `sqliteOf`).
 */
export function prepareOrderBatchSqlite(raw: SQLite.Database): (batch: OrderBatch) => void {
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

// --------------------------------------------------------------------------------- PostgreSQL

/** `(r->>0)::text, (r->>1)::int, …`: a JSON array's elements as the table's columns. */
const fromJson = (columns: Columns, row = 'r') =>
  columns.map(([, type], i) => `(${row}->>${i})::${type}`).join(', ');

/**
 * The whole batch in one statement, so one round trip commits it (a single statement is its own
 * transaction): each table's rows travel as one JSON parameter, which `JSON.stringify` writes
 * natively where pg's array literals were escaped element by element in JavaScript. A replaced
 * order's lines are upserted and the lines it dropped deleted — disjoint rows, because the parts
 * of one statement do not see each other's changes.
 */
const pgBatchStatement = `
WITH new_lines AS MATERIALIZED (
  SELECT r->>0 AS order_id, r->>1 AS product_code FROM jsonb_array_elements($2::jsonb) AS r
),
replaced AS MATERIALIZED (
  SELECT r->>0 AS id FROM jsonb_array_elements($1::jsonb) AS r WHERE (r->>${orderVersion})::int > 1
),
upserted_orders AS (
  INSERT INTO ordering_orders (${names(orderColumns)})
  SELECT ${fromJson(orderColumns)} FROM jsonb_array_elements($1::jsonb) AS r
  ON CONFLICT (id) DO UPDATE SET ${excluded(orderUpdates)}
),
dropped_lines AS (
  DELETE FROM ordering_order_lines AS x
  WHERE x.order_id IN (SELECT id FROM replaced)
    AND NOT EXISTS (
      SELECT 1 FROM new_lines AS n WHERE n.order_id = x.order_id AND n.product_code = x.product_code
    )
),
upserted_lines AS (
  INSERT INTO ordering_order_lines (${names(lineColumns)})
  SELECT ${fromJson(lineColumns)} FROM jsonb_array_elements($2::jsonb) AS r
  ON CONFLICT (order_id, product_code) DO UPDATE SET ${excluded(['company_id', 'quantity', 'price_fen', 'confirmed_quantity'])}
),
audited AS (
  INSERT INTO audit_log (${names(auditColumns)})
  SELECT ${fromJson(auditColumns)} FROM jsonb_array_elements($3::jsonb) AS r
),
keyed AS (
  INSERT INTO ordering_idempotency (${names(keyColumns)})
  SELECT ${fromJson(keyColumns)} FROM jsonb_array_elements($4::jsonb) AS r
  ON CONFLICT (retailer_id, idem_key) DO UPDATE SET ${excluded(keyUpdates)}
)
SELECT 1 AS written`;

/**
 * A batch on PostgreSQL, committed by the one statement (no transaction needed around it). The
 * statement is named, so each connection parses and plans it once rather than per commit.
 */
export async function writeOrderBatchPg(db: Kysely<any>, batch: OrderBatch): Promise<void> {
  const values = [
    JSON.stringify(batch.orders),
    JSON.stringify(batch.lines),
    JSON.stringify(batch.audit),
    JSON.stringify(batch.keys),
  ];
  // Every handle comes from openDatabase, which keeps its pool.
  const pool = pgPoolOf(db);
  if (!pool) throw new Error('no PostgreSQL pool behind this database handle');
  await pool.query({ name: 'ordering_write_batch', text: pgBatchStatement, values });
}
