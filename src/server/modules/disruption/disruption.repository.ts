import type { Insertable, Kysely } from 'kysely';
import type {
  DisruptionAreasTable,
  DisruptionSchemesTable,
  DisruptionTables,
} from './disruption.tables';

export async function findSchemes(db: Kysely<DisruptionTables>) {
  return db.selectFrom('disruption_schemes').selectAll().orderBy('id').execute();
}

export async function findScheme(db: Kysely<DisruptionTables>, id: string) {
  return db.selectFrom('disruption_schemes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertScheme(
  db: Kysely<DisruptionTables>,
  row: Insertable<DisruptionSchemesTable>,
) {
  await db.insertInto('disruption_schemes').values(row).execute();
}

export async function updateScheme(
  db: Kysely<DisruptionTables>,
  id: string,
  values: Pick<
    DisruptionSchemesTable,
    'label_zh' | 'label_en' | 'statuses_json' | 'updated_at' | 'updated_by'
  >,
) {
  await db.updateTable('disruption_schemes').set(values).where('id', '=', id).execute();
}

/** Every area, history included: the index replays any instant from the full list. */
export async function findAllAreas(db: Kysely<DisruptionTables>) {
  return db.selectFrom('disruption_areas').selectAll().orderBy('id').execute();
}

export async function findArea(db: Kysely<DisruptionTables>, id: string) {
  return db.selectFrom('disruption_areas').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface AreaFilter {
  scheme?: string | undefined;
  status?: string | undefined;
  activeAt?: string | undefined;
  county?: string | undefined;
  /** Companies whose areas the caller sees; undefined = all. */
  companies?: string[] | undefined;
  includeEnded: boolean;
  limit: number;
  offset: number;
}

export async function findAreas(db: Kysely<DisruptionTables>, filter: AreaFilter) {
  let q = db.selectFrom('disruption_areas');
  if (filter.scheme) q = q.where('scheme', '=', filter.scheme);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.county) q = q.where('county_codes', 'like', `%,${filter.county},%`);
  if (filter.companies) q = q.where('company_id', 'in', filter.companies);
  if (!filter.includeEnded) q = q.where('ended_at', 'is', null);
  if (filter.activeAt) {
    // ISO instants in one form (UTC, ms) compare as text on both databases.
    const t = filter.activeAt;
    q = q
      .where('valid_from', '<=', t)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', t)]))
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', t)]));
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('valid_from', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertAreas(
  db: Kysely<DisruptionTables>,
  rows: Insertable<DisruptionAreasTable>[],
) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('disruption_areas')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/** Ends an area that has not ended yet; returns whether a row changed (lost races change none). */
export async function endArea(
  db: Kysely<DisruptionTables>,
  id: string,
  values: Pick<DisruptionAreasTable, 'ended_at' | 'ended_by' | 'end_reason'>,
): Promise<boolean> {
  const result = await db
    .updateTable('disruption_areas')
    .set(values)
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
