import type { Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import { findOrderingRows } from './retail.profiles.repository';
import type { RetailState } from './retail.state';
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
 * The ordering profiles of a city's retailers by id, in licence order. Kept in the retail state
 * until a retailer write bumps its generation: ordering reads them on every order.
 */
export function orderingProfiles(
  retail: RetailState,
  cityCode: string,
): Promise<ReadonlyMap<string, OrderingProfile>> {
  return retail.profiles.get(retail.generation(), cityCode, () => load(retail.db, { cityCode }));
}

/** One retailer's ordering profile, read from the database (null when unknown). */
export async function orderingProfileOf(
  db: Kysely<any>,
  retailerId: string,
): Promise<OrderingProfile | null> {
  const rows = await load(db, { ids: [retailerId] });
  return rows.get(retailerId) ?? null;
}
