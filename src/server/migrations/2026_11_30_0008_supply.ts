import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Weekly supply position per logistics centre and brand-spec, in 条 (entered or imported).
  await db.schema
    .createTable('supply_positions')
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('logistics_code', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('inbound', 'integer', (c) => c.notNull())
    .addColumn('safety_stock', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('supply_positions_pk', ['week', 'logistics_code', 'product_code'])
    .execute();

  // Release plans (投放方案). A published row is never updated again; a correction is a new
  // version. `result_json` freezes the quota table per cell and grade at publication.
  await db.schema
    .createTable('supply_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('area_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('target', 'bigint', (c) => c.notNull())
    .addColumn('cap', 'integer')
    .addColumn('profile_json', 'text')
    .addColumn('dimensions_json', 'text', (c) => c.notNull())
    .addColumn('cell_multipliers_json', 'text', (c) => c.notNull())
    .addColumn('class_multipliers_json', 'text', (c) => c.notNull())
    .addColumn('blocked_policy', 'text', (c) => c.notNull())
    .addColumn('remainder', 'text', (c) => c.notNull())
    .addColumn('allow_over_supply', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('correction_of', 'text')
    .addColumn('replenish_of', 'text')
    .addColumn('result_json', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .execute();
  await db.schema
    .createIndex('supply_plans_version')
    .on('supply_plans')
    .columns(['city_code', 'week', 'product_code', 'kind', 'area_key', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('supply_plans_week')
    .on('supply_plans')
    .columns(['week', 'city_code'])
    .execute();

  // The only per-retailer rows of a plan: choices (method D), fixed quotas, and — frozen at
  // publication — retailers left out as blocked and remainder extras.
  await db.schema
    .createTable('supply_plan_retailers')
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('retailer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer')
    .addColumn('area_key', 'text')
    .addPrimaryKeyConstraint('supply_plan_retailers_pk', ['plan_id', 'retailer_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('supply_plan_retailers_retailer')
    .on('supply_plan_retailers')
    .columns(['retailer_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supply_plan_retailers').execute();
  await db.schema.dropTable('supply_plans').execute();
  await db.schema.dropTable('supply_positions').execute();
}
