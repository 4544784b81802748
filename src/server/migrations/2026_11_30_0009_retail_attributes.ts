import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The 营销部 (marketing department) a retailer is served by: release plans cut by it (method B).
  // Null for retailers no department has been assigned to (they form their own cell).
  await db.schema.alterTable('retailers').addColumn('marketing_dept', 'text').execute();
  // How often the account manager visits: biweekly customers may count double in a release plan
  // (两周一访上浮, docs/architecture.md#supply-release).
  await db.schema
    .alterTable('retailers')
    .addColumn('visit_cycle', 'text', (c) => c.notNull().defaultTo('weekly'))
    .execute();
  await db.schema
    .createIndex('retailers_city_marketing_dept')
    .on('retailers')
    .columns(['city_code', 'marketing_dept'])
    .execute();

  // The plan option for 两周一访上浮: the weight of a biweekly customer in c_j (1 = no lift).
  await db.schema
    .alterTable('supply_plans')
    .addColumn('biweekly_weight', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('supply_plans').dropColumn('biweekly_weight').execute();
  await db.schema.dropIndex('retailers_city_marketing_dept').execute();
  await db.schema.alterTable('retailers').dropColumn('visit_cycle').execute();
  await db.schema.alterTable('retailers').dropColumn('marketing_dept').execute();
}
