import type { Kysely } from 'kysely';
import type { RetailTables } from './retail.tables';

/** What ordering needs of each retailer of a city (or of the given ids). */
export async function findOrderingRows(
  db: Kysely<RetailTables>,
  of: { cityCode: string } | { ids: readonly string[] },
) {
  let q = db
    .selectFrom('retailers')
    .select([
      'id',
      'company_id',
      'licence_no',
      'name',
      'city_code',
      'county_code',
      'grade',
      'order_day',
      'account_manager_id',
      'delivery_line_id',
      'status',
    ]);
  if ('cityCode' in of) q = q.where('city_code', '=', of.cityCode);
  else {
    if (of.ids.length === 0) return [];
    q = q.where('id', 'in', [...of.ids]);
  }
  return q.orderBy('licence_no').execute();
}
