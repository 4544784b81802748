import type { AreaGeometry, LonLat } from '../geo';
import { BUILT_IN_SCHEMES, findStatus } from './rules';
import type { Area, AreaCoverage, Place } from './types';
import type { PlaceType, ServiceState } from './vocab';

/** Test-only builders. */

export interface AreaOptions {
  scheme?: string;
  status?: string;
  from?: string;
  until?: string | null;
  ended?: string | null;
}

/** An area with severity and effects resolved from the built-in schemes, as the server does. */
export function makeArea(id: string, coverage: AreaCoverage, options: AreaOptions = {}): Area {
  const scheme = options.scheme ?? 'epidemic-2022';
  const status = options.status ?? 'sealed';
  const rule = findStatus(BUILT_IN_SCHEMES, scheme, status);
  if (!rule) throw new Error(`no status ${scheme}/${status}`);
  return {
    id,
    scheme,
    status,
    severity: rule.severity,
    effects: { ...rule.effects },
    coverage,
    validFrom: options.from ?? '2022-03-01T00:00:00Z',
    validUntil: options.until ?? null,
    endedAt: options.ended ?? null,
  };
}

export function geometry(g: AreaGeometry): AreaCoverage {
  return { kind: 'geometry', geometry: g };
}

export function box(x0: number, y0: number, x1: number, y1: number): AreaCoverage {
  const ring: LonLat[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { kind: 'geometry', geometry: { type: 'Polygon', coordinates: [ring] } };
}

export function place(
  id: string,
  lon: number,
  lat: number,
  type: PlaceType = 'retailer',
  countyCode = '140105',
  serviceState?: ServiceState,
): Place {
  return serviceState
    ? { type, id, lon, lat, countyCode, serviceState }
    : { type, id, lon, lat, countyCode };
}
