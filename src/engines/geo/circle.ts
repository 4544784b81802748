import { EARTH_RADIUS_M, haversineLonLatM, METRES_PER_DEGREE } from './measure';
import type { BBox, LonLat, Polygon } from './types';

const RAD = Math.PI / 180;

/**
 * Approximates a circle on the sphere by a closed polygon of `segments` vertices placed exactly
 * `radiusM` from the centre (so the polygon is inscribed: slightly smaller than the circle).
 * The ring winds counter-clockwise as RFC 7946 recommends. For display and export only —
 * coverage tests use {@link pointInCircle}, which is exact.
 */
export function circleToPolygon(center: LonLat, radiusM: number, segments = 64): Polygon {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError('radiusM must be > 0');
  if (!Number.isInteger(segments) || segments < 3) throw new RangeError('segments must be >= 3');
  const ring: LonLat[] = [];
  for (let i = 0; i < segments; i++) {
    // Bearings run clockwise from north, so stepping them negatively winds counter-clockwise.
    ring.push(destination(center, radiusM, -(360 * i) / segments));
  }
  ring.push([ring[0][0], ring[0][1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * A polygon that contains the whole circle: `segments` vertices at radius / cos(π / segments), so
 * each edge lies outside the circle (circumscribed, up to the sphere's slight distortion at these
 * sizes). For asking which shapes a circle may touch, where missing one is worse than a sliver too
 * many.
 */
export function circleHull(center: LonLat, radiusM: number, segments = 64): Polygon {
  // 1e-3 extra covers the flat-edge approximation on the sphere at a few hundred kilometres.
  return circleToPolygon(center, (radiusM / Math.cos(Math.PI / segments)) * 1.001, segments);
}

/** The position reached from `start` after `distanceM` along the great circle at `bearingDeg`. */
export function destination(start: LonLat, distanceM: number, bearingDeg: number): LonLat {
  const d = distanceM / EARTH_RADIUS_M;
  const th = bearingDeg * RAD;
  const lat1 = start[1] * RAD;
  const lon1 = start[0] * RAD;
  const sinLat2 = Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(th);
  const lat2 = Math.asin(sinLat2);
  const lon2 =
    lon1 +
    Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * sinLat2);
  return [((lon2 / RAD + 540) % 360) - 180, lat2 / RAD];
}

/** Whether the point is within `radiusM` metres (great-circle, inclusive) of the centre. */
export function pointInCircle(point: LonLat, center: LonLat, radiusM: number): boolean {
  return haversineLonLatM(center[0], center[1], point[0], point[1]) <= radiusM;
}

/**
 * A box that contains the whole circle (a little generous, never too small), for spatial
 * indexing. Not meant for circles reaching a pole or the antimeridian.
 */
export function circleBBox(center: LonLat, radiusM: number): BBox {
  const dLat = (radiusM / METRES_PER_DEGREE) * 1.001;
  const maxAbsLat = Math.min(89.9, Math.abs(center[1]) + dLat);
  const dLon = dLat / Math.cos(maxAbsLat * RAD);
  return [center[0] - dLon, center[1] - dLat, center[0] + dLon, center[1] + dLat];
}
