import type { Insertable, Kysely, Selectable } from 'kysely';
import type { VolunteerLogsTable, WorkforceTables } from './workforce.tables';
import { inSubtree } from './subtree';

type Db = Kysely<WorkforceTables>;
export type VolunteerRow = Selectable<VolunteerLogsTable>;

export async function insertVolunteerLogs(db: Db, rows: Insertable<VolunteerLogsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('volunteer_logs')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function findVolunteerLog(db: Db, id: string) {
  return db.selectFrom('volunteer_logs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVolunteerLogs(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('volunteer_logs')
    .selectAll()
    .where(inSubtree(pathPrefix))
    .where('service_date', '>=', from)
    .where('service_date', '<=', to)
    .orderBy('service_date', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
}

export async function sumByUnit(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('volunteer_logs')
    .select([
      'unit_code',
      'unit_path',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(inSubtree(pathPrefix))
    .where('service_date', '>=', from)
    .where('service_date', '<=', to)
    .groupBy(['unit_code', 'unit_path'])
    .execute();
}

export async function sumByType(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('volunteer_logs')
    .select([
      'service_type',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(inSubtree(pathPrefix))
    .where('service_date', '>=', from)
    .where('service_date', '<=', to)
    .groupBy('service_type')
    .execute();
}

export async function sumByStaff(
  db: Db,
  pathPrefix: string,
  from: string,
  to: string,
  limit: number,
) {
  return db
    .selectFrom('volunteer_logs')
    .select([
      'staff_id',
      'unit_code',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(inSubtree(pathPrefix))
    .where('service_date', '>=', from)
    .where('service_date', '<=', to)
    .groupBy(['staff_id', 'unit_code'])
    .orderBy('minutes', 'desc')
    .orderBy('staff_id')
    .limit(limit)
    .execute();
}
