import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pointInGeometry, prepareGeometry } from './contains';
import { haversineM } from './measure';
import { createRng } from './rng';
import { sampleClusteredPoints, samplePoints } from './sample';
import { COUNTIES_URL, county, squareWithHole, uShape, useCounties } from './testdata';

useCounties(readFileSync(COUNTIES_URL, 'utf8'));

describe('samplers', () => {
  it('uniform points fall inside (never in holes or notches) and repeat for a seed', () => {
    for (const g of [squareWithHole, uShape]) {
      const prepared = prepareGeometry(g);
      const pts = samplePoints(prepared, 500, createRng(1));
      for (const p of pts) expect(pointInGeometry(p, g)).toBe(true);
      expect(samplePoints(prepared, 500, createRng(1))).toEqual(pts);
    }
  });

  it('uniform points spread evenly by area', () => {
    // The U's base (y < 1) holds 3 of its 7 unit cells.
    const pts = samplePoints(prepareGeometry(uShape), 7000, createRng(4));
    const base = pts.filter((p) => p[1] < 1).length;
    expect(Math.abs(base / 7000 - 3 / 7)).toBeLessThan(0.02);
  });

  it('clustered points gather around the centre and stay inside the county', () => {
    const c = county('140105');
    const prepared = prepareGeometry(c.geometry);
    const near = (pts: [number, number][]) =>
      pts.filter((p) => haversineM(p, c.center) < 3000).length / pts.length;
    const clustered = sampleClusteredPoints(prepared, 2000, createRng(2), {
      center: c.center,
      share: 0.7,
      sigmaM: 1500,
    });
    const uniform = sampleClusteredPoints(prepared, 2000, createRng(2), {
      center: c.center,
      share: 0,
      sigmaM: 1500,
    });
    for (const p of clustered) expect(prepared.contains(p[0], p[1])).toBe(true);
    // 70 % Gaussian with σ = 1.5 km: ~86 % of those lie within 3 km, plus a few uniform ones.
    expect(near(clustered)).toBeGreaterThan(0.55);
    expect(near(uniform)).toBeLessThan(0.15);
  });

  it('falls back to uniform when the centre lies outside', () => {
    const prepared = prepareGeometry(uShape);
    const pts = sampleClusteredPoints(prepared, 300, createRng(3), {
      center: [1.5, 2.5],
      share: 1,
      sigmaM: 1,
      maxTries: 4,
    });
    for (const p of pts) expect(pointInGeometry(p, uShape)).toBe(true);
  });

  it('refuses empty geometries and bad options', () => {
    const empty = prepareGeometry({ type: 'MultiPolygon', coordinates: [] });
    expect(() => samplePoints(empty, 1, createRng(1))).toThrow(RangeError);
    const prepared = prepareGeometry(uShape);
    const opts = { center: [0, 0] as [number, number], share: 2, sigmaM: 1 };
    expect(() => sampleClusteredPoints(prepared, 1, createRng(1), opts)).toThrow(RangeError);
  });
});
