import type { Kysely } from 'kysely';
import type {
  ListRetailersQuery,
  RetailerDetail,
  RetailerSummary,
} from '../../../contracts/retail';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { staffByIds, type UnitDirectory } from '../org';
import * as repo from './retail.repository';
import type { RetailState } from './retail.state';
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
  retail: RetailState,
  units: UnitDirectory,
  query: ListRetailersQuery,
  language: Language,
) {
  const directory = await retail.directory();
  const { ids, total } = directory.query(ctx.actor.scope, query);
  const [rows, names] = await Promise.all([
    repo.findRetailersByIds(tablesOf<RetailTables>(ctx.db), ids),
    units.unitNames(language),
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
/**
 * The shop a retailer account is linked to, by id or licence number (no scope: the administrator's
 * CLI links accounts before anyone can log in); null when no retailer matches.
 */
export async function retailerForAccount(
  db: Kysely<any>,
  key: string,
): Promise<{ id: string; companyId: string; countyCode: string } | null> {
  const row = await repo.findRetailerByIdOrLicence(tablesOf<RetailTables>(db), key.trim());
  return row ? { id: row.id, companyId: row.company_id, countyCode: row.county_code } : null;
}

export async function getRetailer(
  ctx: ServiceContext,
  units: UnitDirectory,
  id: string,
  language: Language,
): Promise<RetailerDetail> {
  const db = tablesOf<RetailTables>(ctx.db);
  const row = await repo.findRetailer(db, ctx.actor.scope, id);
  if (!row) throw outOfScope({ zh: '零售户', en: 'retailer' });
  const [names, managers, line] = await Promise.all([
    units.unitNames(language),
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
    marketingDept: row.marketing_dept,
    visitCycle: row.visit_cycle,
  };
}

/** Retailer counts of the caller's scope by county, grade and business type (overview figures). */
export async function retailerFigures(ctx: ServiceContext, retail: RetailState) {
  const directory = await retail.directory();
  return directory.figures(ctx.actor.scope);
}

export async function insertRetailersInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertRetailers>[1],
) {
  // Seeds and the CLI insert before any retail state is built (or in another process), so there is
  // nothing in memory to invalidate.
  await repo.insertRetailers(tablesOf<RetailTables>(db), rows);
}

export async function insertDeliveryLinesInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertDeliveryLines>[1],
) {
  await repo.insertDeliveryLines(tablesOf<RetailTables>(db), rows);
}

/** What supply release needs to know of a retailer (grade and the dimensions plans cut by). */
export interface AllocationAttributes {
  id: string;
  licenceNo: string;
  cityCode: string;
  countyCode: string;
  grade: number;
  marketType: RetailersTable['market_type'];
  businessType: RetailersTable['business_type'];
  creditRating: RetailersTable['credit_rating'];
  /** 营销部 code, or null when unassigned. */
  marketingDept: string | null;
  visitCycle: RetailersTable['visit_cycle'];
  serviceState: RetailersTable['service_state'];
  status: RetailersTable['status'];
}

/**
 * Allocation attributes of a city's retailers, or of the given ids, in licence-number order (the
 * stable order remainder rotation walks), read from the database. Unscoped: callers apply their
 * own data scope.
 */
export function allocationAttributes(
  db: Kysely<any>,
  of: { cityCode: string } | { ids: readonly string[] },
): Promise<AllocationAttributes[]> {
  return loadAllocationAttributes(db, of);
}

/**
 * A city's allocation attributes, kept in the retail state: they are read for every plan preview
 * (a planner drags a slider; a week has ~120 brand-specs), and 20,000 scattered rows cost a few
 * hundred ms. Dropped when a retailer write bumps the generation; service states are read fresh
 * (see serviceStatesIn).
 */
export function cityAllocationAttributes(
  retail: RetailState,
  cityCode: string,
): Promise<AllocationAttributes[]> {
  return retail.attributes.get(retail.generation(), cityCode, () =>
    loadAllocationAttributes(retail.db, { cityCode }),
  );
}

/** The retailers of a city (or given ids) whose service state is one of `states`, read fresh. */
export async function serviceStatesIn(
  db: Kysely<any>,
  of: { cityCode: string } | { ids: readonly string[] },
  states: readonly RetailersTable['service_state'][],
): Promise<{ id: string; serviceState: RetailersTable['service_state'] }[]> {
  const rows = await repo.findInServiceStates(tablesOf<RetailTables>(db), of, states);
  return rows.map((r) => ({ id: r.id, serviceState: r.service_state }));
}

async function loadAllocationAttributes(
  db: Kysely<any>,
  of: { cityCode: string } | { ids: readonly string[] },
): Promise<AllocationAttributes[]> {
  const rows = await repo.findAllocationRows(tablesOf<RetailTables>(db), of);
  return rows.map((r) => ({
    id: r.id,
    licenceNo: r.licence_no,
    cityCode: r.city_code,
    countyCode: r.county_code,
    grade: r.grade,
    marketType: r.market_type,
    businessType: r.business_type,
    creditRating: r.credit_rating,
    marketingDept: r.marketing_dept,
    visitCycle: r.visit_cycle,
    serviceState: r.service_state,
    status: r.status,
  }));
}

/** A retailer as a place the disruption layer tracks (coordinates, county, service state, weight). */
export interface RetailerPlace {
  id: string;
  companyId: string;
  lon: number;
  lat: number;
  cityCode: string;
  countyCode: string;
  grade: number;
  businessType: RetailersTable['business_type'];
  serviceState: RetailersTable['service_state'];
  status: RetailersTable['status'];
  /** Usual weekly volume in 条. */
  weeklyVolume: number;
}

/**
 * Every retailer as a place, or with `since` (ISO instant) only those written since then, so a
 * snapshot can be patched after a service-state change instead of reloaded. Unscoped: the
 * disruption layer applies the caller's scope.
 */
export async function retailerPlaces(db: Kysely<any>, since?: string): Promise<RetailerPlace[]> {
  const rows = await repo.loadPlaceRows(tablesOf<RetailTables>(db), since);
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    lon: Number(r.lon),
    lat: Number(r.lat),
    cityCode: r.city_code,
    countyCode: r.county_code,
    grade: r.grade,
    businessType: r.business_type,
    serviceState: r.service_state,
    status: r.status,
    weeklyVolume: Number(r.weekly_volume),
  }));
}

