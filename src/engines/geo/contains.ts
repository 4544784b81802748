import { polygonsOf, type AreaGeometry, type BBox, type LonLat, type Ring } from './types';

/*
 * Boundary rule (used everywhere in the engines): polygons are CLOSED sets. A point exactly on an
 * edge or vertex — of the exterior or of a hole — is inside. For the disruption layer that is the
 * cautious choice: a shop on the line of a sealed zone is treated as sealed. "Exactly" means exact
 * arithmetic on the given doubles (a zero cross product); a point a rounding error away from an
 * edge may fall either side, as with any floating-point test.
 *
 * Rings are tested with even-odd ray casting towards +longitude; the parts of a MultiPolygon are
 * tested one by one (the point is inside if inside any part), so overlapping parts give their
 * union rather than cancelling each other out.
 */

/** Closed point-in-ring test (even-odd); `undefined` means "on the boundary". */
function ringCrossings(ring: Ring, px: number, py: number): boolean | undefined {
  let inside = false;
  for (let i = 0, n = ring.length; i < n - 1; i++) {
    const x1 = ring[i][0];
    const y1 = ring[i][1];
    const x2 = ring[i + 1][0];
    const y2 = ring[i + 1][1];
    if (onSegment(x1, y1, x2, y2, px, py)) return undefined;
    if (y1 > py !== y2 > py) {
      // The crossing lies right of the point iff the cross product has the sign of dy
      // (division-free, and the same arithmetic as the prepared test so both agree exactly).
      const dy = y2 - y1;
      const cross = (x2 - x1) * (py - y1) - dy * (px - x1);
      if (dy > 0 ? cross > 0 : cross < 0) inside = !inside;
    }
  }
  return inside;
}

/**
 * Whether the point lies in the closed Polygon/MultiPolygon (boundary counts as inside).
 * O(vertices) per call with no set-up: use {@link prepareGeometry} for repeated queries.
 */
