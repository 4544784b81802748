import { useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '../../../contracts/org';
import { api, queryString } from '../../ui/api';

/** County shapes as served by `/api/geo/counties` (GeoJSON, GB/T 2260 codes). */
export interface CountyFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    properties: { code: string; name: string; parentCode: string; center: [number, number] };
    geometry: unknown;
  }>;
}

export function useCountyShapes() {
  return useQuery({
    queryKey: ['geo', 'counties'],
    queryFn: () => api<CountyFeatureCollection>('/api/geo/counties'),
    // Boundaries do not change while the app is open.
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** Org units in the caller's scope: cities, or the counties of one city (all when no parent). */
export function useUnits(level: 'city' | 'county', parentCode?: string) {
  return useQuery({
    queryKey: ['org', 'units', level, parentCode ?? null],
    queryFn: () =>
      api<{ items: OrgUnit[] }>('/api/org/units' + queryString({ level, parentCode })).then(
        (body) => body.items,
      ),
    staleTime: 10 * 60_000,
  });
}
