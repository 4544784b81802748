import { describe, expect, it } from 'vitest';
import { destination } from '../geo';
import { AreaIndex } from './area-index';
import { isAreaActive } from './coverage';
import { box, makeArea, place } from './testkit';
import type { Area } from './types';
import { SERVICE_STATES, type ServiceState } from './vocab';

const NOW = '2022-04-01T00:00:00Z';

function only(area: Area): AreaIndex {
  return AreaIndex.build([area]);
}

describe('coverage kinds', () => {
  it('geometry: inside and on the edge are covered, outside is not', () => {
    const index = only(makeArea('a', box(112, 37, 113, 38)));
    expect(index.effectiveStatus(place('in', 112.5, 37.5), NOW).status).toBe('sealed');
    expect(index.effectiveStatus(place('edge', 113, 37.5), NOW).status).toBe('sealed');
    expect(index.effectiveStatus(place('corner', 112, 37), NOW).status).toBe('sealed');
    expect(index.effectiveStatus(place('out', 113.001, 37.5), NOW).status).toBeNull();
  });

  it('townships are covered by their resolved geometry', () => {
    const coverage = box(112, 37, 113, 38);
    if (coverage.kind !== 'geometry') throw new Error('unreachable');
    const index = only(
      makeArea('t', {
        kind: 'townships',
        townshipCodes: ['140105001'],
        geometry: coverage.geometry,
      }),
    );
    expect(index.effectiveStatus(place('in', 112.5, 37.5), NOW).areaIds).toEqual(['t']);
    expect(index.effectiveStatus(place('out', 111.5, 37.5), NOW).areaIds).toEqual([]);
  });

  it('circle: by great-circle distance, boundary included', () => {
    const center: [number, number] = [112.55, 37.87];
    const index = only(makeArea('c', { kind: 'circle', center, radiusM: 1000 }));
    for (const bearing of [0, 60, 90, 200, 300]) {
      const [lon1, lat1] = destination(center, 999, bearing);
      const [lon2, lat2] = destination(center, 1001, bearing);
      expect(index.effectiveStatus(place('in', lon1, lat1), NOW).status).toBe('sealed');
      expect(index.effectiveStatus(place('out', lon2, lat2), NOW).status).toBeNull();
    }
  });

  it('counties: by county code, and city/province codes cover their counties', () => {
    const county = only(makeArea('k', { kind: 'counties', countyCodes: ['140105', '140106'] }));
    const city = only(makeArea('c', { kind: 'counties', countyCodes: ['140100'] }));
    const province = only(makeArea('p', { kind: 'counties', countyCodes: ['140000'] }));
    const xiaodian = place('x', 0, 0, 'retailer', '140105');
    const jinyuan = place('j', 0, 0, 'retailer', '140110');
    const datong = place('d', 0, 0, 'retailer', '140213');
    expect(county.effectiveStatus(xiaodian, NOW).areaIds).toEqual(['k']);
    expect(county.effectiveStatus(jinyuan, NOW).areaIds).toEqual([]);
    expect(city.effectiveStatus(jinyuan, NOW).areaIds).toEqual(['c']);
    expect(city.effectiveStatus(datong, NOW).areaIds).toEqual([]);
    expect(province.effectiveStatus(datong, NOW).areaIds).toEqual(['p']);
    const both = only(makeArea('b', { kind: 'counties', countyCodes: ['140100', '140110'] }));
    expect(both.effectiveStatus(jinyuan, NOW).areaIds).toEqual(['b']);
  });

  it('places: by explicit id, whatever the location', () => {
    const index = only(makeArea('l', { kind: 'places', placeIds: ['rtl_1', 'stf_9'] }));
    expect(index.effectiveStatus(place('rtl_1', 0, 0), NOW).areaIds).toEqual(['l']);
    expect(index.effectiveStatus(place('stf_9', 9, 9, 'staff_home'), NOW).areaIds).toEqual(['l']);
    expect(index.effectiveStatus(place('rtl_2', 0, 0), NOW).areaIds).toEqual([]);
  });
});

