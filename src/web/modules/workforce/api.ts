import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgUnit } from '../../../contracts/org';
import type {
  AvailabilityResponse,
  AvailabilityTrendResponse,
  HealthReport,
  HealthReportInput,
  RosterShift,
  TravelRequest,
  WorkforceSettings,
} from '../../../contracts/workforce';
import { api, queryString } from '../../ui/api';

export interface MyDay {
  staffId: string;
  name: string;
  date: string;
  proposedMode: HealthReport['workMode'] | null;
  commute: 'can' | 'cannot';
  today: HealthReport | null;
  history: HealthReport[];
}

export function useMyDay() {
  return useQuery({
    queryKey: ['workforce', 'me'],
    queryFn: () => api<MyDay>('/api/workforce/me'),
    retry: false,
  });
}

export function useSubmitReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<HealthReportInput>) =>
      api<{ report: HealthReport }>('/api/workforce/health-reports', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workforce'] }),
  });
}

export function useWorkforceUnits() {
  return useQuery({
    queryKey: ['workforce', 'units'],
    queryFn: () => api<{ items: OrgUnit[] }>('/api/org/units'),
    staleTime: 10 * 60_000,
  });
}

export function useAvailability(unit: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['workforce', 'availability', unit, date],
    queryFn: () =>
      api<AvailabilityResponse>('/api/workforce/availability' + queryString({ unit, date })),
    enabled: Boolean(unit),
  });
}

export function useTrend(unit: string | undefined, date: string | undefined, trendDays = 28) {
  return useQuery({
    queryKey: ['workforce', 'trend', unit, date, trendDays],
    queryFn: () =>
      api<AvailabilityTrendResponse>(
        '/api/workforce/availability/trend' + queryString({ unit, date, trendDays }),
      ),
    enabled: Boolean(unit),
  });
}

export interface MissingResponse {
  date: string;
  cutoff: string;
  overdue: boolean;
  items: {
    staffId: string;
    name: string;
    unitCode: string;
    unitName: string;
    phone: string | null;
  }[];
}

export function useMissing(unit: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['workforce', 'missing', unit, date],
    queryFn: () => api<MissingResponse>('/api/workforce/missing' + queryString({ unit, date })),
    enabled: Boolean(unit),
  });
}

export function useRiskList(unit: string | undefined, date: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['workforce', 'risk', unit, date],
    queryFn: () =>
      api<{ date: string; items: HealthReport[] }>(
        '/api/workforce/health-reports' + queryString({ unit, date, risk: 'flagged' }),
      ),
    enabled: Boolean(unit) && enabled,
    retry: false,
  });
}

export function useRoster(unit: string | undefined, from: string | undefined, gapsOnly: boolean) {
  return useQuery({
    queryKey: ['workforce', 'roster', unit, from, gapsOnly],
    queryFn: () =>
      api<{ from: string; days: number; shifts: RosterShift[]; gaps: number }>(
        '/api/workforce/rosters' +
          queryString({ unit, from, days: 7, gapsOnly: gapsOnly ? 'true' : undefined }),
      ),
    enabled: Boolean(unit),
  });
}

export function useSwap() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { shiftId: string; outStaffId: string; inStaffId: string }) =>
      api<{ shift: RosterShift }>(
        `/api/workforce/shifts/${encodeURIComponent(input.shiftId)}/swap`,
        {
          method: 'POST',
          body: { outStaffId: input.outStaffId, inStaffId: input.inStaffId },
        },
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workforce', 'roster'] }),
  });
}

export function useTravel(
  params: { unit?: string; status?: string; awayOn?: string; mine?: boolean },
  enabled = true,
) {
  return useQuery({
    queryKey: ['workforce', 'travel', params],
    queryFn: () =>
      api<{ items: TravelRequest[] }>(
        '/api/workforce/travel' +
          queryString({
            unit: params.unit,
            status: params.status,
            awayOn: params.awayOn,
            mine: params.mine ? 'true' : undefined,
          }),
      ),
    enabled,
    retry: false,
  });
}

export function useApplyTravel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<{ travel: TravelRequest }>('/api/workforce/travel', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workforce', 'travel'] }),
  });
}

export function useDecideTravel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; decision: 'approve' | 'refuse'; reason?: string }) =>
      api<{ travel: TravelRequest }>(
        `/api/workforce/travel/${encodeURIComponent(input.id)}/decision`,
        {
          method: 'POST',
          body: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
        },
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workforce', 'travel'] }),
  });
}

export interface VolunteerSummary {
  from: string;
  to: string;
  totalHours: number;
  byUnit: { code: string; name: string; hours: number; entries: number }[];
  byType: { type: string; hours: number; entries: number }[];
  leaderboard: {
    staffId: string;
    name: string;
    unitCode: string;
    hours: number;
    entries: number;
  }[];
}

export function useVolunteerSummary(unit: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['workforce', 'volunteer', unit],
    queryFn: () =>
      api<VolunteerSummary>('/api/workforce/volunteer/summary' + queryString({ unit })),
    enabled: Boolean(unit) && enabled,
  });
}

export function useLogVolunteer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api('/api/workforce/volunteer', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workforce', 'volunteer'] }),
  });
}

export function useWorkforceSettings() {
  return useQuery({
    queryKey: ['workforce', 'settings'],
    queryFn: () => api<{ settings: WorkforceSettings }>('/api/workforce/settings'),
    retry: false,
  });
}

/** Today in Asia/Shanghai (YYYY-MM-DD), whatever the browser's zone. */
export function shanghaiToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
