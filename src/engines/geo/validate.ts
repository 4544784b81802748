import { pointInGeometry } from './contains';
import { segmentsMeet } from './segments';
import type { AreaGeometry, LonLat, Ring } from './types';

/** Why a user-drawn polygon was refused. */
export const POLYGON_ISSUE_CODES = [
  'EMPTY',
  'TOO_FEW_POINTS',
  'NOT_CLOSED',
  'OUT_OF_RANGE',
  'ZERO_AREA',
  'SELF_INTERSECTING',
  'HOLE_OUTSIDE',
] as const;
export type PolygonIssueCode = (typeof POLYGON_ISSUE_CODES)[number];

/** Where in the geometry a segment sits; `segment` i runs from position i to position i + 1. */
export interface SegmentRef {
  polygon: number;
  ring: number;
  segment: number;
}

/** The first problem found, located by polygon (0 for a Polygon), ring and position/segment. */
export interface PolygonIssue {
  code: PolygonIssueCode;
  /** English diagnostic for logs; user-facing text is chosen from `code`. */
  message: string;
  polygon: number;
  ring: number;
  /** Offending position, for OUT_OF_RANGE. */
  position?: number;
  /** First offending segment, for SELF_INTERSECTING. */
  segment?: number;
  /** The segment it meets, for SELF_INTERSECTING (may be in another ring or polygon). */
  other?: SegmentRef;
}

export type PolygonValidation = { ok: true } | { ok: false; issue: PolygonIssue };

/**
 * Validates a Polygon/MultiPolygon drawn by a user or imported from a spreadsheet: every ring
 * non-empty, at least 4 positions, closed, finite coordinates within lon ±180 / lat ±90, each
 * ring with non-zero area, no two segments of the whole geometry meeting except neighbours at
 * their shared vertex and separate parts touching at a vertex (so holes may not touch their
 * shell, and parts may not cross or share an edge), and every hole inside its shell. Repeated consecutive positions are tolerated (map clicks produce them).
 * Parts nested inside other parts are not detected. Returns the first issue found.
 *
 * Cost: O(n log n + k) for n segments, k pairs whose x-ranges overlap (O(n²) worst case).
 */
export function validatePolygon(geometry: AreaGeometry): PolygonValidation {
  const polygons: unknown =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : undefined;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    return fail('EMPTY', 'geometry has no polygon', 0, 0);
  }
  const rings: CleanRing[] = [];
  for (let p = 0; p < polygons.length; p++) {
    const polygon: unknown = polygons[p];
    if (!Array.isArray(polygon) || polygon.length === 0) {
      return fail('EMPTY', 'polygon has no ring', p, 0);
    }
    for (let r = 0; r < polygon.length; r++) {
      const checked = checkRing(polygon[r], p, r);
      if ('code' in checked) return { ok: false, issue: checked };
      rings.push(checked);
    }
  }
  const crossing = findIntersection(rings);
  if (crossing) {
    const [a, b] = crossing;
    return {
      ok: false,
      issue: {
        code: 'SELF_INTERSECTING',
        message: `segment ${a.segment} of polygon ${a.polygon} ring ${a.ring} meets segment ${b.segment} of polygon ${b.polygon} ring ${b.ring}`,
        polygon: a.polygon,
        ring: a.ring,
        segment: a.segment,
        other: b,
      },
    };
  }
  for (const ring of rings) {
    if (ring.ring === 0) continue;
    const shell = rings.find((s) => s.polygon === ring.polygon && s.ring === 0);
    const probe = ring.points[0];
    if (shell && !pointInGeometry(probe, { type: 'Polygon', coordinates: [shell.points] })) {
      return fail('HOLE_OUTSIDE', 'hole lies outside its shell', ring.polygon, ring.ring);
    }
  }
  return { ok: true };
}

interface CleanRing {
  polygon: number;
  ring: number;
  /** Positions without consecutive repeats, closed. */
  points: Ring;
  /** For each segment of `points`, the index of its start in the original ring. */
  original: number[];
}

function fail(
  code: PolygonIssueCode,
  message: string,
  polygon: number,
  ring: number,
  extra: Partial<PolygonIssue> = {},
): PolygonValidation {
  return { ok: false, issue: { code, message, polygon, ring, ...extra } };
}

function checkRing(raw: unknown, polygon: number, ring: number): CleanRing | PolygonIssue {
  const issue = (code: PolygonIssueCode, message: string, extra: Partial<PolygonIssue> = {}) => ({
    code,
    message,
    polygon,
    ring,
    ...extra,
  });
  if (!Array.isArray(raw) || raw.length === 0) return issue('EMPTY', 'ring has no position');
  for (let i = 0; i < raw.length; i++) {
    const pos: unknown = raw[i];
    const ok =
      Array.isArray(pos) &&
      pos.length >= 2 &&
      typeof pos[0] === 'number' &&
      typeof pos[1] === 'number' &&
      Number.isFinite(pos[0]) &&
      Number.isFinite(pos[1]) &&
      Math.abs(pos[0]) <= 180 &&
      Math.abs(pos[1]) <= 90;
    if (!ok)
      return issue('OUT_OF_RANGE', `position ${i} is not a lon/lat pair in range`, { position: i });
  }
  const positions = raw as LonLat[];
  if (positions.length < 4) {
    return issue('TOO_FEW_POINTS', `ring has ${positions.length} positions, at least 4 needed`);
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return issue('NOT_CLOSED', 'first and last positions differ');
  }
  const points: Ring = [first];
  const original: number[] = [];
  for (let i = 1; i < positions.length; i++) {
    const prev = points[points.length - 1];
    const cur = positions[i];
    if (cur[0] === prev[0] && cur[1] === prev[1]) continue;
    // Repeats are consecutive, so positions[i - 1] is (a copy of) prev: the segment starts there.
    original.push(i - 1);
    points.push(cur);
  }
  // Only an all-collinear ring is "zero area": a bow-tie's lobes also cancel to zero signed area,
  // but the useful diagnosis there is the crossing, which the sweep reports.
  if (collinear(points)) return issue('ZERO_AREA', 'ring encloses no area');
  return { polygon, ring, points, original };
}