/**
 * An account manager sets a retailer's service state (正常营业, 道路封闭, 客户隔离, 现金收款, 暂停
 * 营业; docs/architecture.md#the-disruption-layer), with the reason, audited before/after. The retailer must be in the caller's
 * scope. Setting the state it already has still records the new reason.
 */
export async function setServiceState(
  ctx: ServiceContext,
  retail: RetailState,
  retailerId: string,
  state: RetailersTable['service_state'],
  reason: string | null,
) {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const db = tablesOf<RetailTables>(trx);
    const row = await repo.findRetailer(db, ctx.actor.scope, retailerId);
    if (!row) throw outOfScope({ zh: '零售户', en: 'retailer' });
    const now = new Date().toISOString();
    const values = {
      service_state: state,
      service_state_reason: reason && reason.length > 0 ? reason : null,
      service_state_at: now,
      updated_at: now,
    };
    await repo.updateServiceState(db, retailerId, values);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'retailer.service_state.set',
        entityType: 'retailer',
        entityId: retailerId,
        companyId: row.company_id,
        before: {
          serviceState: row.service_state,
          reason: row.service_state_reason,
          at: row.service_state_at,
        },
        after: { serviceState: values.service_state, reason: values.service_state_reason, at: now },
      },
    );
    return {
      id: retailerId,
      serviceState: values.service_state,
      serviceStateReason: values.service_state_reason,
      serviceStateAt: now,
    };
  });
  retail.invalidate();
  return result;
}
