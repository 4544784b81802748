import type { DisruptionOverviewDto } from '../../../contracts/disruption';

export type CountyDisruption = DisruptionOverviewDto['counties'][number];

/** The worst area level in force in a county: what the overview map colours or badges it by. */
export function disruptionLevel(
  county: CountyDisruption | undefined,
): 'sealed' | 'controlled' | null {
  if (!county) return null;
  if (county.sealedAreas > 0) return 'sealed';
  if (county.controlledAreas > 0) return 'controlled';
  return null;
}

/** Per county code, for joining with the overview's `byCounty` rows (matched by code). */
export function disruptionByCounty(
  overview: DisruptionOverviewDto | undefined,
): Map<string, CountyDisruption> {
  return new Map((overview?.counties ?? []).map((c) => [c.countyCode, c]));
}

/** Colours of the levels, shared by the map badges and the area layers. */
export const levelColours = { sealed: '#cf1322', controlled: '#fa8c16' } as const;