/** All vertices on one line, up to rounding (relative to the ring's extent). */
function collinear(points: Ring): boolean {
  const [ox, oy] = points[0];
  // The vertex farthest from the first one fixes the line's direction.
  let fx = ox;
  let fy = oy;
  let far = 0;
  for (const [x, y] of points) {
    const d = (x - ox) ** 2 + (y - oy) ** 2;
    if (d > far) {
      far = d;
      fx = x;
      fy = y;
    }
  }
  if (far === 0) return true;
  for (const [x, y] of points) {
    const cross = (fx - ox) * (y - oy) - (fy - oy) * (x - ox);
    // |cross| / √far is the distance from the line; compare it with √far, squared.
    if (cross * cross > 1e-24 * far * far) return false;
  }
  return true;
}

/** Sort-and-sweep on x: only pairs whose x-ranges overlap get the exact intersection test. */
function findIntersection(rings: CleanRing[]): [SegmentRef, SegmentRef] | null {
  const segRing: number[] = [];
  const segIndex: number[] = [];
  for (let r = 0; r < rings.length; r++) {
    for (let s = 0; s < rings[r].points.length - 1; s++) {
      segRing.push(r);
      segIndex.push(s);
    }
  }
  const n = segRing.length;
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const pts = rings[segRing[k]].points;
    const s = segIndex[k];
    ax[k] = pts[s][0];
    ay[k] = pts[s][1];
    bx[k] = pts[s + 1][0];
    by[k] = pts[s + 1][1];
  }
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (p, q) => Math.min(ax[p], bx[p]) - Math.min(ax[q], bx[q]),
  );
  let best: [number, number] | null = null;
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi];
    const maxXi = Math.max(ax[i], bx[i]);
    const minYi = Math.min(ay[i], by[i]);
    const maxYi = Math.max(ay[i], by[i]);
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj];
      if (Math.min(ax[j], bx[j]) > maxXi) break;
      if (Math.max(ay[j], by[j]) < minYi || Math.min(ay[j], by[j]) > maxYi) continue;
      // Neighbours in a ring share a vertex by construction; parts of a MultiPolygon may touch
      // at a vertex (OGC allows it, and two DataV counties do). Either way the shared vertex is
      // fine and only folding back along each other is not.
      const mayShare =
        areNeighbours(rings, segRing, segIndex, i, j) ||
        rings[segRing[i]].polygon !== rings[segRing[j]].polygon;
      const bad =
        mayShare && sharesEndpoint(ax, ay, bx, by, i, j)
          ? neighboursOverlap(ax, ay, bx, by, i, j)
          : segmentsMeet(ax[i], ay[i], bx[i], by[i], ax[j], ay[j], bx[j], by[j]);
      if (bad) {
        const pair: [number, number] = i < j ? [i, j] : [j, i];
        // Keep the lowest pair so the answer does not depend on the sort's tie order.
        if (!best || pair[0] < best[0] || (pair[0] === best[0] && pair[1] < best[1])) best = pair;
      }
    }
  }
  if (!best) return null;
  const ref = (k: number): SegmentRef => {
    const ring = rings[segRing[k]];
    return { polygon: ring.polygon, ring: ring.ring, segment: ring.original[segIndex[k]] };
  };
  return [ref(best[0]), ref(best[1])];
}

function areNeighbours(
  rings: CleanRing[],
  segRing: number[],
  segIndex: number[],
  i: number,
  j: number,
): boolean {
  if (segRing[i] !== segRing[j]) return false;
  const count = rings[segRing[i]].points.length - 1;
  const d = Math.abs(segIndex[i] - segIndex[j]);
  return d === 1 || d === count - 1;
}

function sharesEndpoint(
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  i: number,
  j: number,
): boolean {
  const same = (x1: number, y1: number, x2: number, y2: number) => x1 === x2 && y1 === y2;
  return (
    same(ax[i], ay[i], ax[j], ay[j]) ||
    same(ax[i], ay[i], bx[j], by[j]) ||
    same(bx[i], by[i], ax[j], ay[j]) ||
    same(bx[i], by[i], bx[j], by[j])
  );
}

/**
 * Two segments sharing an endpoint S meet elsewhere only if they are collinear and head the same
 * way from S (a spike folding back, or overlapping edges).
 */
function neighboursOverlap(
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  i: number,
  j: number,
): boolean {
  const ends: [number, number, number, number][] = [
    [ax[i], ay[i], bx[i], by[i]],
    [bx[i], by[i], ax[i], ay[i]],
  ];
  const others: [number, number, number, number][] = [
    [ax[j], ay[j], bx[j], by[j]],
    [bx[j], by[j], ax[j], ay[j]],
  ];
  for (const [sx, sy, px, py] of ends) {
    for (const [tx, ty, qx, qy] of others) {
      if (sx !== tx || sy !== ty) continue;
      const cross = (px - sx) * (qy - sy) - (py - sy) * (qx - sx);
      const dot = (px - sx) * (qx - sx) + (py - sy) * (qy - sy);
      if (cross === 0 && dot > 0) return true;
    }
  }
  return false;
}