export function pointInGeometry(point: LonLat, geometry: AreaGeometry): boolean {
  const [px, py] = point;
  for (const polygon of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of polygon) {
      const r = ringCrossings(ring, px, py);
      if (r === undefined) return true;
      if (r) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

/** True when (px, py) lies exactly on the closed segment (x1, y1)–(x2, y2). */
export function onSegment(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  px: number,
  py: number,
): boolean {
  if (px < Math.min(x1, x2) || px > Math.max(x1, x2)) return false;
  if (py < Math.min(y1, y2) || py > Math.max(y1, y2)) return false;
  return (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1) === 0;
}

/** One polygon (exterior + holes) with its edges bucketed into horizontal bands. */
interface PreparedPart {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Edges as consecutive (x1, y1, x2, y2). */
  edges: Float64Array;
  bands: number;
  /** Bands per degree of latitude. */
  scale: number;
  /** CSR layout: edges of band b are bandEdges[bandStart[b] .. bandStart[b + 1]). */
  bandStart: Int32Array;
  bandEdges: Int32Array;
}

/**
 * A geometry pre-processed for fast repeated point tests: per-part bounding boxes and edges
 * bucketed into latitude bands, so a test only looks at the few edges a horizontal ray through
 * the point can meet (about √n instead of n for a county outline).
 */
export interface PreparedGeometry {
  readonly bbox: BBox;
  /** Closed point-in-geometry test; same answers as {@link pointInGeometry}. */
  contains(lon: number, lat: number): boolean;
}

/** Builds a {@link PreparedGeometry}; O(vertices) time and memory. */
export function prepareGeometry(geometry: AreaGeometry): PreparedGeometry {
  const parts: PreparedPart[] = [];
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    const part = preparePart(polygon);
    if (!part) continue;
    parts.push(part);
    if (part.minX < bbox[0]) bbox[0] = part.minX;
    if (part.minY < bbox[1]) bbox[1] = part.minY;
    if (part.maxX > bbox[2]) bbox[2] = part.maxX;
    if (part.maxY > bbox[3]) bbox[3] = part.maxY;
  }
  return {
    bbox,
    contains(lon, lat) {
      if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
      for (const part of parts) {
        if (partContains(part, lon, lat)) return true;
      }
      return false;
    },
  };
}

function preparePart(rings: Ring[]): PreparedPart | null {
  let edgeCount = 0;
  for (const ring of rings) edgeCount += Math.max(0, ring.length - 1);
  if (edgeCount === 0) return null;
  const edges = new Float64Array(edgeCount * 4);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let e = 0;
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const x1 = ring[i][0];
      const y1 = ring[i][1];
      const x2 = ring[i + 1][0];
      const y2 = ring[i + 1][1];
      edges[e++] = x1;
      edges[e++] = y1;
      edges[e++] = x2;
      edges[e++] = y2;
      minX = Math.min(minX, x1, x2);
      maxX = Math.max(maxX, x1, x2);
      minY = Math.min(minY, y1, y2);
      maxY = Math.max(maxY, y1, y2);
    }
  }
  // About 4 edges per band: a ray then meets a handful of edges, and the index stays O(n).
  const bands = maxY > minY ? Math.max(1, Math.min(4096, Math.ceil(edgeCount / 4))) : 1;
  const scale = maxY > minY ? bands / (maxY - minY) : 0;
  const bandOf = (y: number): number => {
    const b = Math.floor((y - minY) * scale);
    return b < 0 ? 0 : b >= bands ? bands - 1 : b;
  };
  const bandStart = new Int32Array(bands + 1);
  for (let i = 0; i < edgeCount; i++) {
    const y1 = edges[i * 4 + 1];
    const y2 = edges[i * 4 + 3];
    const b1 = bandOf(Math.max(y1, y2));
    for (let b = bandOf(Math.min(y1, y2)); b <= b1; b++) bandStart[b + 1]++;
  }
  for (let b = 0; b < bands; b++) bandStart[b + 1] += bandStart[b];
  const fill = bandStart.slice(0, bands);
  const bandEdges = new Int32Array(bandStart[bands]);
  for (let i = 0; i < edgeCount; i++) {
    const y1 = edges[i * 4 + 1];
    const y2 = edges[i * 4 + 3];
    const b1 = bandOf(Math.max(y1, y2));
    for (let b = bandOf(Math.min(y1, y2)); b <= b1; b++) bandEdges[fill[b]++] = i;
  }
  return { minX, minY, maxX, maxY, edges, bands, scale, bandStart, bandEdges };
}

function partContains(part: PreparedPart, px: number, py: number): boolean {
  if (px < part.minX || px > part.maxX || py < part.minY || py > part.maxY) return false;
  // Same expression as bandOf at build time, so an edge whose y-range holds py is in this band.
  let b = Math.floor((py - part.minY) * part.scale);
  if (b < 0) b = 0;
  else if (b >= part.bands) b = part.bands - 1;
  const { edges, bandEdges } = part;
  let inside = false;
  for (let k = part.bandStart[b], end = part.bandStart[b + 1]; k < end; k++) {
    const o = bandEdges[k] * 4;
    const x1 = edges[o];
    const y1 = edges[o + 1];
    const x2 = edges[o + 2];
    const y2 = edges[o + 3];
    if (y1 > py !== y2 > py) {
      const dx = x2 - x1;
      const dy = y2 - y1;
      const cross = dx * (py - y1) - dy * (px - x1);
      if (cross === 0) return true; // on this edge (py strictly inside its y-range)
      if (dy > 0 ? cross > 0 : cross < 0) inside = !inside;
    } else if (py === y1 || py === y2) {
      // The point's latitude touches this edge's end (or the edge is horizontal): boundary check.
      if (onSegment(x1, y1, x2, y2, px, py)) return true;
    }
  }
  return inside;
}
