import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what the platform needs to know about it. */
export interface DatabaseHandle<DB = any> {
  // `any` here because each module narrows the handle to its own tables (see `tablesOf`).
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw SQLite connection, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT arrive from pg as strings; every count we make fits in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

// `slowQueryMs: 5` (`TONGXIN_SLOW_QUERY_MS=5`) prints every query slower than 5 ms to stderr.
function slowQueryLog(slowQueryMs: number) {
  return (event: LogEvent): void => {
    if (event.queryDurationMillis >= slowQueryMs) {
      process.stderr.write(
        `[sql ${event.queryDurationMillis.toFixed(1)} ms] ${event.query.sql.slice(0, 300)}\n`,
      );
    }
  };
}

export interface OpenOptions {
  databaseUrl: string | null;
  sqlitePath: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Print queries slower than this many ms to stderr (`Config.slowQueryMs`); 0 or unset = off. */
  slowQueryMs?: number;
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  const log = options.slowQueryMs ? slowQueryLog(options.slowQueryMs) : undefined;
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    // An idle connection the server ends (restart, DROP … WITH (FORCE)) emits 'error' on the pool;
    // unhandled, it would crash the process. The pool drops that client and opens a new one.
    pool.on('error', () => undefined);
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    rawPg.set(db, pool);
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  fs.mkdirSync(path.dirname(options.sqlitePath), { recursive: true });
  const sqlite = new SQLite(options.sqlitePath);
  // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable before
  // it is acknowledged (an acknowledged order must survive a kill the next instant).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<any>({
    dialect: new SqliteDialect({ database: sqlite }),
    ...(log ? { log } : {}),
  });
  rawSqlite.set(db, sqlite);
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

const rawSqlite = new WeakMap<Kysely<any>, SQLite.Database>();
const rawPg = new WeakMap<Kysely<any>, pg.Pool>();

/**
 * The SQLite connection behind a handle (null on PostgreSQL), for the few hot paths whose cost is
 * Kysely's per-query compile and prepare (ordering's group commit writes thousands of rows a
 * second). Use it only inside `db.connection().execute(…)` and synchronously, so that no Kysely
 * transaction of another request is open on the one connection meanwhile.
 */
export function sqliteOf(db: Kysely<any>): SQLite.Database | null {
  return rawSqlite.get(db) ?? null;
}

/**
 * The PostgreSQL pool behind a handle (null on SQLite), for a hot statement that should be
 * prepared once per connection (a named statement): Kysely sends every query unnamed, so the
 * server parses and plans it again each time. Use it only for a single statement that is its own
 * transaction.
 */
export function pgPoolOf(db: Kysely<any>): pg.Pool | null {
  return rawPg.get(db) ?? null;
}

/**
 * Narrows the application's handle to the tables one module owns, so that a module's repository
 * cannot name another module's tables without the compiler noticing.
 */
export function tablesOf<T>(db: Kysely<any>): Kysely<T> {
  return db as Kysely<T>;
}
