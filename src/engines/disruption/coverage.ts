import {
  circleBBox,
  haversineLonLatM,
  prepareGeometry,
  type BBox,
  cityOfCounty,
  provinceOf,
} from '../geo';
import { endMillis, toMillis } from './time';
import type { Area, Instant, Place } from './types';

/** An area turned into fast tests: its active interval in epoch ms and a coverage predicate. */
export interface CompiledArea {
  readonly area: Area;
  /** Active from (inclusive), epoch ms. */
  readonly from: number;
  /** Inactive from (exclusive end) = min(validUntil, endedAt); Infinity when open. */
  readonly until: number;
  /** Bounding box for the spatial kinds (geometry, townships, circle); null otherwise. */
  readonly bbox: BBox | null;
  /** Whether the area covers the place, ignoring time. */
  covers(place: Place): boolean;
}

/**
 * Compiles an area; throws RangeError on an unparseable instant, a non-finite severity or a bad
 * circle. Geometry validity is the caller's job (`validatePolygon` before saving); a malformed
 * ring here only covers fewer places.
 */
export function compileArea(area: Area): CompiledArea {
  const from = toMillis(area.validFrom, `area ${area.id} validFrom`);
  const until = Math.min(
    endMillis(area.validUntil, `area ${area.id} validUntil`),
    endMillis(area.endedAt, `area ${area.id} endedAt`),
  );
  if (!Number.isFinite(area.severity)) {
    throw new RangeError(`area ${area.id}: severity must be a finite number`);
  }
  const c = area.coverage;
  switch (c.kind) {
    case 'geometry':
    case 'townships': {
      const prepared = prepareGeometry(c.geometry);
      return {
        area,
        from,
        until,
        bbox: prepared.bbox,
        covers: (p) => prepared.contains(p.lon, p.lat),
      };
    }
    case 'circle': {
      const [lon, lat] = c.center;
      const r = c.radiusM;
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || !(r >= 0) || !Number.isFinite(r)) {
        throw new RangeError(`area ${area.id}: circle needs a finite centre and radius >= 0`);
      }
      const bbox = circleBBox(c.center, r);
      return {
        area,
        from,
        until,
        bbox,
        covers: (p) =>
          p.lon >= bbox[0] &&
          p.lon <= bbox[2] &&
          p.lat >= bbox[1] &&
          p.lat <= bbox[3] &&
          haversineLonLatM(lon, lat, p.lon, p.lat) <= r,
      };
    }
    case 'counties': {
      const codes = new Set(c.countyCodes);
      return {
        area,
        from,
        until,
        bbox: null,
        covers: (p) => divisionCodesOf(p.countyCode).some((code) => codes.has(code)),
      };
    }
    case 'places': {
      const ids = new Set(c.placeIds);
      return { area, from, until, bbox: null, covers: (p) => ids.has(p.id) };
    }
    default:
      // Rows read from a database are not checked by the compiler.
      throw new RangeError(
        `area ${area.id}: unknown coverage kind ${String((c as { kind?: unknown }).kind)}`,
      );
  }
}

/** Whether the area is in force at epoch-ms `t`: validFrom ≤ t < min(validUntil, endedAt). */
export function activeAt(compiled: CompiledArea, t: number): boolean {
  return compiled.from <= t && t < compiled.until;
}

/** The county code, then its city's and its province's (GB/T 2260 prefixes). */
export function divisionCodesOf(countyCode: string): string[] {
  if (countyCode.length !== 6) return [countyCode];
  return [countyCode, cityOfCounty(countyCode), provinceOf(countyCode)];
}

/** Whether an area is in force at instant t (validFrom ≤ t < min(validUntil, endedAt)). */
export function isAreaActive(area: Area, t: Instant): boolean {
  const from = toMillis(area.validFrom, `area ${area.id} validFrom`);
  const until = Math.min(
    endMillis(area.validUntil, `area ${area.id} validUntil`),
    endMillis(area.endedAt, `area ${area.id} endedAt`),
  );
  const ms = toMillis(t);
  return from <= ms && ms < until;
}
