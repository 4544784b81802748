import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/database';
import { openDatabase, type DatabaseHandle } from './database';
import { DatabaseLease } from './lease';

/**
 * One lease, two connections to one database (as two servers would have): SQLite file, or
 * PostgreSQL with TEST_DATABASE_URL.
 */
let first: Awaited<ReturnType<typeof openTestDatabase>>;
let second: DatabaseHandle;
beforeAll(async () => {
  first = await openTestDatabase();
  second = openDatabase({ databaseUrl: first.url, sqlitePath: first.sqlitePath ?? '' });
});
afterAll(async () => {
  await second?.close();
  await first?.dispose();
});

async function eventually(attempt: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await attempt()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('a database lease', () => {
  it('is held by one process at a time, and taken over once its holder stops renewing', async () => {
    const a = new DatabaseLease(first.db, 'test.lapse', { ttlMs: 600 });
    const b = new DatabaseLease(second.db, 'test.lapse', { ttlMs: 600 });
    // `a` takes it and, like a process that hangs, never renews.
    expect(await a.tryAcquire()).toBe(true);
    expect(a.holds()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(b.holds()).toBe(false);
    expect(b.holder()).toMatchObject({ ownerId: a.ownerId, host: os.hostname(), pid: process.pid });

    expect(await eventually(() => b.tryAcquire(), 20_000)).toBe(true);
    // `a` gave it up on its own before `b` could take it, and cannot renew it now.
    expect(a.holds()).toBe(false);
    expect(await a.tryAcquire()).toBe(false);
    expect(a.holder()?.ownerId).toBe(b.ownerId);
    await b.release();
  });

  it('is free for the next holder at once when released', async () => {
    const a = new DatabaseLease(first.db, 'test.release', { ttlMs: 60_000 });
    const b = new DatabaseLease(second.db, 'test.release', { ttlMs: 60_000 });
    expect(await a.start()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    await a.release();
    expect(a.holds()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    await b.release();
  });

  it('is taken at once from a process on this host that is gone (killed)', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stamp = new Date().toISOString();
    await first.db
      .insertInto('leases')
      .values({
        name: 'test.dead',
        owner_id: 'lease_dead',
        host: os.hostname(),
        pid: gone,
        acquired_at: stamp,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .execute();
    const b = new DatabaseLease(second.db, 'test.dead', { ttlMs: 60_000 });
    expect(await b.tryAcquire()).toBe(true);
    await b.release();
    // A live holder elsewhere is left alone until its lease lapses.
    await first.db
      .insertInto('leases')
      .values({
        name: 'test.dead',
        owner_id: 'lease_elsewhere',
        host: 'another-host',
        pid: gone,
        acquired_at: stamp,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .execute();
    const c = new DatabaseLease(second.db, 'test.dead', { ttlMs: 60_000 });
    expect(await c.tryAcquire()).toBe(false);
    expect(c.holder()).toMatchObject({ host: 'another-host', ownerId: 'lease_elsewhere' });
  });
});
