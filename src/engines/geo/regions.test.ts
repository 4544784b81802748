import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegionLocator, loadRegions } from './regions';
import { COUNTIES_URL, useCounties } from './testdata';

const counties = useCounties(readFileSync(COUNTIES_URL, 'utf8'));

describe('loadRegions', () => {
  it('types the 117 Shanxi counties with string codes and parents', () => {
    expect(counties).toHaveLength(117);
    const xiaodian = counties.find((c) => c.code === '140105');
    expect(xiaodian).toMatchObject({
      code: '140105',
      name: '小店区',
      parentCode: '140100',
      level: 'district',
      center: [112.564273, 37.817974],
      centroid: [112.566093, 37.71378],
    });
    expect(xiaodian?.geometry.type).toBe('MultiPolygon');
    expect(new Set(counties.map((c) => c.code)).size).toBe(117);
    expect(counties.filter((c) => c.parentCode === '140100')).toHaveLength(10);
  });

  it('fills a missing centroid from the centre and vice versa', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const [a, b, c] = loadRegions({
      features: [
        { properties: { adcode: 1, name: 'a', center: [0.6, 0.2] }, geometry },
        { properties: { adcode: '2', centroid: [0.7, 0.1], parent: null }, geometry },
        { properties: { adcode: 3 }, geometry },
      ],
    });
    expect(a).toMatchObject({ code: '1', centroid: [0.6, 0.2], parentCode: null });
    expect(b).toMatchObject({ code: '2', name: '2', center: [0.7, 0.1] });
    expect(c.center).toEqual([0.5, 0.5]);
  });

  it('throws on malformed collections', () => {
    expect(() => loadRegions(null)).toThrow(TypeError);
    expect(() =>
      loadRegions({ features: [{ properties: { adcode: 1 }, geometry: null }] }),
    ).toThrow(/feature 0/);
    const point = { type: 'Point', coordinates: [0, 0] };
    expect(() =>
      loadRegions({ features: [{ properties: { adcode: 1 }, geometry: point }] }),
    ).toThrow(TypeError);
  });
});

describe('createRegionLocator', () => {
  it('finds every county from its seat and label point, and nothing outside Shanxi', () => {
    const locator = createRegionLocator(counties);
    for (const c of counties) {
      expect(locator.locate(...c.center)?.code).toBe(c.code);
      expect(locator.locate(...c.centroid)?.code).toBe(c.code);
    }
    expect(locator.locate(116.4, 39.9)).toBeNull(); // Beijing
    expect(locator.prepared('140105')?.contains(112.564273, 37.817974)).toBe(true);
    expect(locator.prepared('999999')).toBeUndefined();
  });
});
