/** A position as GeoJSON orders it: longitude then latitude, in degrees. */
export type LonLat = [number, number];

/** A linear ring: closed (first position equals last), at least 4 positions when valid. */
export type Ring = LonLat[];

/** GeoJSON Polygon geometry: the first ring is the exterior, the others are holes. */
export interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}

/** GeoJSON MultiPolygon geometry: a list of polygons, each a list of rings. */
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

/** The areal geometries the engines work with. */
export type AreaGeometry = Polygon | MultiPolygon;

/** Bounding box `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number];

/** The polygons of a geometry as lists of rings, whatever its type. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
