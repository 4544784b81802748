import { describe, expect, it } from 'vitest';
import { AreaIndex } from './area-index';
import { diffEffective } from './diff';
import { box, makeArea, place } from './testkit';

describe('diffEffective', () => {
  const places = [
    place('in', 112.5, 37.5),
    place('edge', 112.95, 37.5),
    place('out', 111, 36),
    place('home', 112.5, 37.5, 'staff_home'),
  ];
  const t = '2022-04-01T00:00:00Z';
  const ring = makeArea('ring', box(112, 37, 113, 38), { status: 'controlled' });
  const before = AreaIndex.build([ring]).effectiveStatusMany(places, t);

  it('reports the places whose effects changed after an area change, by index', () => {
    const sealed = makeArea('sealed', box(112.4, 37.4, 112.6, 37.6));
    const after = AreaIndex.build([ring, sealed]).effectiveStatusMany(places, t);
    const changes = diffEffective(before, after);
    expect(changes.map((c) => c.key)).toEqual([0, 3]);
    expect(changes[0].fields).toEqual(['ordering', 'delivery', 'status', 'severity']);
    expect(changes[0].effectChanged).toBe(true);
    expect(changes[1].fields).toEqual(['ordering', 'delivery', 'status', 'severity']);
  });

  it('flags a change of label with the same effects as not an effect change', () => {
    const medium = makeArea('medium', box(112, 37, 113, 38), {
      scheme: 'risk-2022',
      status: 'medium',
    });
    const after = AreaIndex.build([medium]).effectiveStatusMany(places, t);
    const changes = diffEffective(before, after);
    expect(changes.map((c) => c.key)).toEqual([0, 1, 3]);
    expect(changes[0].fields).toEqual(['status', 'scheme']);
    expect(changes.every((c) => !c.effectChanged)).toBe(true);
  });

  it('ignores a new covering area that changes nothing but areaIds', () => {
    const twin = makeArea('twin', box(112, 37, 113, 38), { status: 'controlled' });
    const after = AreaIndex.build([ring, twin]).effectiveStatusMany(places, t);
    expect(after[0].areaIds).toHaveLength(2);
    expect(diffEffective(before, after)).toEqual([]);
  });

  it('diffs maps keyed by place id, including places added or removed', () => {
    const a = new Map([
      ['x', before[0]],
      ['y', before[2]],
    ]);
    const b = new Map([
      ['x', before[2]],
      ['z', before[2]],
    ]);
    const changes = diffEffective(a, b);
    expect(changes.map((c) => [c.key, c.effectChanged])).toEqual([
      ['x', true],
      ['y', true],
      ['z', true],
    ]);
    expect(changes[1].after).toBeUndefined();
    expect(changes[2].before).toBeUndefined();
  });
});
