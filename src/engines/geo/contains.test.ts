import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pointInGeometry, prepareGeometry } from './contains';
import { createRng } from './rng';
import {
  COUNTIES_URL,
  county,
  shanxiCounties,
  useCounties,
  squareWithHole,
  twoSquares,
  uShape,
  unitSquare,
} from './testdata';

useCounties(readFileSync(COUNTIES_URL, 'utf8'));
import type { AreaGeometry, LonLat, MultiPolygon } from './types';

/** Asserts the plain and the prepared test agree, and returns their common answer. */
function inside(point: LonLat, geometry: AreaGeometry): boolean {
  const plain = pointInGeometry(point, geometry);
  expect(prepareGeometry(geometry).contains(point[0], point[1])).toBe(plain);
  return plain;
}

describe('point in polygon', () => {
  it('unit square: interior, exterior, edges and vertices (closed set)', () => {
    expect(inside([0.5, 0.5], unitSquare)).toBe(true);
    expect(inside([1.5, 0.5], unitSquare)).toBe(false);
    expect(inside([-0.5, 0.5], unitSquare)).toBe(false);
    expect(inside([0.5, 1.5], unitSquare)).toBe(false);
    expect(inside([1, 0.5], unitSquare)).toBe(true);
    expect(inside([0, 0.5], unitSquare)).toBe(true);
    expect(inside([0.5, 0], unitSquare)).toBe(true);
    expect(inside([0.5, 1], unitSquare)).toBe(true);
    for (const v of unitSquare.coordinates[0]) expect(inside(v, unitSquare)).toBe(true);
    expect(inside([1 + 1e-12, 0.5], unitSquare)).toBe(false);
    expect(inside([0.5, -1e-12], unitSquare)).toBe(false);
  });

  it('does not depend on winding', () => {
    const reversed: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[...unitSquare.coordinates[0]].reverse()],
    };
    expect(inside([0.5, 0.5], reversed)).toBe(true);
    expect(inside([2, 0.5], reversed)).toBe(false);
    expect(inside([1, 1], reversed)).toBe(true);
  });

  it('square with a hole: the hole is outside, its boundary inside', () => {
    expect(inside([0.5, 0.5], squareWithHole)).toBe(false);
    expect(inside([0.1, 0.1], squareWithHole)).toBe(true);
    expect(inside([0.9, 0.5], squareWithHole)).toBe(true);
    expect(inside([0.25, 0.5], squareWithHole)).toBe(true);
    expect(inside([0.75, 0.75], squareWithHole)).toBe(true);
    expect(inside([0.5, 0.7499], squareWithHole)).toBe(false);
  });

  it('concave U-shape: the notch is outside', () => {
    expect(inside([0.5, 2], uShape)).toBe(true);
    expect(inside([2.5, 2], uShape)).toBe(true);
    expect(inside([1.5, 0.5], uShape)).toBe(true);
    expect(inside([1.5, 2], uShape)).toBe(false);
    expect(inside([1.5, 1], uShape)).toBe(true); // bottom of the notch is an edge
    expect(inside([1.5, 3], uShape)).toBe(false); // the notch's open top is not an edge
    expect(inside([1, 2], uShape)).toBe(true); // inner wall of the left arm
    // A ray through the notch's corner vertices at y = 1 and along y = 3's top edges.
    expect(inside([-1, 1], uShape)).toBe(false);
    expect(inside([0.5, 1], uShape)).toBe(true);
    expect(inside([-1, 3], uShape)).toBe(false);
    expect(inside([0.5, 3], uShape)).toBe(true);
  });

  it('MultiPolygon: each part counts, the gap does not; overlapping parts give the union', () => {
    expect(inside([0.5, 0.5], twoSquares)).toBe(true);
    expect(inside([2.5, 0.5], twoSquares)).toBe(true);
    expect(inside([1.5, 0.5], twoSquares)).toBe(false);
    expect(inside([2, 1], twoSquares)).toBe(true);
    const overlapping: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [unitSquare.coordinates, unitSquare.coordinates],
    };
    expect(inside([0.5, 0.5], overlapping)).toBe(true);
  });

  it('real counties: 小店区 contains its seat; 迎泽区 points are not in 小店区', () => {
    const xiaodian = county('140105');
    const yingze = county('140106');
    expect(inside(xiaodian.center, xiaodian.geometry)).toBe(true);
    expect(inside(xiaodian.centroid, xiaodian.geometry)).toBe(true);
    expect(inside(yingze.center, xiaodian.geometry)).toBe(false);
    expect(inside(yingze.centroid, xiaodian.geometry)).toBe(false);
    expect(inside(yingze.center, yingze.geometry)).toBe(true);
  });

  it('every county contains its own seat and label point', () => {
    for (const c of shanxiCounties()) {
      const prepared = prepareGeometry(c.geometry);
      expect(prepared.contains(...c.center), c.code).toBe(true);
      expect(prepared.contains(...c.centroid), c.code).toBe(true);
    }
  });

  it('property: the prepared index agrees with the plain test on random points', () => {
    const rng = createRng(7);
    const shapes = shanxiCounties().filter((_, i) => i % 10 === 0);
    for (const c of shapes) {
      const prepared = prepareGeometry(c.geometry);
      const [x0, y0, x1, y1] = prepared.bbox;
      for (let k = 0; k < 300; k++) {
        const p: LonLat = [x0 + rng.next() * (x1 - x0), y0 + rng.next() * (y1 - y0)];
        expect(prepared.contains(p[0], p[1])).toBe(pointInGeometry(p, c.geometry));
      }
      // Every vertex lies on the boundary, hence inside.
      for (const ring of c.geometry.type === 'Polygon'
        ? c.geometry.coordinates
        : c.geometry.coordinates.flat()) {
        for (const v of ring) expect(prepared.contains(v[0], v[1])).toBe(true);
      }
    }
  });

  it('an empty geometry contains nothing', () => {
    const empty: MultiPolygon = { type: 'MultiPolygon', coordinates: [] };
    expect(inside([0, 0], empty)).toBe(false);
  });
});
