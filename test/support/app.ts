import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { seedDemo, demoPassword } from '../../src/server/flows/demo';
import type { OrderingStateOptions } from '../../src/server/modules/ordering';
import { openTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  /** Logs a demo user in and returns the bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole application over a fresh database seeded with the tiny demo province. */
export async function startTestApp(
  options: {
    seed?: boolean;
    loginAttemptsPerMinute?: number;
    /** The app's "now" for ordering windows. */
    clock?: () => Date;
    /** "Now" for sessions and log-in lockouts. */
    authClock?: () => Date;
    loginLockout?: { maxFailures: number; cooldownMinutes: number };
    trustedProxies?: string[];
    /** Work on the seeded database before the app opens it (as the demo seed runs before serving). */
    beforeApp?: (db: TestApp['db']) => Promise<void>;
    /** Ordering's ledger eviction and lease. */
    ordering?: Partial<OrderingStateOptions>;
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  if (options.seed !== false) await seedDemo(db.db, { scale: 'tiny', seed: 7 });
  await options.beforeApp?.(db);
  const app = await buildApp({
    db: db.db,
    dialect: db.dialect,
    webDir: null,
    logLevel: 'silent',
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 1000,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.authClock ? { authClock: options.authClock } : {}),
    ...(options.loginLockout ? { loginLockout: options.loginLockout } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.ordering ? { ordering: options.ordering } : {}),
  });
  await app.ready();
  const tokens = new Map<string, string>();
  return {
    app,
    db,
    async login(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: demoPassword },
      });
      if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.body}`);
      const token = (response.json() as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export function errorOf(response: LightMyRequestResponse) {
  return (response.json() as { error: { code: string; message: string; details?: unknown } }).error;
}
