import type { Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import { RetailerDirectory } from './retail.directory';
import { loadDirectoryRows } from './retail.repository';
import type { RetailTables } from './retail.tables';

// One directory per database handle (tests open several in one process). Writes may run inside a
// transaction, whose handle is not the one reads use, so invalidation bumps a global generation.
const directories = new WeakMap<
  Kysely<any>,
  { generation: number; directory: Promise<RetailerDirectory> }
>();
let generation = 0;

/** The directory of the database behind `db`, built on first use and after any retailer write. */
export function directoryOf(db: Kysely<any>): Promise<RetailerDirectory> {
  const cached = directories.get(db);
  if (cached && cached.generation === generation) return cached.directory;
  const directory = loadDirectoryRows(tablesOf<RetailTables>(db)).then(
    (rows) => new RetailerDirectory(rows),
  );
  const entry = { generation, directory };
  directories.set(db, entry);
  directory.catch(() => {
    if (directories.get(db) === entry) directories.delete(db);
  });
  return directory;
}

/** Called after every retailer write (committed or about to be) so the next read rebuilds. */
export function invalidateDirectory(): void {
  generation++;
}

/**
 * A number that changes after every retailer write: other modules that keep their own snapshot of
 * retailers (the disruption layer's places) compare it to know when to reload.
 */
export function retailerGeneration(): number {
  return generation;
}
