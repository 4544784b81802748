import type { Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import { retailerGeneration } from './retail.directory-cache';
import { findOrderingRows } from './retail.profiles.repository';
import type { RetailersTable, RetailTables } from './retail.tables';

/** A retailer as ordering sees it: who it is, where, its grade and its weekly order day. */
export interface OrderingProfile {
  id: string;
  companyId: string;
  licenceNo: string;
  name: string;
  cityCode: string;
  countyCode: string;
  grade: number;
  /** 1 = Monday … 7 = Sunday. */
  orderDay: number;
  accountManagerId: string | null;
  deliveryLineId: string | null;
  status: RetailersTable['status'];
}

const cache = new WeakMap<
  Kysely<any>,
  { generation: number; cities: Map<string, Promise<ReadonlyMap<string, OrderingProfile>>> }
>();

async function load(db: Kysely<any>, of: { cityCode: string } | { ids: readonly string[] }) {
  const rows = await findOrderingRows(tablesOf<RetailTables>(db), of);
  return new Map(
    rows.map((r): [string, OrderingProfile] => [
      r.id,
      {
        id: r.id,
        companyId: r.company_id,
        licenceNo: r.licence_no,
        name: r.name,
        cityCode: r.city_code,
        countyCode: r.county_code,
        grade: r.grade,
        orderDay: r.order_day,
        accountManagerId: r.account_manager_id,
        deliveryLineId: r.delivery_line_id,
        status: r.status,
      },
    ]),
  );
}

/**
 * The ordering profiles of a city's retailers by id, in licence order. Kept in memory until a
 * retailer write bumps the directory generation: ordering reads them on every order.
 */
export function orderingProfiles(
  db: Kysely<any>,
  cityCode: string,
): Promise<ReadonlyMap<string, OrderingProfile>> {
  const generation = retailerGeneration();
  let perDb = cache.get(db);
  if (!perDb || perDb.generation !== generation) {
    perDb = { generation, cities: new Map() };
    cache.set(db, perDb);
  }
  let rows = perDb.cities.get(cityCode);
  if (!rows) {
    rows = load(db, { cityCode });
    perDb.cities.set(cityCode, rows);
    const entry = perDb;
    rows.catch(() => entry.cities.delete(cityCode));
  }
  return rows;
}

/** One retailer's ordering profile, read from the database (null when unknown). */
export async function orderingProfileOf(
  db: Kysely<any>,
  retailerId: string,
): Promise<OrderingProfile | null> {
  const rows = await load(db, { ids: [retailerId] });
  return rows.get(retailerId) ?? null;
}
