import path from 'node:path';
import { buildApp } from './app';
import type { DemoSummary } from './flows/demo';
import { seedDemoApart } from './flows/demo/apart';
import { clockFrom } from './platform/clock';
import type { Config } from './platform/config';
import { openDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrate';

export interface StartOptions {
  config: Config;
  onSeedProgress?: (step: string, done: number, total: number) => void;
}

/**
 * Opens the database, migrates it, seeds the demo on an empty database (unless TONGXIN_DEMO=off)
 * and serves the API and the built web app.
 */
export async function startServer({ config, onSeedProgress }: StartOptions) {
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    slowQueryMs: config.slowQueryMs,
  });
  const clock = clockFrom(config.clock);
  await migrateToLatest(handle.db);
  let demo: DemoSummary | null = null;
  if (config.demo) {
    // In a thread of its own that ends before serving: the server starts as lean as one started
    // on a seeded database (see `seedDemoApart`).
    demo = await seedDemoApart({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      scale: config.demoScale,
      seed: config.demoSeed,
      orders: config.demoOrders,
      now: clock(),
      ...(onSeedProgress ? { onProgress: onSeedProgress } : {}),
    });
  }
  const app = await buildApp({
    db: handle.db,
    dialect: handle.dialect,
    webDir: path.resolve('dist/web'),
    logLevel: config.logLevel,
    sessionTtlHours: config.sessionTtlHours,
    secureCookies: config.secureCookies,
    trustedProxies: config.trustedProxies,
    loginAttemptsPerMinute: config.loginAttemptsPerMinute,
    loginLockout: config.loginLockout,
    backgroundJobs: true,
    ordering: {
      idleLedgerMs: config.ordering.idleLedgerMinutes * 60_000,
      maxLedgers: config.ordering.maxLedgers,
      leaseMs: config.ordering.leaseSeconds * 1000,
    },
    clock,
    dataDir: config.dataDir,
    uploadDir: path.join(config.varDir, 'uploads'),
  });
  await app.listen({ port: config.port, host: config.host });
  const close = async () => {
    await app.close();
    await handle.close();
  };
  return { app, handle, demo, close };
}
