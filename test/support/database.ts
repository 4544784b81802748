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
export async function openTestDatabase(): Promise<DatabaseHandle & { dispose(): Promise<void> }> {
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
  const handle = openDatabase({ databaseUrl: null, sqlitePath: path.join(dir, 'test.db') });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const testDialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
