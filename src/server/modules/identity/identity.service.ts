import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../../contracts/auth';
import { recordAudit } from '../../platform/audit';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { isRole, roleLabels, rolePermissions, type Role } from '../../platform/auth/roles';
import type { Actor, DataScope } from '../../platform/auth/scope';
import { tablesOf } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import { findUnitForScope, type UnitInfo } from '../org';
import * as repo from './identity.repository';
import { isValidUsername, passwordProblems } from './identity.rules';
import type { IdentityTables } from './identity.tables';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// A verified hash to compare against when the username is unknown, so that timing does not tell
// which usernames exist.
let decoyHash: Promise<string> | null = null;

function scopeFor(role: Role, unit: UnitInfo, retailerId: string | null): DataScope {
  if (role === 'retailer' && retailerId && unit.countyCode) {
    return { kind: 'retailer', retailerId, cityCode: unit.cityCode!, countyCode: unit.countyCode };
  }
  if (unit.countyCode)
    return { kind: 'county', cityCode: unit.cityCode!, countyCode: unit.countyCode };
  if (unit.cityCode) return { kind: 'city', cityCode: unit.cityCode };
  return { kind: 'province' };
}

async function actorOf(db: Kysely<any>, user: repo.UserRow): Promise<Actor | null> {
  if (!isRole(user.role) || user.disabled) return null;
  const unit = await findUnitForScope(db, user.unit_code);
  if (!unit) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitCode: user.unit_code,
    companyId: user.company_id,
    staffId: user.staff_id,
    retailerId: user.retailer_id,
    scope: scopeFor(user.role, unit, user.retailer_id),
  };
}

interface CachedActor {
  actor: Actor;
  sessionExpiresAt: number;
  cachedUntil: number;
}

/**
 * Resolves tokens to actors. A short-lived cache keeps the session lookup off the hot path of
 * ordering day; log-out evicts at once, and a disabled user is refused within the cache lifetime.
 */
export class SessionResolver {
  private readonly cache = new Map<string, CachedActor>();
  constructor(
    private readonly db: Kysely<any>,
    private readonly cacheMs = 30_000,
  ) {}

  async resolve(token: string): Promise<Actor | null> {
    if (token.length > 200) return null;
    const now = Date.now();
    // Keyed by the token itself: hashing it on every request was a visible share of a small
    // request's cost, and the hash is needed only to find the session in the database.
    const cached = this.cache.get(token);
    if (cached && cached.cachedUntil > now && cached.sessionExpiresAt > now) return cached.actor;
    const row = await repo.findSessionUser(tablesOf<IdentityTables>(this.db), hashToken(token));
    if (!row || Date.parse(row.session_expires_at) <= now) {
      this.cache.delete(token);
      return null;
    }
    const actor = await actorOf(this.db, row);
    if (!actor) return null;
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(token, {
      actor,
      sessionExpiresAt: Date.parse(row.session_expires_at),
      cachedUntil: now + this.cacheMs,
    });
    return actor;
  }

  evict(token: string): void {
    this.cache.delete(token);
  }
}

export async function describeUser(
  db: Kysely<any>,
  actor: Actor,
  language: Language,
): Promise<CurrentUser> {
  const unit = await findUnitForScope(db, actor.unitCode);
  const unitName = unit ? (language === 'en' ? unit.nameEn : unit.name) : actor.unitCode;
  const label = roleLabels[actor.role];
  const scopeUnit =
    actor.scope.kind === 'province'
      ? await findUnitForScope(db, '140000')
      : actor.scope.kind === 'city'
        ? await findUnitForScope(db, actor.scope.cityCode)
        : await findUnitForScope(db, actor.scope.countyCode);
  const scopeName = scopeUnit ? (language === 'en' ? scopeUnit.nameEn : scopeUnit.name) : '';
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: language === 'en' ? label.en : label.zh,
    unitCode: actor.unitCode,
    unitName,
    scope: {
      kind: actor.scope.kind,
      label:
        actor.scope.kind === 'retailer'
          ? language === 'en'
            ? 'Own shop only'
            : '仅本店'
          : scopeName,
    },
    retailerId: actor.retailerId,
    permissions: [...rolePermissions[actor.role]],
  };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** Checks the password and opens a session; the same refusal whether the user or the password is wrong. */
export async function logIn(
  db: Kysely<any>,
  input: { username: string; password: string; userAgent?: string | undefined; ip?: string },
  sessionTtlHours: number,
): Promise<LoginResult> {
  const idb = tablesOf<IdentityTables>(db);
  const user = await repo.findUserByUsername(idb, input.username);
  if (!user) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(input.password, await decoyHash);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  const actor = ok ? await actorOf(db, user) : null;
  if (!actor) throw new AppError('INVALID_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + sessionTtlHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    await repo.insertSession(t, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: input.userAgent?.slice(0, 200) ?? null,
    });
    await repo.touchLastLogin(t, user.id, now.toISOString());
    await recordAudit(
      trx,
      { actor, ip: input.ip },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      },
    );
  });
  return { token, expiresAt, actor };
}

export async function logOut(
  db: Kysely<any>,
  actor: Actor,
  token: string,
  resolver: SessionResolver,
) {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(tablesOf<IdentityTables>(trx), hashToken(token));
    await recordAudit(
      trx,
      { actor },
      { action: 'auth.logout', entityType: 'user', entityId: actor.userId },
    );
  });
  resolver.evict(token);
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  unitCode: string;
  staffId?: string | null;
  retailerId?: string | null;
}

/** Creates one user (the CLI's `user create`, the admin screen); validates before writing. */
export async function createUser(db: Kysely<any>, input: NewUser, createdBy: Actor | null) {
  if (!isValidUsername(input.username)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'username', message: '3–64 letters, digits, . _ -' }],
    });
  }
  const problems = passwordProblems(input.password);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'password', message: `needs ${problems.join(', ')}` }],
    });
  }
  const unit = await findUnitForScope(db, input.unitCode);
  if (!unit) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'unitCode', message: 'unknown org unit' }],
    });
  }
  const idb = tablesOf<IdentityTables>(db);
  if (await repo.findUserByUsername(idb, input.username)) {
    throw new AppError('CONFLICT', {
      params: { reason: { zh: '用户名已存在', en: 'username taken' } },
    });
  }
  const id = newId('usr');
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await repo.insertUsers(tablesOf<IdentityTables>(trx), [
      {
        id,
        company_id: unit.companyId,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        unit_code: input.unitCode,
        staff_id: input.staffId ?? null,
        retailer_id: input.retailerId ?? null,
        language: 'zh-CN',
        disabled: 0,
        created_at: new Date().toISOString(),
        last_login_at: null,
      },
    ]);
    await recordAudit(
      trx,
      { actor: createdBy },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        companyId: unit.companyId,
        after: { username: input.username, role: input.role, unitCode: input.unitCode },
      },
    );
  });
  return { id };
}

export async function countUsers(db: Kysely<any>) {
  return repo.countUsers(tablesOf<IdentityTables>(db));
}

export async function insertUsersInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertUsers>[1],
) {
  await repo.insertUsers(tablesOf<IdentityTables>(db), rows);
}
