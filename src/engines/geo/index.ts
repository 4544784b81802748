/**
 * Geometry engine: pure, allocation-light helpers on lon/lat positions for the seeder, the
 * disruption layer, licensing spacing and routing. Everything is on a sphere of mean Earth
 * radius; polygons are closed sets (a point on an edge is inside); no I/O — callers read the
 * GeoJSON files and pass the parsed objects in.
 */
export type { AreaGeometry, BBox, LonLat, MultiPolygon, Polygon, Ring } from './types';
export { polygonsOf } from './types';
export {
  bboxContains,
  bboxOf,
  EARTH_RADIUS_M,
  extendBBox,
  geodesicAreaM2,
  haversineLonLatM,
  haversineM,
  METRES_PER_DEGREE,
  ringAreaM2,
} from './measure';
export { onSegment, pointInGeometry, prepareGeometry, type PreparedGeometry } from './contains';
export {
  POLYGON_ISSUE_CODES,
  validatePolygon,
  type PolygonIssue,
  type PolygonIssueCode,
  type PolygonValidation,
  type SegmentRef,
} from './validate';
export { circleBBox, circleHull, circleToPolygon, destination, pointInCircle } from './circle';
export { geometriesIntersect } from './intersect';
export { createRng, type Rng } from './rng';
export { samplePoint, samplePoints, sampleClusteredPoints, type ClusterOptions } from './sample';
export { PackedRTree } from './rtree';
export { createRegionLocator, loadRegions, type RegionLocator, type RegionRecord } from './regions';
export {
  cityOfCounty,
  isCityCode,
  isProvinceCode,
  provinceCode,
  provinceOf,
  unitPath,
} from './divisions';
