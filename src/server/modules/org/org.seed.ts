import fs from 'node:fs';
import path from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import * as repo from './org.repository';
import type { DivisionsTable, OrgTables, OrgUnitsTable, StaffTable } from './org.tables';
import { dataDirOf } from '../../platform/config';
import { provinceCode, unitPath } from '../../../engines/geo';

interface DivisionNames {
  province: { code: string; name: string; nameEn: string };
  cities: { code: string; name: string; nameEn: string }[];
  counties: { code: string; name: string; nameEn: string; parentCode: string }[];
}

interface GeoFeature {
  properties: {
    adcode: number;
    name: string;
    center: [number, number];
    centroid: [number, number];
    parent: { adcode: number };
  };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** Reference data shipped with the product under `data/` (`TONGXIN_DATA_DIR`, see config). */
export function dataDir(): string {
  return dataDirOf();
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(dataDir(), file), 'utf8')) as T;
}

function bboxOf(coordinates: unknown): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const visit = (node: unknown): void => {
    if (Array.isArray(node) && typeof node[0] === 'number') {
      const [lon, lat] = node as [number, number];
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    } else if (Array.isArray(node)) node.forEach(visit);
  };
  visit(coordinates);
  return box;
}

function divisionRows(file: string, level: 'province' | 'city' | 'county') {
  const collection = readJson<{ features: GeoFeature[] }>(`geo/${file}`);
  return collection.features.map((feature): Insertable<DivisionsTable> => {
    const [minLon, minLat, maxLon, maxLat] = bboxOf(feature.geometry.coordinates);
    const p = feature.properties;
    return {
      code: String(p.adcode),
      name: p.name,
      level,
      parent_code: level === 'province' ? null : String(p.parent.adcode),
      center_lon: p.center[0],
      center_lat: p.center[1],
      centroid_lon: (p.centroid ?? p.center)[0],
      centroid_lat: (p.centroid ?? p.center)[1],
      min_lon: minLon,
      min_lat: minLat,
      max_lon: maxLon,
      max_lat: maxLat,
      geometry: JSON.stringify(feature.geometry),
    };
  });
}

export interface SeededOrg {
  cities: { code: string; name: string; center: [number, number] }[];
  counties: { code: string; name: string; cityCode: string; center: [number, number] }[];
  logisticsCentres: { code: string; cityCode: string; lon: number; lat: number }[];
}

/**
 * Seeds the divisions (with shapes) and the org tree: the province company, 11 city companies,
 * 117 county branches and one logistics centre per city. Idempotent on an empty database only.
 */
export async function seedOrg(db: Kysely<any>): Promise<SeededOrg> {
  const odb = tablesOf<OrgTables>(db);
  const names = readJson<DivisionNames>('divisions.json');
  const divisions = [
    ...divisionRows('shanxi-province.geojson', 'province'),
    ...divisionRows('shanxi-cities.geojson', 'city'),
    ...divisionRows('shanxi-counties.geojson', 'county'),
  ];
  await repo.insertDivisions(odb, divisions);
  const centerOf = new Map(
    divisions.map((d) => [d.code, [d.center_lon, d.center_lat] as [number, number]]),
  );

  const units: Insertable<OrgUnitsTable>[] = [
    {
      code: provinceCode,
      company_id: provinceCode,
      name: '山西省',
      name_en: 'Shanxi Province',
      level: 'province',
      parent_code: null,
      path: unitPath(provinceCode, null),
      division_code: provinceCode,
      lon: centerOf.get(provinceCode)?.[0] ?? null,
      lat: centerOf.get(provinceCode)?.[1] ?? null,
      address: '太原市',
      sort: 0,
    },
  ];
  const seeded: SeededOrg = { cities: [], counties: [], logisticsCentres: [] };
  names.cities.forEach((city, index) => {
    const center = centerOf.get(city.code) ?? [112.5, 37.8];
    units.push({
      code: city.code,
      company_id: city.code,
      name: city.name,
      name_en: city.nameEn,
      level: 'city',
      parent_code: provinceCode,
      path: unitPath(city.code, null),
      division_code: city.code,
      lon: center[0],
      lat: center[1],
      address: city.name,
      sort: index + 1,
    });
    // The logistics centre sits on the edge of the city seat, near a highway exit.
    const centre = {
      code: `LC${city.code}`,
      cityCode: city.code,
      lon: center[0] + 0.06,
      lat: center[1] - 0.04,
    };
    units.push({
      code: centre.code,
      company_id: city.code,
      name: `${city.name}物流中心`,
      name_en: `${city.nameEn} Logistics Centre`,
      level: 'logistics',
      parent_code: city.code,
      path: unitPath(centre.code, city.code),
      division_code: null,
      lon: centre.lon,
      lat: centre.lat,
      address: `${city.name}物流园区`,
      sort: 1000 + index,
    });
    seeded.cities.push({ code: city.code, name: city.name, center });
    seeded.logisticsCentres.push(centre);
  });
  names.counties.forEach((county, index) => {
    const center = centerOf.get(county.code) ?? [112.5, 37.8];
    units.push({
      code: county.code,
      company_id: county.parentCode,
      name: county.name,
      name_en: county.nameEn,
      level: 'county',
      parent_code: county.parentCode,
      path: unitPath(county.code, county.parentCode),
      division_code: county.code,
      lon: center[0],
      lat: center[1],
      address: county.name,
      sort: 100 + index,
    });
    seeded.counties.push({
      code: county.code,
      name: county.name,
      cityCode: county.parentCode,
      center,
    });
  });
  await repo.insertUnits(odb, units);
  return seeded;
}

export async function insertStaffInBulk(db: Kysely<any>, rows: Insertable<StaffTable>[]) {
  await repo.insertStaff(tablesOf<OrgTables>(db), rows);
}

export async function isOrgSeeded(db: Kysely<any>): Promise<boolean> {
  return (await repo.countDivisions(tablesOf<OrgTables>(db))) > 0;
}
