import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCommand } from '../../src/cli/commands/user';
import { demoPassword } from '../../src/server/flows/demo';
import { purgeExpiredSessions } from '../../src/server/modules/identity';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

// One app whose auth clock the tests move on (cool-downs), with a small lockout.
let now = Date.now();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    authClock: () => new Date(now),
    loginLockout: { maxFailures: 3, cooldownMinutes: 15 },
  });
});
afterAll(async () => {
  await t?.close();
});

function login(username: string, password: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    payload: { username, password },
  });
}

async function auditOf(action: string, entityId: string) {
  return t.db.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .execute();
}

describe('failed log-ins per account', () => {
  it('locks the account after three failures, refusing even the right password during the cool-down', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await login('datong', `wrong-pass-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 423]);
    const refused = await login('datong', demoPassword);
    expect(refused.statusCode).toBe(423);
    expect(errorOf(refused).code).toBe('ACCOUNT_LOCKED');
    expect(errorOf(refused).message).toMatch(
      /^该账户因多次登录失败已暂时锁定，请在 \d{4}-\d\d-\d\d \d\d:\d\d 之后再试$/,
    );
    const english = await login('datong', demoPassword, { 'accept-language': 'en' });
    expect(errorOf(english).message).toMatch(
      /^This account is locked after repeated failed log-ins/,
    );

    expect(await auditOf('auth.login_failed', 'usr_datong')).toHaveLength(5);
    const locked = await auditOf('auth.locked', 'usr_datong');
    expect(locked).toHaveLength(1);
    expect(locked[0]!.company_id).toBe('140200');
  });

  it('lets the owner in after the cool-down and tells them of the failed attempts', async () => {
    now += 16 * 60_000;
    const response = await login('datong', demoPassword);
    expect(response.statusCode).toBe(200);
    const notice = response.json().notice;
    expect(notice).toMatchObject({ failedAttempts: 5, lastFailedIp: '127.0.0.1' });
    expect(Date.parse(notice.lastFailedAt)).toBeLessThan(now);
    // Told once: the next log-in has nothing to report.
    const again = await login('datong', demoPassword);
    expect(again.json().notice).toBeNull();
  });

  it('locks an unknown name just like a real one, so a lockout does not reveal usernames', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await login('no-such-person', 'x1y2z3w4')).statusCode);
    expect(codes).toEqual([401, 401, 423, 423]);
    const rows = await t.db.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', 'is', null)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.map((r) => r.after_json).join()).not.toContain('no-such-person');
  });

  it('counts simultaneous failures one by one: a burst cannot slip past the lockout', async () => {
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login('taiyuan.driver', `wrong-pass-${i}`)),
    );
    expect(burst.filter((r) => r.statusCode === 401)).toHaveLength(2);
    expect(burst.filter((r) => r.statusCode === 423)).toHaveLength(6);
    expect(await auditOf('auth.locked', 'usr_taiyuan_driver')).toHaveLength(1);
    expect((await login('taiyuan.driver', demoPassword)).statusCode).toBe(423);
  });

  it('starts counting afresh after a success', async () => {
    await login('analyst', 'wrong-pass-1');
    await login('analyst', 'wrong-pass-2');
    expect((await login('analyst', demoPassword)).statusCode).toBe(200);
    expect((await login('analyst', 'wrong-pass-3')).statusCode).toBe(401);
    expect((await login('analyst', 'wrong-pass-4')).statusCode).toBe(401);
    expect((await login('analyst', demoPassword)).statusCode).toBe(200);
  });
});

describe('disabling a user', () => {
  it('ends all of their sessions at once and refuses their log-in until enabled', async () => {
    const admin = await t.login('admin');
    const first = (await login('xiaodian.licence', demoPassword)).json().token as string;
    const second = (await login('xiaodian.licence', demoPassword)).json().token as string;
    // Warm the session cache: disabling must not wait for it to expire.
    for (const token of [first, second]) {
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect(me.statusCode).toBe(200);
    }
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/users?search=licence',
      headers: bearer(admin),
    });
    expect(list.statusCode).toBe(200);
    const user = list
      .json()
      .users.find((u: { username: string }) => u.username === 'xiaodian.licence');
    expect(user).toMatchObject({
      id: 'usr_xiaodian_licence',
      roleLabel: '专卖许可员',
      disabled: false,
    });

    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/disable`,
      headers: bearer(admin),
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, sessionsRevoked: 2 });
    for (const token of [first, second]) {
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect(me.statusCode).toBe(401);
    }
    const refused = await login('xiaodian.licence', demoPassword);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('ACCOUNT_DISABLED');
    expect(await auditOf('user.disable', user.id)).toHaveLength(1);

    const enabled = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/enable`,
      headers: bearer(admin),
    });
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect((await login('xiaodian.licence', demoPassword)).statusCode).toBe(200);
  });

  it('is for administrators only, not for themselves, and 404s an unknown user', async () => {
    const manager = await t.login('taiyuan');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/users/usr_xiaodian_staff/disable',
      headers: bearer(manager),
    });
    expect(forbidden.statusCode).toBe(403);
    const admin = await t.login('admin');
    const self = await t.app.inject({
      method: 'POST',
      url: '/api/users/usr_admin/disable',
      headers: bearer(admin),
    });
    expect(self.statusCode).toBe(422);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/users/usr_nobody/disable',
      headers: { ...bearer(admin), 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).message).toBe('No such user within your data scope');
  });

  it('works from the command line: tongxin user disable --username X', async () => {
    const db = await openTestDatabase({ fileName: 'tongxin.db' });
    const saved = { ...process.env };
    try {
      const { seedDemo } = await import('../../src/server/flows/demo');
      await seedDemo(db.db, { scale: 'tiny', seed: 7 });
      await db.db
        .insertInto('sessions')
        .values({
          token_hash: 'h1',
          user_id: 'usr_taiyuan_keeper',
          created_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          user_agent: null,
        })
        .execute();
      if (db.url) process.env.DATABASE_URL = db.url;
      else process.env.TONGXIN_VAR_DIR = db.sqlitePath!.replace(/\/tongxin\.db$/, '');
      expect(await userCommand(['disable', '--username', 'taiyuan.keeper'])).toBe(0);
      const row = await db.db
        .selectFrom('users')
        .select(['disabled'])
        .where('username', '=', 'taiyuan.keeper')
        .executeTakeFirstOrThrow();
      expect(Number(row.disabled)).toBe(1);
      const sessions = await db.db
        .selectFrom('sessions')
        .select(['token_hash'])
        .where('user_id', '=', 'usr_taiyuan_keeper')
        .execute();
      expect(sessions).toEqual([]);
      expect(await userCommand(['disable', '--username', 'nobody-at-all'])).toBe(2);
      expect(await userCommand(['enable', '--username', 'taiyuan.keeper'])).toBe(0);
    } finally {
      process.env = saved;
      await db.dispose();
    }
  });
});

describe('changing one’s password', () => {
  it('needs the current password and a strong new one, and ends the other sessions only', async () => {
    const mine = (await login('xiaodian.planner', demoPassword)).json().token as string;
    const other = (await login('xiaodian.planner', demoPassword)).json().token as string;
    const change = (body: object, token = mine) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(token),
        payload: body,
      });

    const wrong = await change({ currentPassword: 'not-it-123', newPassword: 'Better-pass-42' });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details).toEqual([
      { path: 'currentPassword', message: 'not the current password' },
    ]);
    const weak = await change({ currentPassword: demoPassword, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(weak).details)).toContain('newPassword');
    const same = await change({ currentPassword: demoPassword, newPassword: demoPassword });
    expect(same.statusCode).toBe(400);

    const ok = await change({ currentPassword: demoPassword, newPassword: 'Better-pass-42' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, otherSessionsRevoked: 1 });
    const me = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect((await me(mine)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login('xiaodian.planner', demoPassword)).statusCode).toBe(401);
    expect((await login('xiaodian.planner', 'Better-pass-42')).statusCode).toBe(200);
    expect(await auditOf('user.password_change', 'usr_xiaodian_planner')).toHaveLength(1);
  });

  it('refuses without a session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'a', newPassword: 'b' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('expired sessions', () => {
  it('are deleted by the scheduled clean-up, live ones kept', async () => {
    const live = (await login('taiyuan.epi', demoPassword)).json().token as string;
    await t.db.db
      .insertInto('sessions')
      .values({
        token_hash: 'expired-one',
        user_id: 'usr_taiyuan_epi',
        created_at: new Date(now - 20 * 3_600_000).toISOString(),
        expires_at: new Date(now - 8 * 3_600_000).toISOString(),
        user_agent: null,
      })
      .execute();
    const result = await purgeExpiredSessions(t.db.db, new Date(now));
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    const left = await t.db.db
      .selectFrom('sessions')
      .select(['token_hash', 'expires_at'])
      .execute();
    expect(left.map((s) => s.token_hash)).not.toContain('expired-one');
    expect(left.every((s) => Date.parse(s.expires_at) >= now)).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(live) });
    expect(me.statusCode).toBe(200);
  });
});
