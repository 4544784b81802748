import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/flows/demo';
import { bearer, errorOf, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('log-in', () => {
  it('returns a bearer token, the user with scope, and an HttpOnly SameSite session cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'taiyuan', password: demoPassword },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'taiyuan',
      role: 'city_manager',
      unitCode: '140100',
      scope: { kind: 'city', label: '太原市' },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`tx_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('accepts the session cookie as well as the bearer token', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'analyst', password: demoPassword },
    });
    const token = login.json().token as string;
    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { tx_session: token },
    });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().user.username).toBe('analyst');
  });

  it('refuses a wrong password and an unknown user with the same error, in Chinese by default', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'taiyuan', password: 'nope-nope-1' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'nope-nope-1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong)).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(errorOf(unknown)).toEqual(errorOf(wrong));
  });

  it('answers in English when asked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'taiyuan', password: 'wrong-pass-1' },
    });
    expect(errorOf(response).message).toBe('Wrong username or password');
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const row = await t.db.db
      .selectFrom('users')
      .select(['password_hash'])
      .where('username', '=', 'taiyuan')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(demoPassword);
  });

  it('audits log-ins', async () => {
    await t.login('xiaodian.am');
    const rows = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('actor_id', '=', 'usr_xiaodian_am')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.company_id).toBe('140100');
  });
});

describe('sessions', () => {
  it('refuses requests without a session with 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/retailers' });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer('x'.repeat(43)),
    });
    expect(response.statusCode).toBe(401);
  });

  it('ends the session on log-out', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'datong', password: demoPassword },
    });
    const token = login.json().token as string;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(token),
    });
    expect(logout.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(token),
    });
    expect(after.statusCode).toBe(401);
  });

  it('forbids a role without the permission (403)', async () => {
    const token = await t.login('taiyuan.driver');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/retailers',
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff and frame protections', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('rate limiting', () => {
  it('answers 429 in the error shape after too many log-in attempts', async () => {
    const limited = await startTestApp({ seed: false, loginAttemptsPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'someone', password: 'wrong-pass-1' },
        });
        codes.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(errorOf(response)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
        }
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
