import type { Kysely } from 'kysely';
import type {
  ListRetailersQuery,
  RetailerDetail,
  RetailerSummary,
} from '../../../contracts/retail';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { staffByIds, unitNames } from '../org';
import { directoryOf, invalidateDirectory } from './retail.directory-cache';
import * as repo from './retail.repository';
import type { RetailersTable, RetailTables } from './retail.tables';

type SummaryRow = Pick<
  RetailersTable,
  | 'id'
  | 'licence_no'
  | 'name'
  | 'holder'
  | 'city_code'
  | 'county_code'
  | 'grade'
  | 'market_type'
  | 'business_type'
  | 'credit_rating'
  | 'service_state'
  | 'status'
>;

function toSummary(row: SummaryRow, names: Map<string, string>): RetailerSummary {
  return {
    id: row.id,
    licenceNo: row.licence_no,
    name: row.name,
    holder: row.holder,
    cityCode: row.city_code,
    cityName: names.get(row.city_code) ?? row.city_code,
    countyCode: row.county_code,
    countyName: names.get(row.county_code) ?? row.county_code,
    grade: row.grade,
    marketType: row.market_type,
    businessType: row.business_type,
    creditRating: row.credit_rating,
    serviceState: row.service_state,
    status: row.status,
  };
}

/** One page of the retailers in the caller's scope that match the filters. */
export async function listRetailers(
  ctx: ServiceContext,
  query: ListRetailersQuery,
  language: Language,
) {
  const directory = await directoryOf(ctx.db);
  const { ids, total } = directory.query(ctx.actor.scope, query);
  const [rows, names] = await Promise.all([
    repo.findRetailersByIds(tablesOf<RetailTables>(ctx.db), ids),
    unitNames(ctx.db, language),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    items: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toSummary(row, names)] : [];
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A retailer in the caller's scope; one outside it is reported as not found. */
export async function getRetailer(
  ctx: ServiceContext,
  id: string,
  language: Language,
): Promise<RetailerDetail> {
  const db = tablesOf<RetailTables>(ctx.db);
  const row = await repo.findRetailer(db, ctx.actor.scope, id);
  if (!row) throw outOfScope({ zh: '零售户', en: 'retailer' });
  const [names, managers, line] = await Promise.all([
    unitNames(ctx.db, language),
    row.account_manager_id ? staffByIds(ctx.db, [row.account_manager_id]) : Promise.resolve([]),
    row.delivery_line_id
      ? repo.findDeliveryLine(db, row.delivery_line_id)
      : Promise.resolve(undefined),
  ]);
  const manager = managers[0];
  return {
    ...toSummary(row, names),
    phone: row.phone,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    orderDay: row.order_day,
    accountManager: manager ? { id: manager.id, name: manager.name, phone: manager.phone } : null,
    deliveryLine: line ? { id: line.id, name: line.name } : null,
    serviceStateReason: row.service_state_reason,
    licenceValidUntil: row.licence_valid_until,
    weeklyVolume: row.weekly_volume,
  };
}

/** Retailer counts of the caller's scope by county, grade and business type (overview figures). */
export async function retailerFigures(ctx: ServiceContext) {
  const directory = await directoryOf(ctx.db);
  return directory.figures(ctx.actor.scope);
}

export async function insertRetailersInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertRetailers>[1],
) {
  await repo.insertRetailers(tablesOf<RetailTables>(db), rows);
  invalidateDirectory();
}

export async function insertDeliveryLinesInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertDeliveryLines>[1],
) {
  await repo.insertDeliveryLines(tablesOf<RetailTables>(db), rows);
}
