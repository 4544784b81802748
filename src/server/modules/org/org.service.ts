import { scopePathPrefix } from '../../platform/auth/scope';
import { tablesOf } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import type { OrgUnit, UnitLevel } from '../../../contracts/org';
import * as repo from './org.repository';
import type { OrgTables } from './org.tables';

function toUnit(row: repo.OrgUnitRow): OrgUnit {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    parentCode: row.parent_code,
    lon: row.lon,
    lat: row.lat,
  };
}

/** Units of the caller's subtree, optionally of one level or under one parent. */
export async function listUnits(
  ctx: ServiceContext,
  filter: { level?: UnitLevel | undefined; parentCode?: string | undefined },
): Promise<OrgUnit[]> {
  const rows = await repo.findUnits(tablesOf<OrgTables>(ctx.db), {
    ...filter,
    pathPrefix: scopePathPrefix(ctx.actor.scope),
  });
  return rows.map(toUnit);
}

export async function getUnit(ctx: ServiceContext, code: string): Promise<OrgUnit> {
  const row = await repo.findUnit(tablesOf<OrgTables>(ctx.db), code);
  if (!row || !row.path.startsWith(scopePathPrefix(ctx.actor.scope))) {
    throw outOfScope({ zh: '组织单位', en: 'org unit' });
  }
  return toUnit(row);
}

/**
 * The county shapes as one GeoJSON FeatureCollection, read from the database. The overview map
 * asks for them on every visit: the route serves them from the app's `OrgState`, which serialises
 * them once (the shapes never change while the server runs); the disruption layer reads them once
 * per view of its own.
 */
export async function countyShapesJson(db: ServiceContext['db']): Promise<string> {
  const rows = await repo.findDivisions(tablesOf<OrgTables>(db), 'county');
  const collection = {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      properties: {
        code: row.code,
        name: row.name,
        parentCode: row.parent_code,
        center: [row.center_lon, row.center_lat],
      },
      geometry: JSON.parse(row.geometry) as unknown,
    })),
  };
  return JSON.stringify(collection);
}

export async function unitHeadline(ctx: ServiceContext) {
  const db = tablesOf<OrgTables>(ctx.db);
  const prefix = scopePathPrefix(ctx.actor.scope);
  const [levels, staff, accountManagers] = await Promise.all([
    repo.countUnitsByLevel(db, prefix),
    repo.countStaff(db, prefix),
    repo.countStaffByPosition(db, prefix, 'account_manager'),
  ]);
  const byLevel = new Map(levels.map((row) => [row.level, Number(row.n)]));
  return {
    cities: byLevel.get('city') ?? 0,
    counties: byLevel.get('county') ?? 0,
    logisticsCentres: byLevel.get('logistics') ?? 0,
    staff,
    accountManagers,
  };
}

export async function staffByIds(db: ServiceContext['db'], ids: string[]) {
  return repo.findStaffByIds(tablesOf<OrgTables>(db), ids);
}

/** What identity needs of a unit to derive a data scope. */
export interface UnitInfo {
  code: string;
  name: string;
  nameEn: string;
  level: OrgUnit['level'];
  companyId: string;
  cityCode: string | null;
  countyCode: string | null;
}

/**
 * Every unit with its city and county, read from the database. Callers go through the app's
 * `UnitDirectory` (`OrgState`), which keeps them for a minute (docs/architecture.md#where-state-lives).
 */
export async function readUnitInfos(db: ServiceContext['db']): Promise<Map<string, UnitInfo>> {
  const rows = await repo.findUnits(tablesOf<OrgTables>(db), {});
  const byCode = new Map<string, UnitInfo>();
  for (const row of rows) {
    const parts = row.path.split('/').filter((p) => p.length > 0);
    byCode.set(row.code, {
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      level: row.level,
      companyId: row.company_id,
      cityCode: parts[1] ?? null,
      countyCode: row.level === 'county' ? row.code : null,
    });
  }
  return byCode;
}

/** An office, logistics centre or staff home as the disruption layer tracks it. */
export interface OrgPlace {
  kind: 'office' | 'warehouse' | 'staff_home';
  id: string;
  companyId: string;
  /** The org unit it belongs to (the unit itself for offices and warehouses). */
  unitCode: string;
  /** City and county codes of that unit's place in the tree ('' when above that level). */
  cityCode: string;
  countyCode: string;
  /** The division the unit names, if any (for offices: their own county or city). */
  divisionCode: string | null;
  lon: number;
  lat: number;
}

/**
 * Every located org unit (offices of the province, cities and counties; logistics centres as
 * warehouses) and every active staff member's home. Unscoped: callers apply their own scope.
 */
export async function orgPlaces(db: ServiceContext['db']): Promise<OrgPlace[]> {
  const orgDb = tablesOf<OrgTables>(db);
  const [units, homes] = await Promise.all([
    repo.findLocatedUnits(orgDb),
    repo.findStaffHomes(orgDb),
  ]);
  const tree = (path: string) => {
    const parts = path.split('/').filter((p) => p.length > 0);
    // A logistics centre sits under its city (`/140000/140100/LC140100/`): no county.
    const county = parts[2] ?? '';
    return { cityCode: parts[1] ?? '', countyCode: /^\d{6}$/.test(county) ? county : '' };
  };
  const out: OrgPlace[] = [];
  for (const u of units) {
    out.push({
      kind: u.level === 'logistics' ? 'warehouse' : 'office',
      id: u.code,
      companyId: u.company_id,
      unitCode: u.code,
      ...tree(u.path),
      divisionCode: u.division_code,
      lon: Number(u.lon),
      lat: Number(u.lat),
    });
  }
  for (const h of homes) {
    out.push({
      kind: 'staff_home',
      id: h.id,
      companyId: h.company_id,
      unitCode: h.unit_code,
      ...tree(h.path),
      divisionCode: null,
      lon: Number(h.home_lon),
      lat: Number(h.home_lat),
    });
  }
  return out;
}