describe('validity intervals', () => {
  const p = place('p', 112.5, 37.5);
  const at = (a: Area, t: string) => only(a).effectiveStatus(p, t).status;

  it('open-ended areas apply from validFrom (inclusive) on', () => {
    const a = makeArea('a', box(112, 37, 113, 38), { from: '2022-03-01T00:00:00Z' });
    expect(at(a, '2022-02-28T23:59:59.999Z')).toBeNull();
    expect(at(a, '2022-03-01T00:00:00Z')).toBe('sealed');
    expect(at(a, '2030-01-01T00:00:00Z')).toBe('sealed');
  });

  it('validUntil and endedAt are exclusive ends; the earlier one wins', () => {
    const a = makeArea('a', box(112, 37, 113, 38), { until: '2022-03-10T00:00:00Z' });
    expect(at(a, '2022-03-09T23:59:59Z')).toBe('sealed');
    expect(at(a, '2022-03-10T00:00:00Z')).toBeNull();
    const ended = makeArea('e', box(112, 37, 113, 38), {
      until: '2022-03-10T00:00:00Z',
      ended: '2022-03-05T12:00:00Z',
    });
    expect(at(ended, '2022-03-05T11:59:59Z')).toBe('sealed');
    expect(at(ended, '2022-03-05T12:00:00Z')).toBeNull();
    expect(at(ended, '2022-03-07T00:00:00Z')).toBeNull();
    const endedLate = makeArea('l', box(112, 37, 113, 38), {
      until: '2022-03-10T00:00:00Z',
      ended: '2022-03-20T00:00:00Z',
    });
    expect(at(endedLate, '2022-03-15T00:00:00Z')).toBeNull();
  });

  it('future areas are not yet in force; ended-before-start areas never are', () => {
    const future = makeArea('f', box(112, 37, 113, 38), { from: '2022-05-01T00:00:00+08:00' });
    expect(at(future, NOW)).toBeNull();
    expect(at(future, '2022-04-30T16:00:00Z')).toBe('sealed');
    const never = makeArea('n', box(112, 37, 113, 38), { ended: '2022-02-01T00:00:00Z' });
    expect(at(never, NOW)).toBeNull();
    expect(isAreaActive(future, '2022-04-30T16:00:00Z')).toBe(true);
    expect(isAreaActive(never, NOW)).toBe(false);
  });

  it('accepts Date and epoch-ms instants and rejects garbage', () => {
    const index = only(makeArea('a', box(112, 37, 113, 38)));
    expect(index.effectiveStatus(p, new Date(NOW)).status).toBe('sealed');
    expect(index.effectiveStatus(p, Date.parse(NOW)).status).toBe('sealed');
    expect(() => index.effectiveStatus(p, 'yesterday')).toThrow(RangeError);
    expect(() => AreaIndex.build([makeArea('b', box(0, 0, 1, 1), { from: 'soon' })])).toThrow(
      /validFrom/,
    );
  });
});

