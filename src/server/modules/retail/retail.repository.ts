import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { DataScope } from '../../platform/auth/scope';
import type { DeliveryLinesTable, RetailersTable, RetailTables } from './retail.tables';

type RetailerQuery = SelectQueryBuilder<RetailTables, 'retailers', object>;

function inScope(q: RetailerQuery, scope: DataScope): RetailerQuery {
  switch (scope.kind) {
    case 'province':
      return q;
    case 'city':
      return q.where('retailers.city_code', '=', scope.cityCode);
    case 'county':
      return q.where('retailers.county_code', '=', scope.countyCode);
    case 'retailer':
      return q.where('retailers.id', '=', scope.retailerId);
  }
}

const summaryColumns = [
  'retailers.id',
  'retailers.licence_no',
  'retailers.name',
  'retailers.holder',
  'retailers.city_code',
  'retailers.county_code',
  'retailers.grade',
  'retailers.market_type',
  'retailers.business_type',
  'retailers.credit_rating',
  'retailers.service_state',
  'retailers.status',
] as const;

/** Every retailer's searchable attributes, for the in-memory directory. */
export async function loadDirectoryRows(db: Kysely<RetailTables>) {
  return db
    .selectFrom('retailers')
    .select([
      'id',
      'licence_no',
      'name',
      'holder',
      'city_code',
      'county_code',
      'grade',
      'market_type',
      'business_type',
      'service_state',
      'status',
    ])
    .execute();
}

export async function findRetailersByIds(db: Kysely<RetailTables>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('retailers')
    .select(summaryColumns)
    .where('retailers.id', 'in', ids)
    .execute();
}

/** A retailer by id or licence number, whatever the caller's scope (account linking). */
export async function findRetailerByIdOrLicence(db: Kysely<RetailTables>, key: string) {
  return db
    .selectFrom('retailers')
    .select(['id', 'company_id', 'county_code', 'licence_no'])
    .where((eb) => eb.or([eb('id', '=', key), eb('licence_no', '=', key)]))
    .executeTakeFirst();
}

export async function findRetailer(db: Kysely<RetailTables>, scope: DataScope, id: string) {
  return inScope(db.selectFrom('retailers'), scope)
    .selectAll('retailers')
    .where('retailers.id', '=', id)
    .executeTakeFirst();
}

export async function findDeliveryLine(db: Kysely<RetailTables>, id: string) {
  return db.selectFrom('delivery_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRetailers(
  db: Kysely<RetailTables>,
  rows: Insertable<RetailersTable>[],
) {
  // 28 columns: 300 rows a statement stays under the parameter limits of both databases.
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('retailers')
      .values(rows.slice(i, i + 300))
      .execute();
  }
}

export async function insertDeliveryLines(
  db: Kysely<RetailTables>,
  rows: Insertable<DeliveryLinesTable>[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('delivery_lines')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

const allocationColumns = [
  'id',
  'licence_no',
  'city_code',
  'county_code',
  'grade',
  'market_type',
  'business_type',
  'credit_rating',
  'marketing_dept',
  'visit_cycle',
  'service_state',
  'status',
] as const;

/** The attributes a release plan counts by, for a city's retailers or for given ids. */
export async function findAllocationRows(
  db: Kysely<RetailTables>,
  of: { cityCode: string } | { ids: readonly string[] },
) {
  let q = db.selectFrom('retailers').select(allocationColumns);
  if ('cityCode' in of) q = q.where('city_code', '=', of.cityCode);
  else {
    if (of.ids.length === 0) return [];
    q = q.where('id', 'in', [...of.ids]);
  }
  return q.orderBy('licence_no').execute();
}

/**
 * Where every retailer is and what weighs it, for the disruption layer's place snapshot; with
 * `since`, only the retailers written at or after that instant.
 */
export async function loadPlaceRows(db: Kysely<RetailTables>, since?: string) {
  let q = db.selectFrom('retailers');
  if (since !== undefined) q = q.where('updated_at', '>=', since);
  return q
    .select([
      'id',
      'company_id',
      'lon',
      'lat',
      'city_code',
      'county_code',
      'grade',
      'business_type',
      'service_state',
      'status',
      'weekly_volume',
    ])
    .execute();
}

export async function updateServiceState(
  db: Kysely<RetailTables>,
  id: string,
  values: Pick<
    RetailersTable,
    'service_state' | 'service_state_reason' | 'service_state_at' | 'updated_at'
  >,
) {
  await db.updateTable('retailers').set(values).where('id', '=', id).execute();
}

/** Retailers of a city (or of given ids) whose service state is one of `states`. */
export async function findInServiceStates(
  db: Kysely<RetailTables>,
  of: { cityCode: string } | { ids: readonly string[] },
  states: readonly string[],
) {
  if (states.length === 0) return [];
  let q = db
    .selectFrom('retailers')
    .select(['id', 'service_state'])
    .where('service_state', 'in', [...states] as RetailersTable['service_state'][]);
  if ('cityCode' in of) q = q.where('city_code', '=', of.cityCode);
  else {
    if (of.ids.length === 0) return [];
    q = q.where('id', 'in', [...of.ids]);
  }
  return q.execute();
}
