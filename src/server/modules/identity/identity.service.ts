import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../../contracts/auth';
import { recordAudit } from '../../platform/audit';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { isRole, roleLabels, rolePermissions, type Role } from '../../platform/auth/roles';
import { emptyScope, type Actor, type DataScope } from '../../platform/auth/scope';
import { tablesOf } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import type { UnitDirectory, UnitInfo } from '../org';
import { retailerForAccount } from '../retail';
import * as repo from './identity.repository';
import {
  afterFailure,
  isValidUsername,
  lockedUntil,
  passwordProblems,
  type LockoutPolicy,
  type ThrottleState,
} from './identity.rules';
import type { IdentityTables } from './identity.tables';
import { provinceCode } from '../../../engines/geo';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// A verified hash to compare against when the username is unknown, so that timing does not tell
// which usernames exist. It stays at module level on purpose: a memo of a constant input (the
// hash of a fixed decoy password), the same for every app and database, with nothing to
// invalidate or close (docs/architecture.md#where-state-lives lists the state that is per app).
let decoyHash: Promise<string> | null = null;

function scopeFor(role: Role, unit: UnitInfo, retailerId: string | null): DataScope {
  if (role === 'retailer') {
    // A retailer sees its shop or nothing: never its unit's county or company.
    return retailerId && unit.countyCode
      ? { kind: 'retailer', retailerId, cityCode: unit.cityCode!, countyCode: unit.countyCode }
      : emptyScope;
  }
  if (unit.countyCode)
    return { kind: 'county', cityCode: unit.cityCode!, countyCode: unit.countyCode };
  if (unit.cityCode) return { kind: 'city', cityCode: unit.cityCode };
  return { kind: 'province' };
}

async function actorOf(units: UnitDirectory, user: repo.UserRow): Promise<Actor | null> {
  if (!isRole(user.role) || user.disabled) return null;
  const unit = await units.findUnitForScope(user.unit_code);
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
    private readonly units: UnitDirectory,
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
    const actor = await actorOf(this.units, row);
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

  /** Forgets every cached session of a user (disabled, password changed) but `keepToken`. */
  evictUser(userId: string, keepToken: string | null = null): void {
    for (const [token, entry] of this.cache) {
      if (entry.actor.userId === userId && token !== keepToken) this.cache.delete(token);
    }
  }
}

export async function describeUser(
  units: UnitDirectory,
  actor: Actor,
  language: Language,
): Promise<CurrentUser> {
  const unit = await units.findUnitForScope(actor.unitCode);
  const unitName = unit ? (language === 'en' ? unit.nameEn : unit.name) : actor.unitCode;
  const label = roleLabels[actor.role];
  const scopeUnit =
    actor.scope.kind === 'province'
      ? await units.findUnitForScope(provinceCode)
      : actor.scope.kind === 'city'
        ? await units.findUnitForScope(actor.scope.cityCode)
        : await units.findUnitForScope(actor.scope.countyCode);
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

export interface LoginNotice {
  failedAttempts: number;
  lastFailedAt: string;
  lastFailedIp: string | null;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
  /** Failed attempts on this account since its last successful log-in, for its owner. */
  notice: LoginNotice | null;
}

export interface LoginInput {
  username: string;
  password: string;
  userAgent?: string | undefined;
  ip?: string;
}

export interface LoginPolicy {
  sessionTtlHours: number;
  lockout: LockoutPolicy;
  now: Date;
}

function throttleState(row: repo.ThrottleRow | undefined): ThrottleState | null {
  if (!row) return null;
  return {
    failures: Number(row.failures),
    lockedUntil: row.locked_until,
    unseenFailures: Number(row.unseen_failures),
    lastFailedAt: row.last_failed_at,
    lastFailedIp: row.last_failed_ip,
  };
}

function lockedError(until: string) {
  // Shanghai wall-clock time: what the person at the screen reads.
  const local = new Date(Date.parse(until) + 8 * 3_600_000).toISOString().slice(0, 16);
  return new AppError('ACCOUNT_LOCKED', {
    params: { until: local.replace('T', ' ') },
    details: { lockedUntil: until },
  });
}

/**
 * Counts one failed attempt on an account name and audits it (`auth.login_failed`, and
 * `auth.locked` when this failure starts a lockout); returns the lockout end if one now applies.
 */
async function recordFailure(
  db: Kysely<any>,
  username: string,
  user: repo.UserRow | undefined,
  input: { ip?: string | undefined; reason: 'password' | 'locked' },
  lockout: LockoutPolicy,
  now: Date,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    await repo.lockThrottle(t, username, now.toISOString());
    const state = throttleState(await repo.findThrottle(t, username));
    const { next, lockedNow } = afterFailure(state, now, input.ip ?? null, lockout);
    await repo.saveThrottle(t, {
      username,
      failures: next.failures,
      locked_until: next.lockedUntil,
      unseen_failures: next.unseenFailures,
      last_failed_at: next.lastFailedAt,
      last_failed_ip: next.lastFailedIp,
    });
    // Unknown names are audited without the name: people type passwords into the wrong field.
    const meta = { actor: null, ip: input.ip };
    const entry = {
      entityType: 'user',
      entityId: user?.id ?? null,
      companyId: user?.company_id ?? provinceCode,
    };
    await recordAudit(trx, meta, {
      ...entry,
      action: 'auth.login_failed',
      after: { reason: input.reason, knownUser: user !== undefined },
    });
    if (lockedNow) {
      await recordAudit(trx, meta, {
        ...entry,
        action: 'auth.locked',
        after: { until: next.lockedUntil, failures: lockout.maxFailures },
      });
    }
    return lockedUntil(next, now);
  });
}