describe('severity and combination', () => {
  const p = place('p', 112.5, 37.5);

  it('the most severe status wins across schemes; effects are strictest over all areas', () => {
    const index = AreaIndex.build([
      makeArea('precaution', box(112, 37, 113, 38), { status: 'precaution' }),
      makeArea('medium', box(112.4, 37.4, 112.6, 37.6), { scheme: 'risk-2022', status: 'medium' }),
      makeArea('road', box(112.4, 37.4, 112.6, 37.6), { scheme: 'road-closure', status: 'closed' }),
    ]);
    expect(index.effectiveStatus(p, NOW)).toEqual({
      ordering: 'allowed',
      delivery: 'fixed_point',
      commute: 'cannot',
      office: 'closed',
      status: 'medium',
      scheme: 'risk-2022',
      severity: 20,
      areaIds: ['medium', 'road', 'precaution'],
      serviceState: 'open',
    });
    const outer = place('q', 112.9, 37.9, 'office');
    expect(index.effectiveStatus(outer, NOW)).toMatchObject({
      status: 'precaution',
      delivery: 'fixed_time',
      office: 'open',
      serviceState: null,
    });
  });

  it('breaks severity ties by latest validFrom, then by id', () => {
    const index = AreaIndex.build([
      makeArea('b', box(112, 37, 113, 38), { from: '2022-03-01T00:00:00Z' }),
      makeArea('a', box(112, 37, 113, 38), { from: '2022-03-01T00:00:00Z' }),
      makeArea('c', box(112, 37, 113, 38), {
        scheme: 'risk-2022',
        status: 'high',
        from: '2022-03-02T00:00:00Z',
      }),
    ]);
    const s = index.effectiveStatus(p, NOW);
    expect(s.areaIds).toEqual(['c', 'a', 'b']);
    expect(s.scheme).toBe('risk-2022');
  });

  it('a mis-ranked permissive status cannot lift a stricter one', () => {
    const lax: Area = {
      ...makeArea('lax', box(112, 37, 113, 38)),
      status: 'custom',
      severity: 99,
      effects: { ordering: 'allowed', delivery: 'normal', commute: 'can', office: 'open' },
    };
    const index = AreaIndex.build([lax, makeArea('sealed', box(112, 37, 113, 38))]);
    expect(index.effectiveStatus(p, NOW)).toMatchObject({
      status: 'custom',
      severity: 99,
      ordering: 'blocked',
      delivery: 'none',
      commute: 'cannot',
      office: 'closed',
    });
  });

  it('an uncovered place has normal effects and severity 0', () => {
    const index = AreaIndex.build([]);
    expect(index.effectiveStatus(place('w', 112, 37, 'warehouse'), NOW)).toEqual({
      ordering: 'allowed',
      delivery: 'normal',
      commute: 'can',
      office: 'open',
      status: null,
      scheme: null,
      severity: 0,
      areaIds: [],
      serviceState: null,
    });
  });
});

describe('service state', () => {
  const free: Record<ServiceState, [string, string]> = {
    open: ['allowed', 'normal'],
    road_closed: ['allowed', 'fixed_point'],
    isolated: ['deferred', 'deferred'],
    cash_payer: ['allowed', 'normal'],
    suspended: ['blocked', 'none'],
  };
  const precaution: Record<ServiceState, [string, string]> = {
    open: ['allowed', 'fixed_time'],
    road_closed: ['allowed', 'fixed_point'],
    isolated: ['deferred', 'deferred'],
    cash_payer: ['allowed', 'fixed_time'],
    suspended: ['blocked', 'none'],
  };
  const flooded: Record<ServiceState, [string, string]> = {
    open: ['deferred', 'deferred'],
    road_closed: ['deferred', 'deferred'],
    isolated: ['deferred', 'deferred'],
    cash_payer: ['deferred', 'deferred'],
    suspended: ['blocked', 'none'],
  };
  const index = AreaIndex.build([
    makeArea('pre', box(112, 37, 113, 38), { status: 'precaution' }),
    makeArea('flood', box(114, 37, 115, 38), { scheme: 'flood', status: 'threatened' }),
  ]);

  it.each(SERVICE_STATES)('combines %s with the area into the stricter effect', (state) => {
    const pick = (lon: number) => {
      const s = index.effectiveStatus(place('r', lon, 37.5), NOW, state);
      expect(s.serviceState).toBe(state);
      return [s.ordering, s.delivery];
    };
    expect(pick(111.5)).toEqual(free[state]);
    expect(pick(112.5)).toEqual(precaution[state]);
    expect(pick(114.5)).toEqual(flooded[state]);
  });

  it('reads place.serviceState unless overridden, and ignores it for non-retailers', () => {
    const r = place('r', 111.5, 37.5, 'retailer', '140105', 'suspended');
    expect(index.effectiveStatus(r, NOW).ordering).toBe('blocked');
    expect(index.effectiveStatus(r, NOW, 'open').ordering).toBe('allowed');
    const home = place('h', 111.5, 37.5, 'staff_home');
    expect(index.effectiveStatus(home, NOW, 'suspended')).toMatchObject({
      ordering: 'allowed',
      serviceState: null,
    });
  });
});

