import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circleToPolygon } from './circle';
import { createRng } from './rng';
import {
  COUNTIES_URL,
  square,
  squareWithHole,
  twoSquares,
  uShape,
  unitSquare,
  useCounties,
} from './testdata';
import type { AreaGeometry, LonLat, Polygon } from './types';
import { validatePolygon, type PolygonIssue } from './validate';

const counties = useCounties(readFileSync(COUNTIES_URL, 'utf8'));

function poly(...rings: LonLat[][]): Polygon {
  return { type: 'Polygon', coordinates: rings };
}

function issue(geometry: AreaGeometry): PolygonIssue {
  const result = validatePolygon(geometry);
  if (result.ok) throw new Error('expected an issue');
  return result.issue;
}

describe('validatePolygon', () => {
  it('accepts well-formed shapes', () => {
    for (const g of [unitSquare, squareWithHole, uShape, twoSquares]) {
      expect(validatePolygon(g)).toEqual({ ok: true });
    }
    expect(validatePolygon(circleToPolygon([112.5, 37.8], 500, 128))).toEqual({ ok: true });
    const triangle = poly([
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(validatePolygon(triangle)).toEqual({ ok: true });
  });

  it('finds the bow-tie crossing and names both segments', () => {
    const bowTie = poly([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(issue(bowTie)).toMatchObject({
      code: 'SELF_INTERSECTING',
      polygon: 0,
      ring: 0,
      segment: 0,
      other: { polygon: 0, ring: 0, segment: 2 },
    });
  });

  it('refuses a ring touching itself at a vertex (figure eight) and a spike', () => {
    const pinched = poly([
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ]);
    expect(issue(pinched).code).toBe('SELF_INTERSECTING');
    const spike = poly([
      [0, 0],
      [2, 0],
      [3, 0],
      [2, 0],
      [2, 2],
      [0, 0],
    ]);
    // Segment 2 runs back onto segment 1 and ends on segment 0; the lowest pair is reported.
    expect(issue(spike)).toMatchObject({
      code: 'SELF_INTERSECTING',
      segment: 0,
      other: { segment: 2 },
    });
  });

  it('reports segment indices of the original ring when positions repeat', () => {
    const g = poly([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    // Original segments: 0 (0,0)-(0,0) empty, 1 (0,0)-(1,1), 2 empty, 3 (1,1)-(1,0), 4 (1,0)-(0,1).
    expect(issue(g)).toMatchObject({
      code: 'SELF_INTERSECTING',
      segment: 1,
      other: { segment: 4 },
    });
    const repeatsOnly = poly([
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    expect(validatePolygon(repeatsOnly)).toEqual({ ok: true });
  });

  it('checks rings against each other: holes crossing, touching or outside the shell', () => {
    const crossing = poly(square(0, 0, 1), square(0.5, 0.5, 1));
    expect(issue(crossing)).toMatchObject({
      code: 'SELF_INTERSECTING',
      ring: 0,
      other: { ring: 1 },
    });
    const touching = poly(square(0, 0, 1), [
      [0, 0.5],
      [0.5, 0.25],
      [0.5, 0.75],
      [0, 0.5],
    ]);
    expect(issue(touching).code).toBe('SELF_INTERSECTING');
    const outside = poly(square(0, 0, 1), square(2, 2, 1));
    expect(issue(outside)).toMatchObject({ code: 'HOLE_OUTSIDE', ring: 1 });
  });

  it('lets MultiPolygon parts touch at a vertex but not cross or share an edge', () => {
    const corner: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(1, 1, 1)]],
    };
    expect(validatePolygon(corner)).toEqual({ ok: true });
    const sharedEdge: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(1, 0, 1)]],
    };
    expect(issue(sharedEdge)).toMatchObject({
      code: 'SELF_INTERSECTING',
      polygon: 0,
      other: { polygon: 1 },
    });
    const crossing: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(0.5, 0.5, 1)]],
    };
    expect(issue(crossing).code).toBe('SELF_INTERSECTING');
  });

  it('reports structural problems with their location', () => {
    expect(issue({ type: 'Polygon', coordinates: [] }).code).toBe('EMPTY');
    expect(issue({ type: 'MultiPolygon', coordinates: [] }).code).toBe('EMPTY');
    expect(issue({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], []] })).toMatchObject({
      code: 'EMPTY',
      polygon: 1,
    });
    expect(issue(poly(square(0, 0, 1), []))).toMatchObject({ code: 'EMPTY', ring: 1 });
    expect(
      issue(
        poly([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      ).code,
    ).toBe('TOO_FEW_POINTS');
    expect(
      issue(
        poly([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
      ).code,
    ).toBe('NOT_CLOSED');
    const out = issue(
      poly([
        [0, 0],
        [181, 0],
        [1, 1],
        [0, 0],
      ]),
    );
    expect(out).toMatchObject({ code: 'OUT_OF_RANGE', position: 1 });
    expect(
      issue(
        poly([
          [0, 0],
          [1, Number.NaN],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', position: 1 });
    expect(issue(poly([[0, 0], [1, 91] as LonLat, [1, 1], [0, 0]])).code).toBe('OUT_OF_RANGE');
    expect(
      issue(
        poly([
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ]),
      ).code,
    ).toBe('ZERO_AREA');
    expect(
      issue(
        poly([
          [112.1, 37.1],
          [112.2, 37.3],
          [112.3, 37.5],
          [112.1, 37.1],
        ]),
      ).code,
    ).toBe('ZERO_AREA');
  });

  it('survives malformed input without throwing', () => {
    const junk = [null, {}, { type: 'Polygon' }, { type: 'Polygon', coordinates: [[1, 2]] }];
    for (const g of junk) {
      const result = validatePolygon(g as unknown as AreaGeometry);
      expect(result.ok).toBe(false);
    }
  });

  it('property: random star-shaped polygons are valid; swapping two far vertices breaks them', () => {
    const rng = createRng(11);
    for (let t = 0; t < 50; t++) {
      const n = rng.int(5, 60);
      const angles = Array.from({ length: n }, () => rng.next() * 2 * Math.PI).sort(
        (a, b) => a - b,
      );
      const ring: LonLat[] = angles.map((a) => {
        const r = 0.01 + rng.next() * 0.02;
        return [112 + r * Math.cos(a), 37 + r * Math.sin(a)];
      });
      ring.push(ring[0]);
      expect(validatePolygon(poly(ring))).toEqual({ ok: true });
    }
    const ring = circleToPolygon([112, 37], 1000, 40).coordinates[0];
    [ring[5], ring[25]] = [ring[25], ring[5]];
    expect(issue(poly(ring)).code).toBe('SELF_INTERSECTING');
  });

  it('real counties are valid, except two whose parts share an edge in the DataV data', () => {
    const invalid = counties.filter((c) => !validatePolygon(c.geometry).ok).map((c) => c.code);
    expect(invalid).toEqual(['140311', '140525']);
  });
});
