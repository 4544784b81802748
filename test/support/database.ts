import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/db/database';
import { migrateToLatest } from '../../src/server/platform/db/migrate';

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or — when
 * TEST_DATABASE_URL is set — a new PostgreSQL database created for the file and dropped after.
 */
export async function openTestDatabase(options: { fileName?: string } = {}): Promise<
  DatabaseHandle & {
    dispose(): Promise<void>;
    /** How another process reaches the same database: a PostgreSQL URL or the SQLite file. */
    url: string | null;
    sqlitePath: string | null;
  }
> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `tongxin_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = openDatabase({ databaseUrl: url.toString(), sqlitePath: '' });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url: url.toString(),
      sqlitePath: null,
      async dispose() {
        await handle.close();
        const again = new pg.Client({ connectionString: adminUrl });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-test-'));
  const sqlitePath = path.join(dir, options.fileName ?? 'test.db');
  const handle = openDatabase({ databaseUrl: null, sqlitePath });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: null,
    sqlitePath,
    async dispose() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const testDialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
