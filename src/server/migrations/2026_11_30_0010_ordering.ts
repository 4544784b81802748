import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // One order per retailer and cycle (ISO week of the release); replacing it bumps `version`.
  await db.schema
    .createTable('ordering_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('retailer_id', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('total_quantity', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('order_date', 'text', (c) => c.notNull())
    .addColumn('delivery_date', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema
    .createIndex('ordering_orders_retailer_cycle')
    .on('ordering_orders')
    .columns(['retailer_id', 'cycle_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('ordering_orders_cycle_county')
    .on('ordering_orders')
    .columns(['cycle_id', 'county_code'])
    .execute();
  await db.schema
    .createIndex('ordering_orders_closing')
    .on('ordering_orders')
    .columns(['status', 'closes_at'])
    .execute();

  // Lines carry the price captured when accepted; `confirmed_quantity` is set at closing.
  await db.schema
    .createTable('ordering_order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('confirmed_quantity', 'integer')
    .addPrimaryKeyConstraint('ordering_order_lines_pk', ['order_id', 'product_code'])
    .execute();

  // An applied request's answer, so a retry with the same key returns it and applies nothing.
  await db.schema
    .createTable('ordering_idempotency')
    .addColumn('retailer_id', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ordering_idempotency_pk', ['retailer_id', 'idem_key'])
    .execute();
  await db.schema
    .createIndex('ordering_idempotency_city')
    .on('ordering_idempotency')
    .columns(['city_code', 'created_at'])
    .execute();

  // Extra windows (补订): a scope of counties or named retailers may order a cycle again.
  await db.schema
    .createTable('ordering_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('county_codes_json', 'text')
    .addColumn('retailer_ids_json', 'text')
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ordering_windows_cycle')
    .on('ordering_windows')
    .columns(['cycle_id'])
    .execute();

  // Per-county window rule (default: the industry platform's Saturday 12:00 → eve of order day).
  await db.schema
    .createTable('ordering_window_rules')
    .addColumn('county_code', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Total-control pools (总量控制) set by a planner; method-E plans give one implicitly.
  await db.schema
    .createTable('ordering_pools')
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ordering_pools_pk', ['cycle_id', 'city_code', 'product_code'])
    .execute();

  // Figures recorded when a county's windows close (monitoring reads them).
  await db.schema
    .createTable('ordering_figures')
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('active_retailers', 'integer', (c) => c.notNull())
    .addColumn('ordered_retailers', 'integer', (c) => c.notNull())
    .addColumn('requested_quantity', 'integer', (c) => c.notNull())
    .addColumn('confirmed_quantity', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ordering_figures_pk', ['cycle_id', 'county_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ordering_figures',
    'ordering_pools',
    'ordering_window_rules',
    'ordering_windows',
    'ordering_idempotency',
    'ordering_order_lines',
    'ordering_orders',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
