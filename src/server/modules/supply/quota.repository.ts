import type { Kysely } from 'kysely';
import type { SupplyTables } from './supply.tables';

/** How many plans of a city-week are published and the latest publication instant. */
export async function publishedPlanFingerprint(
  db: Kysely<SupplyTables>,
  cityCode: string,
  week: string,
): Promise<{ count: number; latest: string | null }> {
  const row = await db
    .selectFrom('supply_plans')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('published_at').as('latest')])
    .where('city_code', '=', cityCode)
    .where('week', '=', week)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), latest: (row.latest as string | null) ?? null };
}
