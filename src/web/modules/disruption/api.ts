import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AreaBody,
  AreaDto,
  DisruptionOverviewDto,
  ImpactDto,
  placeHistoryResponse,
  schemesResponse,
  EffectiveStatusDto,
} from '../../../contracts/disruption';
import { api, queryString } from '../../ui/api';

export type { AreaBody, AreaDto, DisruptionOverviewDto, ImpactDto, EffectiveStatusDto };
export type Schemes = z.infer<typeof schemesResponse>;
export type PlaceHistory = z.infer<typeof placeHistoryResponse>;

export interface AreaFilters {
  scheme?: string | undefined;
  status?: string | undefined;
  county?: string | undefined;
  activeAt?: string | undefined;
  includeEnded?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export function useSchemes() {
  return useQuery({
    queryKey: ['disruption', 'schemes'],
    queryFn: () => api<Schemes>('/api/disruption/schemes'),
    staleTime: 5 * 60_000,
  });
}

export function useAreas(filters: AreaFilters) {
  return useQuery({
    queryKey: ['disruption', 'areas', filters],
    queryFn: () =>
      api<{ items: AreaDto[]; total: number; page: number; pageSize: number }>(
        '/api/areas' + queryString({ ...filters }),
      ),
  });
}

export function useImpact(body: AreaBody | null) {
  return useQuery({
    queryKey: ['disruption', 'impact', body],
    queryFn: () => api<ImpactDto>('/api/areas/impact', { method: 'POST', body }),
    enabled: body !== null,
    retry: false,
  });
}

export function useCreateArea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AreaBody) =>
      api<{ area: AreaDto; impact: ImpactDto; changedPlaces: number }>('/api/areas', {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['disruption'] }),
  });
}

export function useEndArea() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; reason?: string }) =>
      api<{ area: AreaDto }>(`/api/areas/${encodeURIComponent(input.id)}/end`, {
        method: 'POST',
        body: input.reason ? { reason: input.reason } : {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['disruption'] }),
  });
}

export function usePlaceHistory(place: { type: string; id: string } | null) {
  return useQuery({
    queryKey: ['disruption', 'history', place],
    queryFn: () => api<PlaceHistory>('/api/places/history' + queryString({ ...place! })),
    enabled: place !== null,
    retry: false,
  });
}

export function usePlaceEffective(place: { type: string; id: string } | null) {
  return useQuery({
    queryKey: ['disruption', 'effective', place],
    queryFn: () =>
      api<{ place: EffectiveStatusDto }>('/api/places/effective' + queryString({ ...place! })),
    enabled: place !== null,
    retry: false,
  });
}

/**
 * Per county: sealed/controlled areas in force and retailers held back, plus the active areas'
 * shapes — what the overview map needs to colour counties and draw zones.
 */
export function useDisruptionOverview(enabled = true) {
  return useQuery({
    queryKey: ['disruption', 'overview'],
    queryFn: () => api<DisruptionOverviewDto>('/api/disruption/overview'),
    enabled,
    refetchInterval: 60_000,
  });
}
