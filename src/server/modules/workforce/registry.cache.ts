import type { Kysely } from 'kysely';
import * as repo from './registry.repository';
import type { MemberRow } from './registry.repository';
import type { WorkforceTables } from './workforce.tables';

interface Directory {
  at: number;
  byId: Map<string, MemberRow>;
  byCompany: Map<string, MemberRow[]>;
}

const ttlMs = 60_000;
const directories = new WeakMap<object, Directory>();

/**
 * All active registry members, held for a minute per database handle: roster evaluation looks
 * at whole companies at once, and the registry changes only by import (which forgets it).
 * Transactions get no cache (their handle is new each time) and read the table.
 */
export async function memberDirectory(db: Kysely<WorkforceTables>): Promise<Directory> {
  const cached = directories.get(db);
  if (cached && Date.now() - cached.at < ttlMs) return cached;
  const rows = await repo.findMembersUnder(db, '/140000/');
  const byId = new Map<string, MemberRow>();
  const byCompany = new Map<string, MemberRow[]>();
  for (const row of rows) {
    byId.set(row.staff_id, row);
    const list = byCompany.get(row.company_id) ?? [];
    list.push(row);
    byCompany.set(row.company_id, list);
  }
  const directory = { at: Date.now(), byId, byCompany };
  directories.set(db, directory);
  return directory;
}

/** Forgets the cached registry (after an import). */
export function forgetMemberDirectory(db: Kysely<WorkforceTables>): void {
  directories.delete(db);
}
