import type { Insertable, Kysely, Selectable } from 'kysely';
import type { TravelStatus } from '../../../contracts/workforce';
import type { TravelRequestsTable, WorkforceTables } from './workforce.tables';
import { inSubtree } from './subtree';

type Db = Kysely<WorkforceTables>;
export type TravelRow = Selectable<TravelRequestsTable>;

export async function insertTravel(db: Db, rows: Insertable<TravelRequestsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('travel_requests')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function findTravel(db: Db, id: string) {
  return db.selectFrom('travel_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TravelFilter {
  pathPrefix?: string | undefined;
  staffId?: string | undefined;
  status?: TravelStatus | undefined;
  awayOn?: string | undefined;
}

export async function findTravels(db: Db, f: TravelFilter) {
  let q = db.selectFrom('travel_requests').selectAll();
  if (f.pathPrefix) q = q.where(inSubtree(f.pathPrefix));
  if (f.staffId) q = q.where('staff_id', '=', f.staffId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.awayOn) {
    q = q
      .where('status', '=', 'approved')
      .where('depart_on', '<=', f.awayOn)
      .where('return_on', '>=', f.awayOn);
  }
  return q.orderBy('depart_on', 'desc').orderBy('id').limit(500).execute();
}

/** Approved trips of some people overlapping [from, to]. */
export async function findApprovedTrips(db: Db, staffIds: string[], from: string, to: string) {
  if (staffIds.length === 0) return [];
  const rows: Pick<TravelRow, 'staff_id' | 'depart_on' | 'return_on'>[] = [];
  for (let i = 0; i < staffIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('travel_requests')
        .select(['staff_id', 'depart_on', 'return_on'])
        .where('staff_id', 'in', staffIds.slice(i, i + 500))
        .where('status', '=', 'approved')
        .where('depart_on', '<=', to)
        .where('return_on', '>=', from)
        .execute()),
    );
  }
  return rows;
}

export async function decideTravel(
  db: Db,
  id: string,
  change: Pick<TravelRow, 'status' | 'decided_by' | 'decided_at' | 'decision_reason'>,
) {
  const result = await db
    .updateTable('travel_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Approved trips overlapping [from, to] (few: travel out of the city needs approval). */
export async function findApprovedTripsOnDays(db: Db, from: string, to: string) {
  return db
    .selectFrom('travel_requests')
    .select(['staff_id', 'depart_on', 'return_on'])
    .where('status', '=', 'approved')
    .where('depart_on', '<=', to)
    .where('return_on', '>=', from)
    .execute();
}
