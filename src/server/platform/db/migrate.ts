import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations' });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Rolls back the most recent migration. */
export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateDown();
  if (error) throw new Error(`rollback failed: ${String(error)}`);
  return (results ?? []).map((r) => r.migrationName);
}
