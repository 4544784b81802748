import type { Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import { RetailerDirectory } from './retail.directory';
import { loadDirectoryRows } from './retail.repository';
import type { OrderingProfile } from './retail.profiles';
import type { AllocationAttributes } from './retail.service';
import type { RetailTables } from './retail.tables';

/**
 * Answers remembered per city until the retail generation moves. A failed load is forgotten so the
 * next caller asks again instead of getting the same rejection forever.
 */
export class CityMemo<T> {
  private generation = -1;
  private cities = new Map<string, Promise<T>>();

  get(generation: number, cityCode: string, load: () => Promise<T>): Promise<T> {
    if (generation !== this.generation) {
      this.generation = generation;
      this.cities = new Map();
    }
    const cities = this.cities;
    let value = cities.get(cityCode);
    if (!value) {
      value = load();
      cities.set(cityCode, value);
      const stored = value;
      value.catch(() => {
        if (cities.get(cityCode) === stored) cities.delete(cityCode);
      });
    }
    return value;
  }

  clear(): void {
    this.cities = new Map();
  }
}

/**
 * What the retail module keeps in memory for one database (docs/architecture.md#where-state-lives):
 * the retailer directory behind the list and figures (p99 50 ms at 130,000 retailers), and per
 * city the ordering profiles and allocation attributes other modules read on every order or plan
 * preview. Built once by the app (or by a seed, bench or CLI command that needs it) and dropped on
 * close. Writes may run on a transaction handle, so readers do not key on the handle: every
 * retailer write bumps `generation()`, and other modules holding retailer snapshots (the
 * disruption layer's places, ordering's ledgers) compare it to know when to reload.
 */
export class RetailState {
  private generationValue = 0;
  private directoryEntry: { generation: number; value: Promise<RetailerDirectory> } | null = null;
  /** Ordering profiles by city (`orderingProfiles`). */
  readonly profiles = new CityMemo<ReadonlyMap<string, OrderingProfile>>();
  /** Allocation attributes by city (`cityAllocationAttributes`). */
  readonly attributes = new CityMemo<AllocationAttributes[]>();

  constructor(readonly db: Kysely<any>) {}

  /** A number that changes after every retailer write this process made. */
  generation(): number {
    return this.generationValue;
  }

  /** Called after every retailer write (committed or about to be) so the next read rebuilds. */
  invalidate(): void {
    this.generationValue++;
  }

  /** The directory of the database, built on first use and after any retailer write. */
  directory(): Promise<RetailerDirectory> {
    const cached = this.directoryEntry;
    if (cached && cached.generation === this.generationValue) return cached.value;
    const value = loadDirectoryRows(tablesOf<RetailTables>(this.db)).then(
      (rows) => new RetailerDirectory(rows),
    );
    const entry = { generation: this.generationValue, value };
    this.directoryEntry = entry;
    value.catch(() => {
      if (this.directoryEntry === entry) this.directoryEntry = null;
    });
    return value;
  }

  /** Drops everything held (app close). */
  close(): void {
    this.directoryEntry = null;
    this.profiles.clear();
    this.attributes.clear();
  }
}

export function createRetailState(db: Kysely<any>): RetailState {
  return new RetailState(db);
}
