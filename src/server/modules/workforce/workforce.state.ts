import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import {
  createRegionLocator,
  loadRegions,
  provinceCode,
  type RegionLocator,
} from '../../../engines/geo';
import * as repo from './registry.repository';
import type { MemberRow } from './registry.repository';
import type { WorkforceTables } from './workforce.tables';

/** All active registry members, by id and by company. */
export interface MemberDirectory {
  at: number;
  byId: Map<string, MemberRow>;
  byCompany: Map<string, MemberRow[]>;
}

const ttlMs = 60_000;

/**
 * What the workforce module keeps in memory for one app (docs/architecture.md#where-state-lives):
 * the staff registry for rosters, held for a minute (roster evaluation looks at whole companies at
 * once, and the registry changes only by import, which forgets it), and the county locator for
 * imported homes (the shipped county shapes, loaded on first use). Built in `buildApp`, passed
 * through `WorkforceDeps`, released on close.
 */
export class WorkforceState {
  private directory: MemberDirectory | null = null;
  private locator: RegionLocator | null = null;

  /** `dataDir` holds the shipped reference data (`geo/shanxi-counties.geojson`). */
  constructor(
    readonly db: Kysely<any>,
    private readonly dataDir: string,
  ) {}

  /**
   * The registry of the app's database. A transaction's handle is not the app's: it reads the
   * table and caches nothing, so it sees its own writes.
   */
  async members(db: Kysely<WorkforceTables>): Promise<MemberDirectory> {
    const own = (db as Kysely<any>) === this.db;
    const cached = this.directory;
    if (own && cached && Date.now() - cached.at < ttlMs) return cached;
    const rows = await repo.findMembersUnder(db, `/${provinceCode}/`);
    const byId = new Map<string, MemberRow>();
    const byCompany = new Map<string, MemberRow[]>();
    for (const row of rows) {
      byId.set(row.staff_id, row);
      const list = byCompany.get(row.company_id) ?? [];
      list.push(row);
      byCompany.set(row.company_id, list);
    }
    const directory = { at: Date.now(), byId, byCompany };
    if (own) this.directory = directory;
    return directory;
  }

  /** Forgets the cached registry (after an import). */
  forgetMembers(): void {
    this.directory = null;
  }

  /** The county a home lies in, from the shipped county shapes. */
  homeCountyOf(lon: number, lat: number): string | null {
    if (!this.locator) {
      const raw = JSON.parse(
        fs.readFileSync(path.join(this.dataDir, 'geo/shanxi-counties.geojson'), 'utf8'),
      );
      this.locator = createRegionLocator(loadRegions(raw));
    }
    return this.locator.locate(lon, lat)?.code ?? null;
  }

  close(): void {
    this.directory = null;
    this.locator = null;
  }
}

export function createWorkforceState(db: Kysely<any>, dataDir: string): WorkforceState {
  return new WorkforceState(db, dataDir);
}
