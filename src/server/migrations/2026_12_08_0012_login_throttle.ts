import type { Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Failed log-ins per account name (docs/architecture.md#security-and-data-scope). Keyed by the
  // name as typed, known or not, so that a lockout does not tell which usernames exist.
  await db.schema
    .createTable('login_throttle')
    .addColumn('username', 'text', (c) => c.primaryKey())
    // Failures in a row since the last success or the end of the last lockout.
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    // What the owner is told at the next successful log-in.
    .addColumn('unseen_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .addColumn('last_failed_ip', 'text')
    .execute();
  await db.schema
    .createIndex('login_throttle_last_failed')
    .on('login_throttle')
    .columns(['last_failed_at'])
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').columns(['expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expires').execute();
  await db.schema.dropTable('login_throttle').execute();
}
