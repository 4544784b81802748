import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { ListRetailersQuery } from '../../../contracts/retail';
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

function filtered(q: RetailerQuery, f: ListRetailersQuery): RetailerQuery {
  if (f.cityCode) q = q.where('retailers.city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('retailers.county_code', '=', f.countyCode);
  if (f.gradeMin !== undefined) q = q.where('retailers.grade', '>=', f.gradeMin);
  if (f.gradeMax !== undefined) q = q.where('retailers.grade', '<=', f.gradeMax);
  if (f.businessType) q = q.where('retailers.business_type', '=', f.businessType);
  if (f.marketType) q = q.where('retailers.market_type', '=', f.marketType);
  if (f.serviceState) q = q.where('retailers.service_state', '=', f.serviceState);
  if (f.q) {
    const text = f.q;
    // A 12-digit licence number is looked up exactly (indexed); anything else is a contains match.
    if (/^\d{12}$/.test(text)) q = q.where('retailers.licence_no', '=', text);
    else {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('retailers.name', 'like', pattern),
          eb('retailers.holder', 'like', pattern),
          eb('retailers.licence_no', 'like', pattern),
        ]),
      );
    }
  }
  return q;
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

export async function findRetailerPage(
  db: Kysely<RetailTables>,
  scope: DataScope,
  f: ListRetailersQuery,
) {
  const base = filtered(inScope(db.selectFrom('retailers'), scope), f);
  let rows = base.select(summaryColumns);
  switch (f.sort) {
    case 'name':
      rows = rows.orderBy('retailers.name').orderBy('retailers.id');
      break;
    case 'grade':
      rows = rows.orderBy('retailers.grade').orderBy('retailers.licence_no');
      break;
    case '-grade':
      rows = rows.orderBy('retailers.grade', 'desc').orderBy('retailers.licence_no');
      break;
    default:
      rows = rows.orderBy('retailers.licence_no');
  }
  const items = await rows
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return items;
}

export async function countRetailers(
  db: Kysely<RetailTables>,
  scope: DataScope,
  f: ListRetailersQuery,
): Promise<number> {
  const row = await filtered(inScope(db.selectFrom('retailers'), scope), f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

export async function countByCounty(db: Kysely<RetailTables>, scope: DataScope) {
  return inScope(db.selectFrom('retailers'), scope)
    .select([
      'retailers.county_code as code',
      'retailers.city_code as city_code',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) =>
        eb.fn
          .sum<number>(eb.case().when('retailers.status', '=', 'active').then(1).else(0).end())
          .as('active'),
    ])
    .groupBy(['retailers.county_code', 'retailers.city_code'])
    .execute();
}

export async function countByGrade(db: Kysely<RetailTables>, scope: DataScope) {
  return inScope(db.selectFrom('retailers'), scope)
    .select(['retailers.grade as grade', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('retailers.grade')
    .orderBy('retailers.grade')
    .execute();
}

export async function countByBusinessType(db: Kysely<RetailTables>, scope: DataScope) {
  return inScope(db.selectFrom('retailers'), scope)
    .select(['retailers.business_type as business_type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('retailers.business_type')
    .execute();
}

export async function insertRetailers(
  db: Kysely<RetailTables>,
  rows: Insertable<RetailersTable>[],
) {
  // 26 columns: 300 rows a statement stays under the parameter limits of both databases.
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
