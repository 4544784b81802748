import { loadRegions, type RegionRecord } from './regions';
import type { LonLat, MultiPolygon, Polygon } from './types';

/**
 * Test-only fixtures: small hand-made shapes, and the real Shanxi counties from data/geo once a
 * test file has read them (engines do no I/O, so the reading stays in the test files).
 */

export const unitSquare: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};

export const squareWithHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    unitSquare.coordinates[0],
    [
      [0.25, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
      [0.75, 0.25],
      [0.25, 0.25],
    ],
  ],
};

/** A U opening upwards: arms x∈[0,1] and x∈[2,3], base y∈[0,1], notch x∈(1,2) × y∈(1,3]. */
export const uShape: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};

/** Two disjoint unit squares, at x∈[0,1] and x∈[2,3]. */
export const twoSquares: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    unitSquare.coordinates,
    [
      [
        [2, 0],
        [3, 0],
        [3, 1],
        [2, 1],
        [2, 0],
      ],
    ],
  ],
};

export function square(x0: number, y0: number, size: number): LonLat[] {
  return [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
}

/** Path of the county file relative to this folder, for tests to read. */
export const COUNTIES_URL = new URL('../../../data/geo/shanxi-counties.geojson', import.meta.url);

let counties: RegionRecord[] | undefined;

/** Parses the county file's text once per test file and keeps the records. */
export function useCounties(text: string): RegionRecord[] {
  counties ??= loadRegions(JSON.parse(text));
  return counties;
}

/** The counties registered by {@link useCounties}. */
export function shanxiCounties(): RegionRecord[] {
  if (!counties) throw new Error('call useCounties(readFileSync(COUNTIES_URL)) first');
  return counties;
}

export function county(code: string): RegionRecord {
  const found = shanxiCounties().find((c) => c.code === code);
  if (!found) throw new Error(`no county ${code}`);
  return found;
}
