import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('logistics_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('delivery_day', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_lines_county')
    .on('delivery_lines')
    .columns(['county_code'])
    .execute();

  await db.schema
    .createTable('retailers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('licence_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lon', 'real', (c) => c.notNull())
    .addColumn('lat', 'real', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('market_type', 'text', (c) => c.notNull())
    .addColumn('business_type', 'text', (c) => c.notNull())
    .addColumn('credit_rating', 'text', (c) => c.notNull())
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('account_manager_id', 'text')
    .addColumn('delivery_line_id', 'text')
    .addColumn('order_day', 'integer', (c) => c.notNull())
    .addColumn('service_state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('service_state_reason', 'text')
    .addColumn('service_state_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('licence_valid_until', 'text')
    // Usual weekly volume in 条: the weight of a retailer when an area's impact is shown.
    .addColumn('weekly_volume', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retailers_county_grade')
    .on('retailers')
    .columns(['county_code', 'grade'])
    .execute();
  await db.schema
    .createIndex('retailers_city_grade')
    .on('retailers')
    .columns(['city_code', 'grade'])
    .execute();
  await db.schema
    .createIndex('retailers_manager')
    .on('retailers')
    .columns(['account_manager_id'])
    .execute();
  await db.schema.createIndex('retailers_name').on('retailers').columns(['name']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retailers').execute();
  await db.schema.dropTable('delivery_lines').execute();
}
