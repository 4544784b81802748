import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { WorkforceMembersTable, WorkforceTables } from './workforce.tables';
import { inSubtree } from './subtree';

type Db = Kysely<WorkforceTables>;
export type MemberRow = Selectable<WorkforceMembersTable>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function insertMembers(db: Db, rows: Insertable<WorkforceMembersTable>[]) {
  // 14 columns: 1,000 rows a statement stays under both databases' parameter limits.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('workforce_members')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function findMembersUnder(db: Db, pathPrefix: string): Promise<MemberRow[]> {
  return db
    .selectFrom('workforce_members')
    .selectAll()
    .where(inSubtree(pathPrefix))
    .where('active', '=', 1)
    .execute();
}

export async function findMembersOfCompanies(db: Db, companyIds: string[]): Promise<MemberRow[]> {
  if (companyIds.length === 0) return [];
  return db
    .selectFrom('workforce_members')
    .selectAll()
    .where('company_id', 'in', companyIds)
    .where('active', '=', 1)
    .execute();
}

export async function findMember(db: Db, staffId: string) {
  return db
    .selectFrom('workforce_members')
    .selectAll()
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

export async function findMembersByIds(db: Db, ids: string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const rows: MemberRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('workforce_members')
        .selectAll()
        .where('staff_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}

export async function countMembersByUnit(db: Db, pathPrefix: string) {
  return db
    .selectFrom('workforce_members')
    .select(['unit_code', 'unit_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inSubtree(pathPrefix))
    .where('active', '=', 1)
    .groupBy(['unit_code', 'unit_path'])
    .execute();
}

export interface MemberFilter {
  pathPrefix: string;
  skill?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Db, f: MemberFilter) {
  let q = db.selectFrom('workforce_members').where(inSubtree(f.pathPrefix)).where('active', '=', 1);
  // Skills are a JSON array of plain keys, so a quoted key is an exact element match.
  // SQLite knows no default LIKE escape character, so it is named explicitly.
  if (f.skill) q = q.where(sql<boolean>`skills like ${`%"${escapeLike(f.skill)}"%`} escape '\\'`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    q = q.where(
      sql<boolean>`(name like ${pattern} escape '\\' or staff_id like ${pattern} escape '\\')`,
    );
  }
  return q;
}

export async function findMemberPage(db: Db, f: MemberFilter, page: number, pageSize: number) {
  return filtered(db, f)
    .selectAll()
    .orderBy('unit_path')
    .orderBy('staff_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export async function countMembers(db: Db, f: MemberFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
