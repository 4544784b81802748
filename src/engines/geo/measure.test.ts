import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circleBBox, circleToPolygon, destination, pointInCircle } from './circle';
import {
  bboxContains,
  bboxOf,
  EARTH_RADIUS_M,
  geodesicAreaM2,
  haversineM,
  METRES_PER_DEGREE,
  ringAreaM2,
} from './measure';
import {
  COUNTIES_URL,
  county,
  shanxiCounties,
  useCounties,
  squareWithHole,
  twoSquares,
  unitSquare,
} from './testdata';

useCounties(readFileSync(COUNTIES_URL, 'utf8'));

const R = EARTH_RADIUS_M;
const rad = Math.PI / 180;

describe('haversine', () => {
  it('measures meridian arcs and the equator exactly', () => {
    expect(haversineM([0, 0], [0, 1])).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(haversineM([0, 0], [1, 0])).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(haversineM([0, 0], [0, 90])).toBeCloseTo((Math.PI / 2) * R, 3);
    expect(haversineM([10, 20], [10, 20])).toBe(0);
    expect(haversineM([0, 0], [180, 0])).toBeCloseTo(Math.PI * R, 3);
  });

  it('is symmetric and shrinks longitude by cos(latitude)', () => {
    const a: [number, number] = [112.5, 37.8];
    const b: [number, number] = [112.6, 37.9];
    expect(haversineM(a, b)).toBe(haversineM(b, a));
    const d = haversineM([112, 60], [112.001, 60]);
    expect(d / (0.001 * METRES_PER_DEGREE)).toBeCloseTo(0.5, 6);
  });
});

describe('bbox', () => {
  it('spans all parts', () => {
    expect(bboxOf(twoSquares)).toEqual([0, 0, 3, 1]);
    expect(bboxOf(squareWithHole)).toEqual([0, 0, 1, 1]);
    expect(bboxContains([0, 0, 3, 1], 3, 1)).toBe(true);
    expect(bboxContains([0, 0, 3, 1], 3.1, 1)).toBe(false);
  });
});

describe('area', () => {
  it('is exact for a lon/lat rectangle: R² Δλ (sin φ2 − sin φ1)', () => {
    const expected = R * R * (1 * rad) * Math.sin(1 * rad);
    expect(geodesicAreaM2(unitSquare) / expected).toBeCloseTo(1, 12);
  });

  it('signs rings by winding and subtracts holes', () => {
    const ccw = unitSquare.coordinates[0];
    expect(ringAreaM2(ccw)).toBeLessThan(0);
    expect(ringAreaM2([...ccw].reverse())).toBeGreaterThan(0);
    const hole = R * R * (0.5 * rad) * (Math.sin(0.75 * rad) - Math.sin(0.25 * rad));
    const full = geodesicAreaM2(unitSquare);
    expect(geodesicAreaM2(squareWithHole) / (full - hole)).toBeCloseTo(1, 12);
    expect(geodesicAreaM2(twoSquares)).toBeCloseTo(full + R * R * rad * Math.sin(1 * rad), 0);
  });

  it('matches official figures for real shapes', () => {
    // 小店区 is officially about 290 km² (the shape is generalised, so allow ±3 %).
    expect(geodesicAreaM2(county('140105').geometry) / 1e6).toBeGreaterThan(281);
    expect(geodesicAreaM2(county('140105').geometry) / 1e6).toBeLessThan(299);
    // Shanxi is about 156,700 km².
    const total = shanxiCounties().reduce((s, c) => s + geodesicAreaM2(c.geometry), 0) / 1e6;
    expect(total).toBeGreaterThan(155_000);
    expect(total).toBeLessThan(158_500);
  });
});

describe('circles', () => {
  const center: [number, number] = [112.55, 37.87];

  it('places the polygon vertices on the circle, closed and counter-clockwise', () => {
    const poly = circleToPolygon(center, 2000, 32);
    const ring = poly.coordinates[0];
    expect(ring).toHaveLength(33);
    expect(ring[32]).toEqual(ring[0]);
    for (const v of ring) expect(haversineM(center, v)).toBeCloseTo(2000, 4);
    expect(ringAreaM2(ring)).toBeLessThan(0);
    // An inscribed n-gon has (n / 2π) sin(2π / n) of the circle's area.
    const ratio = (32 / (2 * Math.PI)) * Math.sin((2 * Math.PI) / 32);
    expect(geodesicAreaM2(poly) / (Math.PI * 2000 ** 2)).toBeCloseTo(ratio, 3);
  });

  it('covers by great-circle distance, boundary included', () => {
    for (const bearing of [0, 45, 90, 135, 180, 270]) {
      expect(pointInCircle(destination(center, 999, bearing), center, 1000)).toBe(true);
      expect(pointInCircle(destination(center, 1001, bearing), center, 1000)).toBe(false);
    }
    expect(pointInCircle(center, center, 0)).toBe(true);
  });

  it('has a bounding box holding the whole circle', () => {
    const box = circleBBox(center, 5000);
    for (const v of circleToPolygon(center, 5000, 90).coordinates[0]) {
      expect(bboxContains(box, v[0], v[1])).toBe(true);
    }
  });

  it('rejects bad radii and segment counts', () => {
    expect(() => circleToPolygon(center, 0)).toThrow(RangeError);
    expect(() => circleToPolygon(center, 10, 2)).toThrow(RangeError);
  });
});
