import { pointInGeometry } from './contains';
import { segmentsMeet } from './segments';
import { bboxOf } from './measure';
import { polygonsOf, type AreaGeometry, type BBox, type Polygon, type Ring } from './types';

/*
 * Whether two closed areal geometries share a point — what "this area touches that county" means
 * for the disruption layer's scope checks. Vertices alone do not answer it: a thin or concave
 * shape can have every vertex in one county and its body across another. Two closed polygons
 * meet iff their boundaries meet, or (boundaries apart) one lies inside the other, which one
 * vertex of each shell tells. Exact on the given doubles, like the rest of the engines.
 */

function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Edges of a polygon (all rings) that reach into `box`, as consecutive (x1, y1, x2, y2). */
function edgesIn(rings: Ring[], box: BBox): number[] {
  const out: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      if (Math.max(x1, x2) < box[0] || Math.min(x1, x2) > box[2]) continue;
      if (Math.max(y1, y2) < box[1] || Math.min(y1, y2) > box[3]) continue;
      out.push(x1, y1, x2, y2);
    }
  }
  return out;
}

function polygonsMeet(a: Ring[], b: Ring[]): boolean {
  const pa: Polygon = { type: 'Polygon', coordinates: a };
  const pb: Polygon = { type: 'Polygon', coordinates: b };
  const boxA = bboxOf(pa);
  const boxB = bboxOf(pb);
  if (!boxesMeet(boxA, boxB)) return false;
  const shellA = a[0];
  const shellB = b[0];
  if (shellA?.[0] && pointInGeometry(shellA[0], pb)) return true;
  if (shellB?.[0] && pointInGeometry(shellB[0], pa)) return true;
  // Only edges inside the overlap of the two boxes can cross.
  const overlap: BBox = [
    Math.max(boxA[0], boxB[0]),
    Math.max(boxA[1], boxB[1]),
    Math.min(boxA[2], boxB[2]),
    Math.min(boxA[3], boxB[3]),
  ];
  const ea = edgesIn(a, overlap);
  const eb = edgesIn(b, overlap);
  for (let i = 0; i < ea.length; i += 4) {
    const x1 = ea[i]!;
    const y1 = ea[i + 1]!;
    const x2 = ea[i + 2]!;
    const y2 = ea[i + 3]!;
    for (let j = 0; j < eb.length; j += 4) {
      const x3 = eb[j]!;
      const y3 = eb[j + 1]!;
      const x4 = eb[j + 2]!;
      const y4 = eb[j + 3]!;
      if (Math.max(x1, x2) < Math.min(x3, x4) || Math.max(x3, x4) < Math.min(x1, x2)) continue;
      if (Math.max(y1, y2) < Math.min(y3, y4) || Math.max(y3, y4) < Math.min(y1, y2)) continue;
      if (segmentsMeet(x1, y1, x2, y2, x3, y3, x4, y4)) return true;
    }
  }
  return false;
}

/**
 * Whether two closed Polygon/MultiPolygon geometries share at least one point (touching counts).
 * Cost: per pair of parts whose boxes overlap, O(edges in the overlap of the boxes)² at worst.
 */
export function geometriesIntersect(a: AreaGeometry, b: AreaGeometry): boolean {
  if (!boxesMeet(bboxOf(a), bboxOf(b))) return false;
  for (const pa of polygonsOf(a)) {
    for (const pb of polygonsOf(b)) if (polygonsMeet(pa, pb)) return true;
  }
  return false;
}
