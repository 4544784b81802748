import type { Kysely } from 'kysely';
import type { Actor } from './auth/scope';
import { newId } from './ids';
import { provinceCode } from '../../engines/geo';

/** The audit trail: platform-owned table written in the same transaction as the change it records. */
export interface AuditLogTable {
  id: string;
  at: string;
  company_id: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  companyId?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditMeta {
  actor: Pick<Actor, 'userId' | 'role' | 'companyId'> | null;
  requestId?: string | undefined;
  ip?: string | undefined;
}

/** The row `recordAudit` writes, for callers that batch many into one transaction. */
export function auditRow(meta: AuditMeta, entry: AuditEntry, at = new Date()): AuditLogTable {
  return {
    id: newId('aud'),
    at: at.toISOString(),
    company_id: entry.companyId ?? meta.actor?.companyId ?? provinceCode,
    actor_id: meta.actor?.userId ?? null,
    actor_role: meta.actor?.role ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: meta.requestId ?? null,
    ip: meta.ip ?? null,
  };
}

export async function insertAuditRows(db: Kysely<any>, rows: readonly AuditLogTable[]) {
  if (rows.length === 0) return;
  const audit = db as Kysely<{ audit_log: AuditLogTable }>;
  // 12 columns a row: stay under SQLite's 32,766 bound values per statement.
  for (let i = 0; i < rows.length; i += 2_000) {
    await audit
      .insertInto('audit_log')
      .values(rows.slice(i, i + 2_000))
      .execute();
  }
}

export async function recordAudit(db: Kysely<any>, meta: AuditMeta, entry: AuditEntry) {
  const row: AuditLogTable = {
    id: newId('aud'),
    at: new Date().toISOString(),
    company_id: entry.companyId ?? meta.actor?.companyId ?? provinceCode,
    actor_id: meta.actor?.userId ?? null,
    actor_role: meta.actor?.role ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: meta.requestId ?? null,
    ip: meta.ip ?? null,
  };
  await (db as Kysely<{ audit_log: AuditLogTable }>).insertInto('audit_log').values(row).execute();
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  companyId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<any>, query: AuditQuery) {
  let q = (db as Kysely<{ audit_log: AuditLogTable }>).selectFrom('audit_log');
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.companyId) q = q.where('company_id', '=', query.companyId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').limit(query.limit).offset(query.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export interface AuditPayloadQuery {
  actions: readonly string[];
  /** Entries strictly older than this instant (ISO). */
  before: string;
  /** JSON keys of which at least one must appear in a payload for the entry to be read. */
  keys: readonly string[];
}

/**
 * Rewrites the before/after payloads of old audit entries (retention of personal data: the fact
 * that something happened stays, the data it carried goes). Only entries whose payload still
 * names one of `keys` are read, so a nightly run does not re-read what earlier runs cleaned.
 * Returns how many entries changed.
 */
export async function rewriteAuditPayloads(
  db: Kysely<any>,
  query: AuditPayloadQuery,
  rewrite: (action: string, payload: unknown) => unknown,
): Promise<number> {
  if (query.actions.length === 0 || query.keys.length === 0) return 0;
  const audit = db as Kysely<{ audit_log: AuditLogTable }>;
  const patterns = query.keys.map((k) => `%${JSON.stringify(k)}%`);
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await audit
      .selectFrom('audit_log')
      .select(['id', 'action', 'before_json', 'after_json'])
      .where('action', 'in', [...query.actions])
      .where('at', '<', query.before)
      .where('id', '>', after)
      .where((eb) =>
        eb.or(patterns.flatMap((p) => [eb('before_json', 'like', p), eb('after_json', 'like', p)])),
      )
      .orderBy('id')
      .limit(500)
      .execute();
    for (const row of rows) {
      const next = (json: string | null) =>
        json === null ? null : JSON.stringify(rewrite(row.action, JSON.parse(json)));
      const beforeJson = next(row.before_json);
      const afterJson = next(row.after_json);
      if (beforeJson === row.before_json && afterJson === row.after_json) continue;
      await audit
        .updateTable('audit_log')
        .set({ before_json: beforeJson, after_json: afterJson })
        .where('id', '=', row.id)
        .execute();
      changed += 1;
    }
    if (rows.length < 500) return changed;
    after = rows[rows.length - 1]!.id;
  }
}
