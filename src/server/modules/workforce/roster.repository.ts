import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DutyAssignmentsTable, DutyShiftsTable, WorkforceTables } from './workforce.tables';
import { inSubtree } from './subtree';

type Db = Kysely<WorkforceTables>;
export type ShiftRow = Selectable<DutyShiftsTable>;
export type AssignmentRow = Selectable<DutyAssignmentsTable>;

export async function insertShifts(db: Db, rows: Insertable<DutyShiftsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('duty_shifts')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function insertAssignments(db: Db, rows: Insertable<DutyAssignmentsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('duty_assignments')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function findShift(db: Db, id: string) {
  return db.selectFrom('duty_shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShifts(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('duty_shifts')
    .selectAll()
    .where('shift_date', '>=', from)
    .where('shift_date', '<=', to)
    .where(inSubtree(pathPrefix))
    .orderBy('starts_at')
    .orderBy('unit_code')
    .orderBy('id')
    .execute();
}

export async function findActiveAssignments(db: Db, shiftIds: string[]) {
  if (shiftIds.length === 0) return [];
  const rows: AssignmentRow[] = [];
  for (let i = 0; i < shiftIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('duty_assignments')
        .selectAll()
        .where('shift_id', 'in', shiftIds.slice(i, i + 500))
        .where('status', '=', 'active')
        .orderBy('assigned_at')
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

/** Active assignments of some people to shifts overlapping [startsAt, endsAt). */
export async function findOverlappingAssignments(
  db: Db,
  companyId: string,
  startsAt: string,
  endsAt: string,
) {
  return db
    .selectFrom('duty_assignments')
    .innerJoin('duty_shifts', 'duty_shifts.id', 'duty_assignments.shift_id')
    .select(['duty_assignments.staff_id', 'duty_assignments.shift_id'])
    .where('duty_assignments.company_id', '=', companyId)
    .where('duty_assignments.status', '=', 'active')
    .where('duty_shifts.starts_at', '<', endsAt)
    .where('duty_shifts.ends_at', '>', startsAt)
    .execute();
}

export async function markReplaced(db: Db, assignmentId: string, replacedBy: string) {
  const result = await db
    .updateTable('duty_assignments')
    .set({ status: 'replaced', replaced_by: replacedBy })
    .where('id', '=', assignmentId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findShiftsOfCompanies(
  db: Db,
  companyIds: string[],
  from: string,
  to: string,
) {
  if (companyIds.length === 0) return [];
  return db
    .selectFrom('duty_shifts')
    .selectAll()
    .where('company_id', 'in', companyIds)
    .where('shift_date', '>=', from)
    .where('shift_date', '<=', to)
    .execute();
}
