import type { Kysely } from 'kysely';
import type { WorkforceTables } from './workforce.tables';

type Db = Kysely<WorkforceTables>;

/** Workforce settings live in the platform `settings` table under `workforce.*` keys. */
export async function findSettings(db: Db, scopeCode: string) {
  return db
    .selectFrom('settings')
    .select(['key', 'value_json'])
    .where('scope_code', '=', scopeCode)
    .where('key', 'like', 'workforce.%')
    .execute();
}

export async function saveSetting(
  db: Db,
  row: { key: string; scopeCode: string; valueJson: string; at: string; by: string | null },
) {
  await db
    .insertInto('settings')
    .values({
      key: row.key,
      scope_code: row.scopeCode,
      company_id: row.scopeCode,
      value_json: row.valueJson,
      updated_at: row.at,
      updated_by: row.by,
    })
    .onConflict((oc) =>
      oc.columns(['key', 'scope_code']).doUpdateSet({
        value_json: row.valueJson,
        updated_at: row.at,
        updated_by: row.by,
      }),
    )
    .execute();
}
