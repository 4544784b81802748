import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/flows/demo';
import { buildApp } from '../../src/server/app';
import { openTestDatabase } from '../support/database';
import { startTestApp } from '../support/app';

async function attempts(t: Awaited<ReturnType<typeof startTestApp>>, forwarded: string[]) {
  const codes: number[] = [];
  for (const address of forwarded) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      // The test's socket peer is 127.0.0.1.
      headers: { 'x-forwarded-for': address },
      payload: { username: `someone-${codes.length}`, password: 'wrong-pass-1' },
    });
    codes.push(response.statusCode);
  }
  return codes;
}

describe('the client address behind a proxy', () => {
  it('ignores X-Forwarded-For without a trusted proxy: a client cannot dodge the limit', async () => {
    const t = await startTestApp({ seed: false, loginAttemptsPerMinute: 2 });
    try {
      expect(await attempts(t, ['1.1.1.1', '2.2.2.2', '3.3.3.3'])).toEqual([401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('keys the rate limit on the forwarded address when the peer is a trusted proxy', async () => {
    const t = await startTestApp({
      seed: false,
      loginAttemptsPerMinute: 2,
      trustedProxies: ['127.0.0.1/32'],
    });
    try {
      expect(await attempts(t, ['1.1.1.1', '1.1.1.1', '1.1.1.1', '2.2.2.2'])).toEqual([
        401, 401, 429, 401,
      ]);
    } finally {
      await t.close();
    }
  });

  it('does not believe a proxy that is not the configured one', async () => {
    const t = await startTestApp({
      seed: false,
      loginAttemptsPerMinute: 2,
      trustedProxies: ['10.9.9.9'],
    });
    try {
      expect(await attempts(t, ['1.1.1.1', '2.2.2.2', '3.3.3.3'])).toEqual([401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('secure cookies', () => {
  it('marks the session cookie Secure and sends HSTS when configured, neither otherwise', async () => {
    for (const secure of [true, false]) {
      const db = await openTestDatabase();
      const { seedDemo } = await import('../../src/server/flows/demo');
      await seedDemo(db.db, { scale: 'tiny', seed: 7 });
      const app = await buildApp({
        db: db.db,
        dialect: db.dialect,
        logLevel: 'silent',
        secureCookies: secure,
      });
      try {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'taiyuan', password: demoPassword },
        });
        expect(response.statusCode).toBe(200);
        const cookie = String(response.headers['set-cookie']);
        expect(/;\s*Secure/i.test(cookie)).toBe(secure);
        expect(response.headers['strict-transport-security'] !== undefined).toBe(secure);
      } finally {
        await app.close();
        await db.dispose();
      }
    }
  });
});
