import type { Insertable, Kysely, Selectable } from 'kysely';
import type { IdentityTables, SessionsTable, UsersTable } from './identity.tables';

export type UserRow = Selectable<UsersTable>;

export async function findUserByUsername(db: Kysely<IdentityTables>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Kysely<IdentityTables>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSessionUser(db: Kysely<IdentityTables>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.expires_at as session_expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<IdentityTables>, row: Insertable<SessionsTable>) {
  await db.insertInto('sessions').values(row).execute();
}

export async function deleteSession(db: Kysely<IdentityTables>, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<IdentityTables>, nowIso: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', nowIso).execute();
}

export async function touchLastLogin(db: Kysely<IdentityTables>, id: string, at: string) {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function insertUsers(db: Kysely<IdentityTables>, rows: Insertable<UsersTable>[]) {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('users')
      .values(rows.slice(i, i + 400))
      .execute();
  }
}

export async function countUsers(db: Kysely<IdentityTables>) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
