import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circleHull, pointInCircle } from './circle';
import { geometriesIntersect } from './intersect';
import {
  COUNTIES_URL,
  county,
  square,
  squareWithHole,
  uShape,
  unitSquare,
  useCounties,
} from './testdata';
import type { LonLat, Polygon } from './types';

useCounties(readFileSync(COUNTIES_URL, 'utf8'));

const poly = (ring: LonLat[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });

describe('geometriesIntersect', () => {
  it('finds overlap, containment and touching, both ways', () => {
    const overlapping = poly(square(0.5, 0.5, 1));
    const inside = poly(square(0.25, 0.25, 0.5));
    const touching = poly(square(1, 0, 1));
    for (const other of [overlapping, inside, touching]) {
      expect(geometriesIntersect(unitSquare, other)).toBe(true);
      expect(geometriesIntersect(other, unitSquare)).toBe(true);
    }
    expect(geometriesIntersect(unitSquare, poly(square(1.01, 0, 1)))).toBe(false);
  });

  it('sees a body crossing a shape although no vertex of either lies in the other', () => {
    // A thin bar across the unit square: its four corners are outside, the square's too.
    const bar = poly([
      [-1, 0.45],
      [2, 0.45],
      [2, 0.55],
      [-1, 0.55],
      [-1, 0.45],
    ]);
    expect(geometriesIntersect(bar, unitSquare)).toBe(true);
    expect(geometriesIntersect(unitSquare, bar)).toBe(true);
  });

  it('keeps concave notches and holes empty', () => {
    expect(geometriesIntersect(uShape, poly(square(1.2, 1.5, 0.5)))).toBe(false);
    expect(geometriesIntersect(squareWithHole, poly(square(0.4, 0.4, 0.2)))).toBe(false);
    expect(geometriesIntersect(squareWithHole, poly(square(0.2, 0.4, 0.2)))).toBe(true);
  });

  it('tells neighbouring real counties from distant ones', () => {
    // 小店区 borders 晋源区 (both Taiyuan); 大同's 平城区 is far away.
    expect(geometriesIntersect(county('140105').geometry, county('140110').geometry)).toBe(true);
    expect(geometriesIntersect(county('140105').geometry, county('140213').geometry)).toBe(false);
  });
});

describe('circleHull', () => {
  it('contains every point of the circle', () => {
    const center: LonLat = [112.55, 37.8];
    const hull = circleHull(center, 5_000);
    for (let b = 0; b < 360; b += 1.3) {
      // A point just inside the rim, between the hull's vertices.
      const rad = (b * Math.PI) / 180;
      const p: LonLat = [
        center[0] + (Math.sin(rad) * 4_999) / (111_320 * Math.cos((center[1] * Math.PI) / 180)),
        center[1] + (Math.cos(rad) * 4_999) / 111_320,
      ];
      if (!pointInCircle(p, center, 5_000)) continue;
      expect(geometriesIntersect(hull, poly(square(p[0], p[1], 1e-9)))).toBe(true);
    }
  });
});
