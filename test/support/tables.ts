import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * Tables a refused request may still write: the audit log (refusals of health reads are audited
 * on purpose), sessions (log-ins) and leases (the ordering owner's heartbeat, renewed by the
 * clock). Everything else must be byte-for-byte unchanged.
 */
export const journalTables = ['audit_log', 'sessions', 'leases'] as const;

/**
 * A fingerprint of every table's content (rows sorted, so order of storage does not matter):
 * compare two to prove that nothing was written. Works on SQLite and PostgreSQL alike.
 */
export async function snapshotTables(
  db: Kysely<any>,
  skip: readonly string[] = journalTables,
): Promise<Map<string, string>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !skip.includes(name) && name !== 'schema_migrations')
    .sort();
  const out = new Map<string, string>();
  for (const name of tables) {
    const rows = await db.selectFrom(name).selectAll().execute();
    const lines = rows.map((r) =>
      JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    );
    lines.sort();
    out.set(name, `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
  }
  return out;
}

/** The tables whose fingerprint differs between two snapshots. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
