import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Brand-specs (品规). Prices in integer fen per 条.
  await db.schema
    .createTable('products')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('manufacturer', 'text', (c) => c.notNull())
    .addColumn('price_class', 'integer', (c) => c.notNull())
    .addColumn('allocation_price_fen', 'integer', (c) => c.notNull())
    .addColumn('wholesale_price_fen', 'integer', (c) => c.notNull())
    .addColumn('retail_price_fen', 'integer', (c) => c.notNull())
    .addColumn('cartons_per_case', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('barcode', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_brand').on('products').columns(['brand']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('products').execute();
}
