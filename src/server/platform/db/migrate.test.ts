import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/database';
import { migrations } from '../../migrations';
import { migrateDown, migrateToLatest } from './migrate';

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.dispose();
});

async function tableNames(): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((n) => !n.startsWith('schema_migrations'))
    .sort();
}

describe('the migration timeline', () => {
  it('runs down to nothing and up again on this database', async () => {
    const full = await tableNames();
    expect(full).toEqual(
      expect.arrayContaining([
        'audit_log',
        'users',
        'sessions',
        'org_units',
        'retailers',
        'products',
      ]),
    );
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(handle.db);
    expect(await tableNames()).toEqual([]);
    const applied = await migrateToLatest(handle.db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await tableNames()).toEqual(full);
  });

  it('is in name order, so the timeline reads as it runs', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
  });

  it('puts company_id on every tenant table', async () => {
    const tables = await handle.db.introspection.getTables();
    // login_throttle is keyed by the name as typed, which may belong to no user and so no company.
    // A lease is the database's, not a tenant's: it names the server that owns its orders.
    const global = new Set(['divisions', 'sessions', 'login_throttle', 'leases']);
    for (const table of tables) {
      if (table.name.startsWith('schema_migrations') || global.has(table.name)) continue;
      expect(
        table.columns.map((c) => c.name),
        table.name,
      ).toContain('company_id');
    }
  });
});
