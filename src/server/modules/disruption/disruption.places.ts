import type { Kysely } from 'kysely';
import type { Place, PlaceType } from '../../../engines/disruption';
import {
  bboxOf,
  createRegionLocator,
  extendBBox,
  loadRegions,
  type BBox,
  type RegionLocator,
  type RegionRecord,
  cityOfCounty,
} from '../../../engines/geo';
import { countyShapesJson, orgPlaces } from '../org';
import { retailerPlaces } from '../retail';

/** What the disruption layer knows of a place beyond what the engine needs. */
export interface PlaceInfo {
  cityCode: string;
  companyId: string;
  /** Retailers: grade, business type, weekly volume (条) and licence status. */
  grade: number;
  businessType: string;
  weeklyVolume: number;
  active: boolean;
}

/** Every place of the province, engine form and details aligned by index. */
export interface PlaceSnapshot {
  places: Place[];
  info: PlaceInfo[];
  /** `${type}:${id}` → index. */
  byKey: Map<string, number>;
  /** Place id → index (ids are unique across types: they carry a prefix or are unit codes). */
  byId: Map<string, number>;
  /** Σ weekly volume of active retailers by county. */
  weeklyVolumeByCounty: Map<string, number>;
  loadedAt: number;
  /** Retailer rows written at or after this instant may be newer than the snapshot. */
  retailersAsOf: string;
}

/** The counties of the province, for locating points and naming areas. */
export interface CountyAtlas {
  counties: RegionRecord[];
  byCode: Map<string, RegionRecord>;
  byName: Map<string, RegionRecord[]>;
  locator: RegionLocator;
  bbox: BBox;
}

export function placeKey(type: PlaceType, id: string): string {
  return `${type}:${id}`;
}

export async function loadAtlas(db: Kysely<any>): Promise<CountyAtlas> {
  // The org module's shapes name their code `code`; the engine reads DataV's `adcode`.
  const collection = JSON.parse(await countyShapesJson(db)) as {
    features: { properties: { code: string; name: string; parentCode: string | null } }[];
  };
  for (const f of collection.features) {
    Object.assign(f.properties, {
      adcode: f.properties.code,
      parent: { adcode: f.properties.parentCode },
    });
  }
  const counties = loadRegions(collection);
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const byName = new Map<string, RegionRecord[]>();
  for (const c of counties) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of counties) {
    const b = bboxOf(c.geometry);
    extendBBox(bbox, [
      [b[0], b[1]],
      [b[2], b[3]],
    ]);
  }
  return { counties, byCode, byName, locator: createRegionLocator(counties), bbox };
}

/**
 * Reads every retailer (retail module), office, logistics centre and staff home (org module) as
 * places. Points without a county (logistics centres, homes) are located in the county shapes.
 */
export async function loadPlaces(db: Kysely<any>, atlas: CountyAtlas): Promise<PlaceSnapshot> {
  // A second of margin: a write stamped just before the read began is caught by the next patch.
  const retailersAsOf = new Date(Date.now() - 1000).toISOString();
  const [retailers, org] = await Promise.all([retailerPlaces(db), orgPlaces(db)]);
  const places: Place[] = [];
  const info: PlaceInfo[] = [];
  const weeklyVolumeByCounty = new Map<string, number>();
  for (const r of retailers) {
    places.push({
      type: 'retailer',
      id: r.id,
      lon: r.lon,
      lat: r.lat,
      countyCode: r.countyCode,
      serviceState: r.serviceState,
    });
    const active = r.status === 'active';
    info.push({
      cityCode: r.cityCode,
      companyId: r.companyId,
      grade: r.grade,
      businessType: r.businessType,
      weeklyVolume: r.weeklyVolume,
      active,
    });
    if (active) {
      weeklyVolumeByCounty.set(
        r.countyCode,
        (weeklyVolumeByCounty.get(r.countyCode) ?? 0) + r.weeklyVolume,
      );
    }
  }
  for (const p of org) {
    const located = atlas.locator.locate(p.lon, p.lat)?.code;
    const county = located ?? (p.countyCode || p.divisionCode || '');
    places.push({ type: p.kind, id: p.id, lon: p.lon, lat: p.lat, countyCode: county });
    info.push({
      cityCode: p.cityCode || cityOfCounty(county),
      companyId: p.companyId,
      grade: 0,
      businessType: '',
      weeklyVolume: 0,
      active: true,
    });
  }
  const byKey = new Map<string, number>();
  const byId = new Map<string, number>();
  places.forEach((p, i) => {
    byKey.set(placeKey(p.type, p.id), i);
    byId.set(p.id, i);
  });
  return {
    places,
    info,
    byKey,
    byId,
    weeklyVolumeByCounty,
    loadedAt: Date.now(),
    retailersAsOf,
  };
}

/**
 * Applies retailer writes since the snapshot was taken (service states set by account managers)
 * in place, reading only the changed rows. Returns false when a retailer is new or moved, which
 * needs a full reload instead.
 */
export async function patchRetailers(db: Kysely<any>, snapshot: PlaceSnapshot): Promise<boolean> {
  const asOf = new Date(Date.now() - 1000).toISOString();
  const changed = await retailerPlaces(db, snapshot.retailersAsOf);
  for (const r of changed) {
    const i = snapshot.byKey.get(placeKey('retailer', r.id));
    if (i === undefined) return false;
    const place = snapshot.places[i]!;
    const info = snapshot.info[i]!;
    if (place.lon !== r.lon || place.lat !== r.lat || place.countyCode !== r.countyCode) {
      return false;
    }
    if (info.weeklyVolume !== r.weeklyVolume || info.active !== (r.status === 'active')) {
      return false;
    }
    snapshot.places[i] = { ...place, serviceState: r.serviceState };
    info.grade = r.grade;
    info.businessType = r.businessType;
  }
  snapshot.retailersAsOf = asOf;
  return true;
}