/**
 * Checks the password and opens a session; the same refusal whether the user or the password is
 * wrong. Failures are counted per account name as well as limited per address (the route's rate
 * limit): after `lockout.maxFailures` in a row the account refuses even the right password until
 * the cool-down ends (docs/architecture.md#security-and-data-scope).
 */
export async function logIn(
  db: Kysely<any>,
  units: UnitDirectory,
  input: LoginInput,
  policy: LoginPolicy,
): Promise<LoginResult> {
  const { now } = policy;
  const idb = tablesOf<IdentityTables>(db);
  const username = input.username;
  const [user, throttle] = await Promise.all([
    repo.findUserByUsername(idb, username),
    repo.findThrottle(idb, username),
  ]);
  const locked = lockedUntil(throttleState(throttle), now);
  if (locked) {
    await recordFailure(
      db,
      username,
      user,
      { ip: input.ip, reason: 'locked' },
      policy.lockout,
      now,
    );
    throw lockedError(locked);
  }
  let ok: boolean;
  if (!user) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(input.password, await decoyHash);
    ok = false;
  } else {
    ok = await verifyPassword(input.password, user.password_hash);
  }
  if (!ok || !user) {
    const until = await recordFailure(
      db,
      username,
      user,
      { ip: input.ip, reason: 'password' },
      policy.lockout,
      now,
    );
    throw until ? lockedError(until) : new AppError('INVALID_CREDENTIALS');
  }
  // The right password of a disabled account: saying so tells nothing to someone without it.
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
  const actor = await actorOf(units, user);
  if (!actor) throw new AppError('INVALID_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.sessionTtlHours * 3600_000);
  const notice = await db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const seen = throttleState(await repo.findThrottle(t, username));
    await repo.deleteThrottle(t, username);
    await repo.insertSession(t, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: input.userAgent?.slice(0, 200) ?? null,
    });
    await repo.touchLastLogin(t, user.id, now.toISOString());
    const told: LoginNotice | null =
      seen && seen.unseenFailures > 0
        ? {
            failedAttempts: seen.unseenFailures,
            lastFailedAt: seen.lastFailedAt,
            lastFailedIp: seen.lastFailedIp,
          }
        : null;
    await recordAudit(
      trx,
      { actor, ip: input.ip },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ...(told ? { after: { failedAttemptsSinceLastLogin: told.failedAttempts } } : {}),
      },
    );
    return told;
  });
  return { token, expiresAt, actor, notice };
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
  /** The org unit; a retailer's is its shop's county (given or not). Default: the province. */
  unitCode?: string;
  staffId?: string | null;
  retailerId?: string | null;
}

/** Creates one user (the CLI's `user create`, the admin screen); validates before writing. */
export async function createUser(
  db: Kysely<any>,
  units: UnitDirectory,
  input: NewUser,
  createdBy: Actor | null,
) {
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
  let unitCode = input.unitCode ?? provinceCode;
  let retailerId = input.retailerId ?? null;
  if (input.role === 'retailer') {
    // A retailer account without its shop would have no scope at all: refuse it up front.
    const shop = retailerId ? await retailerForAccount(db, retailerId) : null;
    if (!shop) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          {
            path: 'retailerId',
            message: retailerId
              ? `unknown retailer ${retailerId} (give its id or licence number)`
              : 'a retailer account needs its shop (--retailer <id or licence number>)',
          },
        ],
      });
    }
    if (input.unitCode !== undefined && input.unitCode !== shop.countyCode) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          {
            path: 'unitCode',
            message: `a retailer belongs to its shop's county ${shop.countyCode}`,
          },
        ],
      });
    }
    unitCode = shop.countyCode;
    retailerId = shop.id;
  }
  const unit = await units.findUnitForScope(unitCode);
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
        unit_code: unitCode,
        staff_id: input.staffId ?? null,
        retailer_id: retailerId,
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
        after: { username: input.username, role: input.role, unitCode, retailerId },
      },
    );
  });
  return { id };
}

