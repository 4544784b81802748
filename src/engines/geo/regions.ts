import { prepareGeometry, type PreparedGeometry } from './contains';
import { bboxOf } from './measure';
import { PackedRTree } from './rtree';
import type { AreaGeometry, LonLat } from './types';

/** One administrative division (province, city or county) as the engines use it. */
export interface RegionRecord {
  /** GB/T 2260 code as a string, e.g. '140105'. */
  code: string;
  name: string;
  /** The parent division's code ('140100' for 小店区), or null at the top. */
  parentCode: string | null;
  /** DataV `level`: 'province' | 'city' | 'district' (every county-level unit is 'district'). */
  level: string;
  /** Seat of government. */
  center: LonLat;
  /** A label point inside the shape. */
  centroid: LonLat;
  geometry: AreaGeometry;
}

/**
 * Turns an already-parsed DataV-style GeoJSON FeatureCollection (such as
 * `data/geo/shanxi-counties.geojson`) into typed records, in file order. Missing `centroid`
 * falls back to `center` and vice versa. Throws a descriptive error on a feature without an
 * adcode or an areal geometry, since these files ship with the product and must be sound.
 */
export function loadRegions(collection: unknown): RegionRecord[] {
  const features = (collection as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) throw new TypeError('expected a GeoJSON FeatureCollection');
  return features.map((feature: unknown, i): RegionRecord => {
    const f = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
    };
    const props = f.properties ?? {};
    const geometry = f.geometry;
    if (
      !geometry ||
      (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
      !Array.isArray(geometry.coordinates)
    ) {
      throw new TypeError(`feature ${i}: geometry must be a Polygon or MultiPolygon`);
    }
    const adcode = props.adcode;
    if (typeof adcode !== 'number' && typeof adcode !== 'string') {
      throw new TypeError(`feature ${i}: missing adcode`);
    }
    const typed = geometry as AreaGeometry;
    const center = asLonLat(props.center) ?? asLonLat(props.centroid) ?? boxMiddle(typed);
    const parent = (props.parent as { adcode?: unknown } | null | undefined)?.adcode;
    return {
      code: String(adcode),
      name: typeof props.name === 'string' ? props.name : String(adcode),
      parentCode: typeof parent === 'number' || typeof parent === 'string' ? String(parent) : null,
      level: typeof props.level === 'string' ? props.level : 'district',
      center,
      centroid: asLonLat(props.centroid) ?? center,
      geometry: typed,
    };
  });
}

function asLonLat(value: unknown): LonLat | null {
  return Array.isArray(value) &&
    value.length >= 2 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
    ? [value[0] as number, value[1] as number]
    : null;
}

function boxMiddle(geometry: AreaGeometry): LonLat {
  const b = bboxOf(geometry);
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/** Finds which region a point falls in; see {@link createRegionLocator}. */
export interface RegionLocator {
  /** The first region (in input order) whose closed shape contains the point, or null. */
  locate(lon: number, lat: number): RegionRecord | null;
  /** The prepared shape of a region by code, for fast repeated tests and sampling. */
  prepared(code: string): PreparedGeometry | undefined;
}

/**
 * Indexes regions for point location (which county is this shop in?). Neighbouring DataV
 * counties overlap by slivers along generalised borders, so a point there gets the first
 * region in input order — deterministic, if arbitrary.
 */
export function createRegionLocator(regions: readonly RegionRecord[]): RegionLocator {
  const prepared = regions.map((r) => prepareGeometry(r.geometry));
  const byCode = new Map<string, PreparedGeometry>();
  regions.forEach((r, i) => byCode.set(r.code, prepared[i]));
  const tree = PackedRTree.build(prepared.map((p) => p.bbox));
  const hits: number[] = [];
  return {
    locate(lon, lat) {
      tree.searchPoint(lon, lat, hits);
      let best = -1;
      for (const i of hits) {
        if ((best < 0 || i < best) && prepared[i].contains(lon, lat)) best = i;
      }
      return best < 0 ? null : regions[best];
    },
    prepared: (code) => byCode.get(code),
  };
}
