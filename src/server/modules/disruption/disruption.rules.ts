import type { AreaBody } from '../../../contracts/disruption';
import {
  checkScheme,
  findStatus,
  type AreaCoverage,
  type Scheme,
  type SchemeStatus,
} from '../../../engines/disruption';
import {
  bboxOf,
  circleBBox,
  circleHull,
  geometriesIntersect,
  pointInCircle,
  polygonsOf,
  prepareGeometry,
  validatePolygon,
  type AreaGeometry,
  type LonLat,
  type PolygonIssueCode,
  cityOfCounty,
  isProvinceCode,
  provinceCode,
} from '../../../engines/geo';
import type { Bilingual } from '../../platform/i18n';
import type { CountyAtlas, PlaceSnapshot } from './disruption.places';

/** Largest circle accepted: beyond it a "circle" is the whole province (docs/architecture.md#the-disruption-layer). */
export const MAX_RADIUS_M = 300_000;
/** Tolerance around the province's box for hand-drawn vertices just across the border. */
const BORDER_MARGIN_DEG = 0.05;

/** A refused field, located by its request path. */
export interface FieldProblem {
  path: string;
  code: string;
  message: Bilingual;
}

/** An area body checked against the rules and resolved to what the engine stores. */
export interface ResolvedArea {
  scheme: Scheme;
  status: SchemeStatus;
  coverage: AreaCoverage;
  /**
   * Counties the area touches (sorted): those its shape intersects and those of every place it
   * covers. Its company and who may manage it follow from these.
   */
  countyCodes: string[];
  /** The city company of the area, or '140000' when it spans cities. */
  companyId: string;
  validFrom: string;
  validUntil: string | null;
  name: string;
}

const polygonMessages: Record<PolygonIssueCode, Bilingual> = {
  EMPTY: { zh: '多边形为空', en: 'the polygon is empty' },
  TOO_FEW_POINTS: { zh: '多边形至少需要 3 个顶点', en: 'a polygon needs at least 3 vertices' },
  NOT_CLOSED: { zh: '多边形未闭合', en: 'the polygon is not closed' },
  OUT_OF_RANGE: { zh: '坐标超出经纬度范围', en: 'a coordinate is out of range' },
  ZERO_AREA: { zh: '多边形面积为零', en: 'the polygon has zero area' },
  SELF_INTERSECTING: { zh: '多边形边界自相交', en: 'the polygon intersects itself' },
  HOLE_OUTSIDE: { zh: '内环不在外环之内', en: 'a hole lies outside its shell' },
};

/** Normalises an ISO instant to UTC with milliseconds, the one stored form (text-comparable). */
export function isoOf(value: string): string {
  return new Date(value).toISOString();
}

function insideProvince(atlas: CountyAtlas, [lon, lat]: LonLat): boolean {
  const b = atlas.bbox;
  return (
    lon >= b[0] - BORDER_MARGIN_DEG &&
    lon <= b[2] + BORDER_MARGIN_DEG &&
    lat >= b[1] - BORDER_MARGIN_DEG &&
    lat <= b[3] + BORDER_MARGIN_DEG
  );
}

function geometryPoints(geometry: AreaGeometry): LonLat[] {
  const points: LonLat[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const [i, ring] of polygon.entries()) if (i === 0) points.push(...ring);
  }
  return points;
}

/**
 * Every county whose shape the geometry intersects (its body, not only its vertices: a thin or
 * concave shape reaches counties none of its vertices lie in).
 */
function countiesTouching(atlas: CountyAtlas, geometry: AreaGeometry): Set<string> {
  const out = new Set<string>();
  const box = bboxOf(geometry);
  for (const county of atlas.counties) {
    const b = atlas.locator.prepared(county.code)?.bbox ?? bboxOf(county.geometry);
    if (b[0] > box[2] || b[2] < box[0] || b[1] > box[3] || b[3] < box[1]) continue;
    if (geometriesIntersect(geometry, county.geometry)) out.add(county.code);
  }
  return out;
}

