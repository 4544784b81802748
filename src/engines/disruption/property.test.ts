import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRng,
  haversineM,
  loadRegions,
  pointInGeometry,
  type AreaGeometry,
  type LonLat,
  type Rng,
} from '../geo';
import { AreaIndex } from './area-index';
import { BUILT_IN_SCHEMES, SERVICE_STATE_RULES } from './rules';
import { makeArea, place } from './testkit';
import type { Area, AreaCoverage, EffectiveStatus, Place } from './types';
import {
  NORMAL_EFFECTS,
  PLACE_TYPES,
  SERVICE_STATES,
  stricterDelivery,
  stricterEffects,
  stricterOrdering,
} from './vocab';

const CODES = ['140105', '140106', '140107', '140110', '140212', '140213'];
const AREA_CODES = [...CODES, '140100', '140200', '140000', '149900'];

function starPolygon(rng: Rng, cx: number, cy: number, r: number): LonLat[] {
  const n = rng.int(3, 24);
  const angles = Array.from({ length: n }, () => rng.next() * 2 * Math.PI).sort((a, b) => a - b);
  const ring: LonLat[] = angles.map((a) => {
    const k = r * (0.3 + 0.7 * rng.next());
    return [cx + k * Math.cos(a), cy + k * Math.sin(a)];
  });
  ring.push(ring[0]);
  return ring;
}

function randomCoverage(rng: Rng, placeIds: string[]): AreaCoverage {
  const cx = 112 + rng.next();
  const cy = 37 + rng.next();
  switch (rng.int(0, 4)) {
    case 0:
      return {
        kind: 'geometry',
        geometry: {
          type: 'Polygon',
          coordinates: [starPolygon(rng, cx, cy, 0.05 + rng.next() * 0.3)],
        },
      };
    case 1:
      return {
        kind: 'geometry',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[starPolygon(rng, cx, cy, 0.1)], [starPolygon(rng, cx + 0.3, cy, 0.1)]],
        },
      };
    case 2:
      return { kind: 'circle', center: [cx, cy], radiusM: 500 + rng.next() * 20_000 };
    case 3:
      return { kind: 'counties', countyCodes: AREA_CODES.filter(() => rng.next() < 0.2) };
    default:
      return { kind: 'places', placeIds: placeIds.filter(() => rng.next() < 0.05) };
  }
}

function day(d: number): string {
  return new Date(Date.UTC(2022, 2, 1) + d * 86_400_000).toISOString();
}

function randomArea(rng: Rng, id: string, placeIds: string[]): Area {
  const scheme = rng.pick(BUILT_IN_SCHEMES);
  const status = rng.pick(scheme.statuses);
  // Few distinct start days, so equal severity and equal start (tie-broken by id) happen often.
  const from = rng.int(0, 6) * 5;
  return makeArea(id, randomCoverage(rng, placeIds), {
    scheme: scheme.id,
    status: status.id,
    from: day(from),
    until: rng.next() < 0.5 ? null : day(from + rng.int(0, 20)),
    ended: rng.next() < 0.7 ? null : day(from + rng.int(-2, 15)),
  });
}

/** The definition, written out the slow way. */
function bruteCovers(area: Area, p: Place): boolean {
  const c = area.coverage;
  switch (c.kind) {
    case 'geometry':
    case 'townships':
      return pointInGeometry([p.lon, p.lat], c.geometry);
    case 'circle':
      return haversineM(c.center, [p.lon, p.lat]) <= c.radiusM;
    case 'counties':
      return c.countyCodes.some(
        (code) =>
          code === p.countyCode ||
          (code.endsWith('0000') && p.countyCode.startsWith(code.slice(0, 2))) ||
          (code.endsWith('00') &&
            !code.endsWith('0000') &&
            p.countyCode.startsWith(code.slice(0, 4))),
      );
    case 'places':
      return c.placeIds.includes(p.id);
  }
}

function bruteStatus(areas: Area[], p: Place, t: string): EffectiveStatus {
  const ms = Date.parse(t);
  const end = (a: Area) =>
    Math.min(
      a.validUntil ? Date.parse(a.validUntil) : Infinity,
      a.endedAt ? Date.parse(a.endedAt) : Infinity,
    );
  const covering = areas
    .filter((a) => Date.parse(a.validFrom) <= ms && ms < end(a) && bruteCovers(a, p))
    .sort(
      (a, b) =>
        b.severity - a.severity ||
        Date.parse(b.validFrom) - Date.parse(a.validFrom) ||
        a.id.localeCompare(b.id),
    );
  const effects = covering.reduce((e, a) => stricterEffects(e, a.effects), { ...NORMAL_EFFECTS });
  const state = p.type === 'retailer' ? (p.serviceState ?? 'open') : null;
  const rule = state ? SERVICE_STATE_RULES[state] : null;
  return {
    ordering: rule ? stricterOrdering(effects.ordering, rule.ordering) : effects.ordering,
    delivery: rule ? stricterDelivery(effects.delivery, rule.delivery) : effects.delivery,
    commute: effects.commute,
    office: effects.office,
    status: covering[0]?.status ?? null,
    scheme: covering[0]?.scheme ?? null,
    severity: covering[0]?.severity ?? 0,
    areaIds: covering.map((a) => a.id),
    serviceState: state,
  };
}

describe('AreaIndex against brute force', () => {
  it('property: random areas, places and instants', () => {
    const rng = createRng(2022);
    for (let round = 0; round < 6; round++) {
      const places: Place[] = Array.from({ length: 300 }, (_, i) =>
        place(
          `p${i}`,
          111.9 + rng.next() * 1.2,
          36.9 + rng.next() * 1.2,
          rng.pick(PLACE_TYPES),
          rng.pick(CODES),
          rng.next() < 0.3 ? rng.pick(SERVICE_STATES) : undefined,
        ),
      );
      const ids = places.map((p) => p.id);
      const areas = Array.from({ length: rng.int(1, 40) }, (_, i) => randomArea(rng, `a${i}`, ids));
      const index = AreaIndex.build(areas);
      for (let k = 0; k < 5; k++) {
        const t = day(rng.int(-1, 50) + rng.next());
        const expected = places.map((p) => bruteStatus(areas, p, t));
        expect(index.effectiveStatusMany(places, t)).toEqual(expected);
        for (let i = 0; i < 40; i++) {
          const j = rng.int(0, places.length - 1);
          expect(index.effectiveStatus(places[j], t)).toEqual(expected[j]);
        }
      }
    }
  });

  it('a real county shape as an area covers its seat and not its neighbour', () => {
    const url = new URL('../../../data/geo/shanxi-counties.geojson', import.meta.url);
    const counties = loadRegions(JSON.parse(readFileSync(url, 'utf8')));
    const xiaodian = counties.find((c) => c.code === '140105');
    const yingze = counties.find((c) => c.code === '140106');
    if (!xiaodian || !yingze) throw new Error('county data missing');
    const geometry: AreaGeometry = xiaodian.geometry;
    const index = AreaIndex.build([makeArea('xd', { kind: 'geometry', geometry })]);
    const t = '2022-04-01T00:00:00Z';
    const at = (c: LonLat) => index.effectiveStatus(place('r', c[0], c[1]), t).status;
    expect(at(xiaodian.center)).toBe('sealed');
    expect(at(xiaodian.centroid)).toBe('sealed');
    expect(at(yingze.center)).toBeNull();
    expect(at(yingze.centroid)).toBeNull();
  });
});
