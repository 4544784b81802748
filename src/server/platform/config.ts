import { isIP } from 'node:net';
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
  /**
   * Send the session cookie with `Secure` and the HSTS header. On by default once the demo is off
   * (a real deployment serves HTTPS); `TONGXIN_SECURE_COOKIES=off` for a plain-HTTP test bed.
   */
  secureCookies: boolean;
  /**
   * Proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` is believed; empty = none, so the
   * client address (rate limits, audit) is the socket's peer and a client cannot forge it.
   */
  trustedProxies: string[];
  sessionTtlHours: number;
  /** Log-in attempts allowed per client address and minute. */
  loginAttemptsPerMinute: number;
  /** Failed log-ins in a row that lock an account, and for how long (docs/operations.md). */
  loginLockout: { maxFailures: number; cooldownMinutes: number };
  logLevel: string;
  /** Ordering's in-memory ledgers and its lease on the database (see modules/ordering/README.md). */
  ordering: {
    /** A ledger unused this long is dropped from memory; the next request rebuilds it. */
    idleLedgerMinutes: number;
    /** Ledgers kept in memory at most (the least recently used idle one goes first). */
    maxLedgers: number;
    /** How long the lease on the database's orders lasts unless renewed (every third of it). */
    leaseSeconds: number;
  };
  /** Reference data shipped with the product (`TONGXIN_DATA_DIR`, default `./data`). */
  dataDir: string;
  /**
   * `TONGXIN_CLOCK`: the instant the server's clock starts at (it then runs), for demos and
   * journeys set in a seeded week; null = real time. See `platform/clock.ts`.
   */
  clock: string | null;
  /** `TONGXIN_SLOW_QUERY_MS`: print queries slower than this to stderr; 0 = off. */
  slowQueryMs: number;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'off', 'false', 'no'].includes(value.toLowerCase());
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

/** `TONGXIN_TRUSTED_PROXY`: comma-separated addresses or CIDR ranges; anything else is refused. */
export function parseTrustedProxies(value: string | undefined): string[] {
  if (!value || value.trim() === '') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((entry) => {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address ?? '');
      const max = family === 6 ? 128 : 32;
      const validBits =
        bits === undefined ||
        (/^\d{1,3}$/.test(bits) && Number(bits) <= max && extra === undefined);
      if (family === 0 || !validBits) {
        throw new Error(`TONGXIN_TRUSTED_PROXY: "${entry}" is not an IP address or CIDR range`);
      }
      return entry;
    });
}

/**
 * This file is the only reader of the environment (an eslint rule holds it): everything else gets
 * its settings from `Config`, or from the few readers below for code that runs without one.
 */

/** The reference data directory (`TONGXIN_DATA_DIR`, else `./data`). */
export function dataDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TONGXIN_DATA_DIR ?? 'data');
}

/** `TONGXIN_CLOCK`, checked: an instant `Date.parse` reads, or null when unset. */
export function clockSettingOf(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.TONGXIN_CLOCK;
  if (value === undefined || value === '') return null;
  if (!Number.isFinite(Date.parse(value))) {
    throw new Error(`TONGXIN_CLOCK: "${value}" is not an instant (e.g. 2022-04-16T14:00:00+08:00)`);
  }
  return value;
}

/** The password `tongxin user` sets without prompting (`TONGXIN_NEW_PASSWORD`), if given. */
export function newPasswordOf(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.TONGXIN_NEW_PASSWORD ? env.TONGXIN_NEW_PASSWORD : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const varDir = path.resolve(env.TONGXIN_VAR_DIR ?? 'var');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null;
  const scale = env.TONGXIN_DEMO_SCALE === 'full' ? 'full' : 'small';
  const demo = flag(env.TONGXIN_DEMO, true);
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    varDir,
    sqlitePath: path.join(varDir, 'tongxin.db'),
    demo,
    demoScale: scale,
    demoSeed: Number(env.TONGXIN_DEMO_SEED ?? 2022),
    demoOrders: flag(env.TONGXIN_DEMO_ORDERS, true),
    secureCookies: flag(env.TONGXIN_SECURE_COOKIES, !demo),
    trustedProxies: parseTrustedProxies(env.TONGXIN_TRUSTED_PROXY),
    sessionTtlHours: Number(env.TONGXIN_SESSION_TTL_HOURS ?? 12),
    loginAttemptsPerMinute: positive(
      'TONGXIN_LOGIN_ATTEMPTS_PER_MINUTE',
      env.TONGXIN_LOGIN_ATTEMPTS_PER_MINUTE,
      10,
    ),
    loginLockout: {
      maxFailures: positive('TONGXIN_LOGIN_MAX_FAILURES', env.TONGXIN_LOGIN_MAX_FAILURES, 5),
      cooldownMinutes: positive(
        'TONGXIN_LOGIN_LOCKOUT_MINUTES',
        env.TONGXIN_LOGIN_LOCKOUT_MINUTES,
        15,
      ),
    },
    logLevel: env.LOG_LEVEL ?? 'warn',
    ordering: {
      idleLedgerMinutes: positive(
        'TONGXIN_ORDERING_IDLE_MINUTES',
        env.TONGXIN_ORDERING_IDLE_MINUTES,
        10,
      ),
      maxLedgers: positive('TONGXIN_ORDERING_MAX_LEDGERS', env.TONGXIN_ORDERING_MAX_LEDGERS, 24),
      leaseSeconds: positive(
        'TONGXIN_ORDERING_LEASE_SECONDS',
        env.TONGXIN_ORDERING_LEASE_SECONDS,
        30,
      ),
    },
    dataDir: dataDirOf(env),
    clock: clockSettingOf(env),
    slowQueryMs: Number(env.TONGXIN_SLOW_QUERY_MS ?? 0),
  };
}