/** The counties of the places a spatial coverage holds (a shop is in its registered county). */
function countiesOfCoveredPlaces(
  places: PlaceSnapshot,
  box: readonly [number, number, number, number],
  covers: (lon: number, lat: number) => boolean,
): Set<string> {
  const out = new Set<string>();
  for (const p of places.places) {
    if (!p.countyCode || p.lon < box[0] || p.lon > box[2] || p.lat < box[1] || p.lat > box[3]) {
      continue;
    }
    if (covers(p.lon, p.lat)) out.add(p.countyCode);
  }
  return out;
}

/** The city company of a set of counties; the province when they span cities (or none). */
export function companyOf(countyCodes: Iterable<string>): string {
  const cities = new Set<string>();
  for (const code of countyCodes)
    cities.add(isProvinceCode(code) ? provinceCode : cityOfCounty(code));
  return cities.size === 1 ? [...cities][0]! : provinceCode;
}

/**
 * Checks an area body: known scheme and status, a sane interval, exactly one coverage that is
 * valid and inside the province. Returns every problem found (nothing is saved if any), or the
 * resolved area. `coveredCounties` adds the counties of the places the coverage reaches.
 */
export function resolveArea(
  body: AreaBody,
  schemes: readonly Scheme[],
  atlas: CountyAtlas,
  places: PlaceSnapshot,
): { ok: true; area: ResolvedArea } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const scheme = schemes.find((s) => s.id === body.scheme);
  if (!scheme) {
    problems.push({
      path: 'body.scheme',
      code: 'UNKNOWN_SCHEME',
      message: { zh: `未知的管控方案 ${body.scheme}`, en: `unknown scheme ${body.scheme}` },
    });
  }
  const status = scheme ? findStatus(schemes, scheme.id, body.status) : undefined;
  if (scheme && !status) {
    problems.push({
      path: 'body.status',
      code: 'UNKNOWN_STATUS',
      message: {
        zh: `方案 ${scheme.id} 没有状态 ${body.status}`,
        en: `scheme ${scheme.id} has no status ${body.status}`,
      },
    });
  }
  const validFrom = isoOf(body.validFrom);
  const validUntil = body.validUntil ? isoOf(body.validUntil) : null;
  if (validUntil !== null && validUntil <= validFrom) {
    problems.push({
      path: 'body.validUntil',
      code: 'UNTIL_BEFORE_FROM',
      message: { zh: '结束时间必须晚于开始时间', en: 'validUntil must be after validFrom' },
    });
  }

  const given = (['geometry', 'circle', 'countyCodes', 'placeIds'] as const).filter(
    (k) => body[k] !== undefined,
  );
  let coverage: AreaCoverage | null = null;
  const counties = new Set<string>();
  if (given.length !== 1) {
    problems.push({
      path: 'body.geometry',
      code: given.length === 0 ? 'NO_COVERAGE' : 'MANY_COVERAGES',
      message: {
        zh: '须且只能给出 geometry、circle、countyCodes、placeIds 之一',
        en: 'give exactly one of geometry, circle, countyCodes, placeIds',
      },
    });
  } else if (body.geometry) {
    const check = validatePolygon(body.geometry as AreaGeometry);
    if (!check.ok) {
      problems.push({
        path: 'body.geometry',
        code: check.issue.code,
        message: polygonMessages[check.issue.code],
      });
    } else {
      const geometry = body.geometry as AreaGeometry;
      const points = geometryPoints(geometry);
      const touched = points.every((p) => insideProvince(atlas, p))
        ? countiesTouching(atlas, geometry)
        : new Set<string>();
      if (touched.size === 0) {
        problems.push({
          path: 'body.geometry',
          code: 'OUTSIDE_PROVINCE',
          message: { zh: '区域不在本省范围内', en: 'the area lies outside the province' },
        });
      } else {
        const prepared = prepareGeometry(geometry);
        for (const c of touched) counties.add(c);
        for (const c of countiesOfCoveredPlaces(places, prepared.bbox, prepared.contains)) {
          counties.add(c);
        }
        coverage = { kind: 'geometry', geometry };
      }
    }
  } else if (body.circle) {
    const { center, radiusM } = body.circle;
    if (!(radiusM > 0) || radiusM > MAX_RADIUS_M) {
      problems.push({
        path: 'body.circle.radiusM',
        code: 'RADIUS_OUT_OF_RANGE',
        message: {
          zh: `半径须大于 0 且不超过 ${MAX_RADIUS_M / 1000} 公里`,
          en: `radius must be above 0 and at most ${MAX_RADIUS_M / 1000} km`,
        },
      });
    }
    const home = atlas.locator.locate(center[0], center[1]);
    if (!insideProvince(atlas, center) || !home) {
      problems.push({
        path: 'body.circle.center',
        code: 'OUTSIDE_PROVINCE',
        message: {
          zh: '圆心不在本省任何县区内',
          en: 'the centre lies in no county of the province',
        },
      });
    } else if (radiusM > 0 && radiusM <= MAX_RADIUS_M) {
      const c0: LonLat = [center[0], center[1]];
      counties.add(home.code);
      // The hull holds the whole circle, so no county the circle reaches is missed.
      for (const c of countiesTouching(atlas, circleHull(c0, radiusM))) counties.add(c);
      const covered = (lon: number, lat: number) => pointInCircle([lon, lat], c0, radiusM);
      for (const c of countiesOfCoveredPlaces(places, circleBBox(c0, radiusM), covered)) {
        counties.add(c);
      }
      coverage = { kind: 'circle', center: c0, radiusM };
    }
  } else if (body.countyCodes) {
    const unknown = body.countyCodes.filter(
      (code) => !atlas.byCode.has(code) && !isCityOrProvince(atlas, code),
    );
    if (unknown.length > 0) {
      problems.push({
        path: 'body.countyCodes',
        code: 'UNKNOWN_COUNTY',
        message: {
          zh: `未知的县区代码 ${unknown.join('、')}`,
          en: `unknown county ${unknown.join(', ')}`,
        },
      });
    } else {
      const codes = [...new Set(body.countyCodes)].sort();
      for (const code of codes) {
        if (atlas.byCode.has(code)) counties.add(code);
        else
          for (const c of atlas.counties)
            if (code === provinceCode || c.parentCode === code) counties.add(c.code);
      }
      coverage = { kind: 'counties', countyCodes: codes };
    }
  } else if (body.placeIds) {
    const unknown = body.placeIds.filter((id) => !places.byId.has(id));
    if (unknown.length > 0) {
      problems.push({
        path: 'body.placeIds',
        code: 'UNKNOWN_PLACE',
        message: {
          zh: `未知的地点 ${unknown.slice(0, 5).join('、')}`,
          en: `unknown place ${unknown.slice(0, 5).join(', ')}`,
        },
      });
    } else {
      const ids = [...new Set(body.placeIds)].sort();
      for (const id of ids) {
        const county = places.places[places.byId.get(id)!]!.countyCode;
        if (county) counties.add(county);
      }
      coverage = { kind: 'places', placeIds: ids };
    }
  }
  if (problems.length > 0 || !scheme || !status || !coverage) {
    return { ok: false, problems };
  }
  const countyCodes = [...counties].sort();
  const name =
    body.name?.trim() ||
    `${countyCodes
      .slice(0, 3)
      .map((c) => atlas.byCode.get(c)?.name ?? c)
      .join('、')}${countyCodes.length > 3 ? '等' : ''} ${status.label.zh}`;
  return {
    ok: true,
    area: {
      scheme,
      status,
      coverage,
      countyCodes,
      companyId: companyOf(countyCodes),
      validFrom,
      validUntil,
      name,
    },
  };
}

function isCityOrProvince(atlas: CountyAtlas, code: string): boolean {
  return code === provinceCode || atlas.counties.some((c) => c.parentCode === code);
}

/** Scheme problems as field problems (checkScheme's sentences are English diagnostics). */
export function schemeProblems(scheme: Scheme): FieldProblem[] {
  return checkScheme(scheme).map((text) => ({
    path: 'body.statuses',
    code: 'INVALID_SCHEME',
    message: { zh: `方案设置有误：${text}`, en: text },
  }));
}
