import type { Kysely } from 'kysely';
import type { Actor } from './auth/scope';

/**
 * What every use case receives first: the database handle and who is acting (whose data scope
 * applies). Services narrow `db` to their own tables.
 */
export interface ServiceContext {
  db: Kysely<any>;
  actor: Actor;
  requestId?: string;
  ip?: string;
}
