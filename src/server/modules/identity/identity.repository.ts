import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  IdentityTables,
  LoginThrottleTable,
  SessionsTable,
  UsersTable,
} from './identity.tables';

export type UserRow = Selectable<UsersTable>;
export type ThrottleRow = Selectable<LoginThrottleTable>;

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

export async function deleteExpiredSessions(db: Kysely<IdentityTables>, nowIso: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', nowIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of a user, or every one but `keepTokenHash` (a password change). */
export async function deleteSessionsOfUser(
  db: Kysely<IdentityTables>,
  userId: string,
  keepTokenHash: string | null = null,
) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash !== null) q = q.where('token_hash', '<>', keepTokenHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setDisabled(db: Kysely<IdentityTables>, id: string, disabled: boolean) {
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function setPasswordHash(db: Kysely<IdentityTables>, id: string, hash: string) {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
}

/** Users for the administrator's list, optionally of one company, by username. */
export async function listUsers(
  db: Kysely<IdentityTables>,
  query: { companyId: string | null; search: string | null; limit: number; offset: number },
) {
  let q = db.selectFrom('users');
  if (query.companyId !== null) q = q.where('company_id', '=', query.companyId);
  if (query.search !== null) {
    const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('username', 'like', sql<string>`${like} escape '\\'`),
        eb('display_name', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'username',
        'display_name',
        'role',
        'unit_code',
        'disabled',
        'created_at',
        'last_login_at',
      ])
      .orderBy('username')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findThrottle(db: Kysely<IdentityTables>, username: string) {
  return db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
}

/**
 * Makes sure the name has a row and holds its write lock until the transaction ends, so that
 * concurrent failures on one account are counted one after another (PostgreSQL locks the row on
 * update; SQLite has one writer at a time anyway).
 */
export async function lockThrottle(db: Kysely<IdentityTables>, username: string, nowIso: string) {
  await db
    .insertInto('login_throttle')
    .values({
      username,
      failures: 0,
      locked_until: null,
      unseen_failures: 0,
      last_failed_at: nowIso,
      last_failed_ip: null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb.ref('failures') }))
    .where('username', '=', username)
    .execute();
}

export async function saveThrottle(
  db: Kysely<IdentityTables>,
  row: Selectable<LoginThrottleTable>,
) {
  const { username: _key, ...rest } = row;
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('username').doUpdateSet(rest))
    .execute();
}

export async function deleteThrottle(db: Kysely<IdentityTables>, username: string) {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** Forgets failures older than `beforeIso` whose lockout (if any) has ended. */
export async function deleteStaleThrottles(
  db: Kysely<IdentityTables>,
  beforeIso: string,
  nowIso: string,
) {
  const result = await db
    .deleteFrom('login_throttle')
    .where('last_failed_at', '<', beforeIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