/** The actor behind an enabled username, for commands run by an operator on someone's behalf. */
export async function actorForUsername(
  db: Kysely<any>,
  units: UnitDirectory,
  username: string,
): Promise<Actor | null> {
  const user = await repo.findUserByUsername(tablesOf<IdentityTables>(db), username);
  return user ? actorOf(units, user) : null;
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

const userEntity = { zh: '用户', en: 'user' };

/** Users the administrator may manage: all of them from the province, else their company's. */
export async function listUsers(
  ctx: ServiceContext,
  query: { search?: string | undefined; limit: number; offset: number },
  language: Language,
) {
  const { rows, total } = await repo.listUsers(tablesOf<IdentityTables>(ctx.db), {
    companyId: ctx.actor.scope.kind === 'province' ? null : ctx.actor.companyId,
    search: query.search?.trim() ? query.search.trim() : null,
    limit: query.limit,
    offset: query.offset,
  });
  return {
    total,
    users: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      roleLabel: isRole(r.role) ? roleLabels[r.role][language === 'en' ? 'en' : 'zh'] : r.role,
      unitCode: r.unit_code,
      disabled: Boolean(Number(r.disabled)),
      createdAt: r.created_at,
      lastLoginAt: r.last_login_at,
    })),
  };
}

/**
 * Disables a user and ends all of their sessions at once, or enables them again. An administrator
 * cannot disable themself (the platform would lose its last door in a one-admin install).
 */
export async function setUserDisabled(
  ctx: Pick<ServiceContext, 'db' | 'requestId' | 'ip'> & { actor: Actor | null },
  target: { id?: string; username?: string },
  disabled: boolean,
  resolver: SessionResolver | null,
) {
  const idb = tablesOf<IdentityTables>(ctx.db);
  const user = target.id
    ? await repo.findUserById(idb, target.id)
    : await repo.findUserByUsername(idb, target.username ?? '');
  const inScope =
    user &&
    (ctx.actor === null ||
      ctx.actor.scope.kind === 'province' ||
      user.company_id === ctx.actor.companyId);
  if (!user || !inScope) throw outOfScope(userEntity);
  if (disabled && ctx.actor?.userId === user.id) {
    throw ruleRefused({ zh: '不能停用自己的账户', en: 'you cannot disable your own account' });
  }
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    await repo.setDisabled(t, user.id, disabled);
    const ended = disabled ? await repo.deleteSessionsOfUser(t, user.id) : 0;
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: disabled ? 'user.disable' : 'user.enable',
        entityType: 'user',
        entityId: user.id,
        companyId: user.company_id,
        before: { disabled: Boolean(Number(user.disabled)) },
        after: { disabled, sessionsRevoked: ended },
      },
    );
    return ended;
  });
  if (disabled) resolver?.evictUser(user.id);
  return { id: user.id, username: user.username, disabled, sessionsRevoked: revoked };
}

/**
 * The logged-in user changes their password: the current one must be right (wrong guesses count
 * towards the account's lockout), the new one must pass the policy and differ; every other session
 * of the user ends, the one in hand stays.
 */
export async function changePassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string; token: string },
  resolver: SessionResolver,
  lockout: LockoutPolicy,
  now: Date,
) {
  const idb = tablesOf<IdentityTables>(ctx.db);
  const user = await repo.findUserById(idb, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const locked = lockedUntil(throttleState(await repo.findThrottle(idb, user.username)), now);
  if (locked) throw lockedError(locked);
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    const until = await recordFailure(
      ctx.db,
      user.username,
      user,
      { ip: ctx.ip, reason: 'password' },
      lockout,
      now,
    );
    if (until) throw lockedError(until);
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'currentPassword', message: 'not the current password' }],
    });
  }
  const problems = passwordProblems(input.newPassword);
  if (input.newPassword === input.currentPassword) problems.push('to differ from the current one');
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'newPassword', message: `needs ${problems.join(', ')}` }],
    });
  }
  const hash = await hashPassword(input.newPassword);
  const keep = hashToken(input.token);
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    await repo.setPasswordHash(t, user.id, hash);
    const n = await repo.deleteSessionsOfUser(t, user.id, keep);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
        companyId: user.company_id,
        after: { otherSessionsRevoked: n },
      },
    );
    return n;
  });
  resolver.evictUser(user.id, input.token);
  return { otherSessionsRevoked: ended };
}

/**
 * The scheduled clean-up: deletes expired sessions and forgets failed-log-in counts a month old
 * whose lockout has ended (the owner has had a month to be told).
 */
export async function purgeExpiredSessions(db: Kysely<any>, now: Date) {
  const t = tablesOf<IdentityTables>(db);
  const sessions = await repo.deleteExpiredSessions(t, now.toISOString());
  const throttles = await repo.deleteStaleThrottles(
    t,
    new Date(now.getTime() - 30 * 86_400_000).toISOString(),
    now.toISOString(),
  );
  return { sessions, throttles };
}