describe('replay and bulk', () => {
  // A district sealed on 3 March, lifted early on 8 March; a controlled ring from 5 March on,
  // and a sealed compound published on 20 March for a week.
  const areas = [
    makeArea('sealed', box(112.4, 37.4, 112.6, 37.6), {
      from: '2022-03-03T00:00:00Z',
      until: '2022-03-17T00:00:00Z',
      ended: '2022-03-08T00:00:00Z',
    }),
    makeArea('ring', box(112, 37, 113, 38), { status: 'controlled', from: '2022-03-05T00:00:00Z' }),
    makeArea(
      'compound',
      { kind: 'circle', center: [112.5, 37.5], radiusM: 300 },
      {
        from: '2022-03-20T00:00:00Z',
        until: '2022-03-27T00:00:00Z',
      },
    ),
  ];
  const index = AreaIndex.build(areas);
  const p = place('p', 112.5, 37.5);

  it('answers any past instant from the full area list', () => {
    const history = [
      ['2022-03-01T00:00:00Z', null, []],
      ['2022-03-04T00:00:00Z', 'sealed', ['sealed']],
      ['2022-03-06T00:00:00Z', 'sealed', ['sealed', 'ring']],
      ['2022-03-09T00:00:00Z', 'controlled', ['ring']],
      ['2022-03-21T00:00:00Z', 'sealed', ['compound', 'ring']],
      ['2022-04-01T00:00:00Z', 'controlled', ['ring']],
    ] as const;
    for (const [t, status, ids] of history) {
      const s = index.effectiveStatus(p, t);
      expect([t, s.status, s.areaIds]).toEqual([t, status, ids]);
    }
    expect(index.coveringAreas(p, '2022-03-06T00:00:00Z').map((a) => a.id)).toEqual([
      'sealed',
      'ring',
    ]);
    expect(index.activeAreas('2022-03-09T00:00:00Z').map((a) => a.id)).toEqual(['ring']);
  });

  it('bulk results equal single lookups, are frozen, and are shared between equal situations', () => {
    const places = [
      p,
      place('q', 112.45, 37.45),
      place('far', 111, 36),
      place('far2', 110, 35),
      place('home', 112.5, 37.5, 'staff_home'),
    ];
    for (const t of ['2022-03-06T00:00:00Z', '2022-03-21T00:00:00Z', '2022-03-01T00:00:00Z']) {
      const many = index.effectiveStatusMany(places, t);
      expect(many).toEqual(places.map((x) => index.effectiveStatus(x, t)));
      expect(Object.isFrozen(many[0])).toBe(true);
      expect(Object.isFrozen(many[0].areaIds)).toBe(true);
      expect(many[2]).toBe(many[3]);
      const reused = [many[0], many[0], many[0], many[0], many[0], many[0], many[0]];
      expect(index.effectiveStatusMany(places, t, reused)).toBe(reused);
      expect(reused).toEqual(many);
    }
  });

  it('refuses duplicate area ids, unknown coverage kinds and bad circles', () => {
    expect(() => AreaIndex.build([areas[0], areas[0]])).toThrow(/duplicate/);
    const odd = { ...areas[0], id: 'odd', coverage: { kind: 'hexagon' } } as unknown as Area;
    expect(() => AreaIndex.build([odd])).toThrow(/unknown coverage kind hexagon/);
    const circle = makeArea('c', { kind: 'circle', center: [112, 37], radiusM: -1 });
    expect(() => AreaIndex.build([circle])).toThrow(RangeError);
  });
});
