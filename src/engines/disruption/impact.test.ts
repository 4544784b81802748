import { describe, expect, it } from 'vitest';
import { impactOf } from './impact';
import { box, makeArea, place } from './testkit';
import type { Place } from './types';

/** A 10 × 10 grid of retailers at 112.05 … 112.95 × 37.05 … 37.95, plus a few other places. */
function grid(): Place[] {
  const places: Place[] = [];
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 10; j++) {
      places.push(
        place(
          `rtl_${i}_${j}`,
          112.05 + i * 0.1,
          37.05 + j * 0.1,
          'retailer',
          i < 5 ? '140105' : '140106',
        ),
      );
    }
  }
  places.push(place('wh_1', 112.25, 37.25, 'warehouse'));
  places.push(place('off_1', 112.25, 37.35, 'office'));
  places.push(place('stf_1', 112.35, 37.25, 'staff_home'));
  places.push(place('stf_2', 113.5, 37.25, 'staff_home'));
  return places;
}

describe('impactOf', () => {
  const places = grid();

  it('counts covered places by type and lists covered retailers in order', () => {
    const impact = impactOf(makeArea('a', box(112, 37, 112.4, 37.3)), places);
    // Columns i = 0..3 (112.05 … 112.35), rows j = 0..2 (37.05 … 37.25).
    expect(impact.counts).toEqual({ retailer: 12, warehouse: 1, office: 0, staff_home: 1 });
    expect(impact.total).toBe(14);
    expect(impact.retailerIds.slice(0, 4)).toEqual(['rtl_0_0', 'rtl_0_1', 'rtl_0_2', 'rtl_1_0']);
    expect(impact.placeIndices).toHaveLength(14);
    expect(impact.weightShare).toBe(0);
  });

  it('sums weights of covered retailers against all retailers', () => {
    const weights = new Map(
      places.filter((p) => p.type === 'retailer').map((p, k) => [p.id, k % 2 === 0 ? 30 : 10]),
    );
    const impact = impactOf(
      makeArea('c', { kind: 'counties', countyCodes: ['140106'] }),
      places,
      weights,
    );
    expect(impact.counts.retailer).toBe(50);
    expect(impact.counts.warehouse).toBe(0); // it lies in 140105
    expect(impact.weightTotal).toBe(2000);
    expect(impact.weightCovered).toBe(1000);
    expect(impact.weightShare).toBe(0.5);
  });

  it('ignores the validity interval of a candidate area', () => {
    const ended = makeArea('e', box(112, 37, 113, 38), { ended: '2000-01-01T00:00:00Z' });
    expect(impactOf(ended, places).total).toBe(103);
  });

  it('covers by circle and by explicit ids', () => {
    const circle = impactOf(
      makeArea('c', { kind: 'circle', center: [112.25, 37.25], radiusM: 100 }),
      places,
    );
    expect(circle.counts).toEqual({ retailer: 1, warehouse: 1, office: 0, staff_home: 0 });
    const listed = impactOf(
      makeArea('l', { kind: 'places', placeIds: ['stf_2', 'rtl_9_9', 'nope'] }),
      places,
    );
    expect(listed.counts).toEqual({ retailer: 1, warehouse: 0, office: 0, staff_home: 1 });
  });
});
