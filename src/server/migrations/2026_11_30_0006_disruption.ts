import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disruption_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    // JSON array of statuses with severity and effects: rule data, edited by administrators.
    .addColumn('statuses_json', 'text', (c) => c.notNull())
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('disruption_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The city company of the area; '140000' for a province-wide one.
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Copied from the scheme when published, so editing a scheme never rewrites history.
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('status_label_zh', 'text', (c) => c.notNull())
    .addColumn('status_label_en', 'text', (c) => c.notNull())
    .addColumn('effects_json', 'text', (c) => c.notNull())
    .addColumn('coverage_kind', 'text', (c) => c.notNull())
    .addColumn('coverage_json', 'text', (c) => c.notNull())
    // ',140105,140106,' — the counties the area touches, for filtering with LIKE.
    .addColumn('county_codes', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('notice_number', 'text')
    .addColumn('notice_text', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disruption_areas_company')
    .on('disruption_areas')
    .columns(['company_id', 'valid_from'])
    .execute();
  await db.schema
    .createIndex('disruption_areas_scheme')
    .on('disruption_areas')
    .columns(['scheme', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disruption_areas').execute();
  await db.schema.dropTable('disruption_schemes').execute();
}
