import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DivisionsTable, OrgTables, OrgUnitsTable, StaffTable } from './org.tables';

export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type DivisionRow = Selectable<DivisionsTable>;

export interface UnitFilter {
  level?: OrgUnitsTable['level'] | undefined;
  parentCode?: string | undefined;
  /** Materialised-path prefix of the caller's subtree. */
  pathPrefix?: string | undefined;
}

export async function findUnits(db: Kysely<OrgTables>, filter: UnitFilter): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('org_units').selectAll();
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.parentCode) q = q.where('parent_code', '=', filter.parentCode);
  if (filter.pathPrefix) q = q.where('path', 'like', `${filter.pathPrefix}%`);
  return q.orderBy('sort').orderBy('code').execute();
}

export async function findUnit(db: Kysely<OrgTables>, code: string) {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findDivisions(db: Kysely<OrgTables>, level: DivisionsTable['level']) {
  return db
    .selectFrom('divisions')
    .selectAll()
    .where('level', '=', level)
    .orderBy('code')
    .execute();
}

export async function countUnitsByLevel(db: Kysely<OrgTables>, pathPrefix: string) {
  return db
    .selectFrom('org_units')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('path', 'like', `${pathPrefix}%`)
    .groupBy('level')
    .execute();
}

export async function countStaff(db: Kysely<OrgTables>, pathPrefix: string) {
  const row = await db
    .selectFrom('staff')
    .innerJoin('org_units', 'org_units.code', 'staff.unit_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_units.path', 'like', `${pathPrefix}%`)
    .where('staff.active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countStaffByPosition(
  db: Kysely<OrgTables>,
  pathPrefix: string,
  position: string,
) {
  const row = await db
    .selectFrom('staff')
    .innerJoin('org_units', 'org_units.code', 'staff.unit_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_units.path', 'like', `${pathPrefix}%`)
    .where('staff.position', '=', position)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findStaffByIds(db: Kysely<OrgTables>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'phone', 'unit_code'])
    .where('id', 'in', ids)
    .execute();
}

export async function findStaffByUnit(db: Kysely<OrgTables>, unitCode: string, position?: string) {
  let q = db.selectFrom('staff').selectAll().where('unit_code', '=', unitCode);
  if (position) q = q.where('position', '=', position);
  return q.orderBy('id').execute();
}

export async function countDivisions(db: Kysely<OrgTables>) {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDivisions(db: Kysely<OrgTables>, rows: Insertable<DivisionsTable>[]) {
  for (const row of rows) await db.insertInto('divisions').values(row).execute();
}

export async function insertUnits(db: Kysely<OrgTables>, rows: Insertable<OrgUnitsTable>[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('org_units')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function insertStaff(db: Kysely<OrgTables>, rows: Insertable<StaffTable>[]) {
  // 12 columns: 400 rows a statement stays under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('staff')
      .values(rows.slice(i, i + 400))
      .execute();
  }
}

/** Org units that have a location (offices and logistics centres), for the disruption layer. */
export async function findLocatedUnits(db: Kysely<OrgTables>) {
  return db
    .selectFrom('org_units')
    .select(['code', 'company_id', 'name', 'level', 'path', 'division_code', 'lon', 'lat'])
    .where('lon', 'is not', null)
    .where('lat', 'is not', null)
    .orderBy('code')
    .execute();
}

/** Active staff with a home location, for the disruption layer. */
export async function findStaffHomes(db: Kysely<OrgTables>) {
  return db
    .selectFrom('staff')
    .innerJoin('org_units', 'org_units.code', 'staff.unit_code')
    .select([
      'staff.id',
      'staff.company_id',
      'staff.unit_code',
      'org_units.path',
      'staff.home_lon',
      'staff.home_lat',
    ])
    .where('staff.active', '=', 1)
    .where('staff.home_lon', 'is not', null)
    .where('staff.home_lat', 'is not', null)
    .orderBy('staff.id')
    .execute();
}
