import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Rows of an org subtree, by the columns every workforce table carries. The org tree has three
 * levels (province → city company → county branch or logistics centre, see the org README), so a
 * subtree is everything, one company (`company_id` = city code) or one leaf unit — each an
 * equality that both SQLite and PostgreSQL answer from an index, where `unit_path LIKE 'p%'`
 * would scan (SQLite's LIKE is case-insensitive and PostgreSQL's locale collation is not
 * byte order, so neither uses a plain index for the prefix).
 */
export function inSubtree(pathPrefix: string): Expression<SqlBool> {
  const parts = pathPrefix.split('/').filter((p) => p.length > 0);
  if (parts.length <= 1) return sql<SqlBool>`1 = 1`;
  if (parts.length === 2) return sql<SqlBool>`company_id = ${parts[1]}`;
  return sql<SqlBool>`unit_code = ${parts[parts.length - 1]}`;
}
