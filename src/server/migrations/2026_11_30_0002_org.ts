import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Administrative divisions (GB/T 2260) with their shapes: the areas the disruption layer starts from.
  await db.schema
    .createTable('divisions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('center_lon', 'real', (c) => c.notNull())
    .addColumn('center_lat', 'real', (c) => c.notNull())
    .addColumn('centroid_lon', 'real', (c) => c.notNull())
    .addColumn('centroid_lat', 'real', (c) => c.notNull())
    .addColumn('min_lon', 'real', (c) => c.notNull())
    .addColumn('min_lat', 'real', (c) => c.notNull())
    .addColumn('max_lon', 'real', (c) => c.notNull())
    .addColumn('max_lat', 'real', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('divisions_parent')
    .on('divisions')
    .columns(['parent_code'])
    .execute();

  await db.schema
    .createTable('org_units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    // Materialised path such as `/140000/140100/140105/`: a subtree is one prefix match.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text')
    .addColumn('lon', 'real')
    .addColumn('lat', 'real')
    .addColumn('address', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('org_units_parent')
    .on('org_units')
    .columns(['parent_code'])
    .execute();
  await db.schema.createIndex('org_units_path').on('org_units').columns(['path']).execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('home_address', 'text')
    .addColumn('home_lon', 'real')
    .addColumn('home_lat', 'real')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_unit').on('staff').columns(['unit_code']).execute();
  await db.schema.createIndex('staff_company').on('staff').columns(['company_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff').execute();
  await db.schema.dropTable('org_units').execute();
  await db.schema.dropTable('divisions').execute();
}
