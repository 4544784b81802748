import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file under `varDir`. */
  databaseUrl: string | null;
  varDir: string;
  sqlitePath: string;
  /** Seed the demo province into an empty database at start-up. */
  demo: boolean;
  demoScale: 'small' | 'full';
  demoSeed: number;
  /** With the demo, place the open cycle's first orders (`TONGXIN_DEMO_ORDERS=off` leaves none). */
  demoOrders: boolean;
  /** Send cookies with the `Secure` flag (set behind HTTPS). */
  secureCookies: boolean;
  sessionTtlHours: number;
  logLevel: string;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'off', 'false', 'no'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const varDir = path.resolve(env.TONGXIN_VAR_DIR ?? 'var');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null;
  const scale = env.TONGXIN_DEMO_SCALE === 'full' ? 'full' : 'small';
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    varDir,
    sqlitePath: path.join(varDir, 'tongxin.db'),
    demo: flag(env.TONGXIN_DEMO, true),
    demoScale: scale,
    demoSeed: Number(env.TONGXIN_DEMO_SEED ?? 2022),
    demoOrders: flag(env.TONGXIN_DEMO_ORDERS, true),
    secureCookies: flag(env.TONGXIN_SECURE_COOKIES, false),
    sessionTtlHours: Number(env.TONGXIN_SESSION_TTL_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
