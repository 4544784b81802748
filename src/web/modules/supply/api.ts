import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Board, Plan, PlanInput, Preview, PlanUpdateInput } from '../../../contracts/supply';
import { api, queryString } from '../../ui/api';

export type { Board, Plan, PlanInput, Preview };

/** The board of a city's week; waits while either is still unknown (null). */
export function useBoard(cityCode: string | null, week: string | null) {
  return useQuery({
    queryKey: ['supply', 'board', cityCode, week],
    queryFn: () => api<Board>('/api/supply/board' + queryString({ cityCode, week })),
    enabled: cityCode !== null && week !== null,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: ['supply', 'plan', id],
    queryFn: () => api<{ plan: Plan }>(`/api/supply/plans/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
  });
}

export function usePublishedPreview(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['supply', 'plan', id, 'preview'],
    queryFn: () =>
      api<{ preview: Preview }>(`/api/supply/plans/${encodeURIComponent(id ?? '')}/preview`, {
        method: 'POST',
        body: {},
      }),
    enabled: id !== undefined && enabled,
  });
}

/** The editor's live preview of an unsaved plan; refetched as the figures change. */
export function useLivePreview(input: PlanInput | null) {
  return useQuery({
    queryKey: ['supply', 'preview', input],
    queryFn: () =>
      api<{ preview: Preview }>('/api/supply/preview', { method: 'POST', body: input }),
    enabled: input !== null,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: { id?: string | undefined; input: PlanInput }) => {
      if (!args.id)
        return api<{ plan: Plan; preview: Preview }>('/api/supply/plans', {
          method: 'POST',
          body: args.input,
        });
      const {
        cityCode: _c,
        week: _w,
        productCode: _p,
        correctionOf: _k,
        kind: _kind,
        replenishOf: _r,
        areaKey: _a,
        ...update
      } = args.input;
      return api<{ plan: Plan; preview: Preview }>(`/api/supply/plans/${args.id}`, {
        method: 'PUT',
        body: update satisfies PlanUpdateInput,
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['supply'] }),
  });
}

export function usePublishPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ plan: Plan; preview: Preview }>(`/api/supply/plans/${id}/publish`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supply'] }),
  });
}

export function useImportTargets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: {
      cityCode: string;
      week: string;
      format: 'csv' | 'xlsx';
      content: string;
    }) =>
      api<{ imported: number }>(
        '/api/supply/targets/import' + queryString({ cityCode: args.cityCode, week: args.week }),
        { method: 'POST', body: { format: args.format, content: args.content } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supply'] }),
  });
}

/** The xlsx export is a plain download: the browser sends the session cookie. */
export function quotaExportUrl(cityCode: string, week: string): string {
  return '/api/supply/board/export' + queryString({ cityCode, week });
}

/** Reads a chosen file as the import body: csv as text, xlsx as base64. */
export async function readImportFile(
  file: File,
): Promise<{ format: 'csv' | 'xlsx'; content: string }> {
  if (/\.csv$/i.test(file.name)) return { format: 'csv', content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { format: 'xlsx', content: btoa(binary) };
}

/** The city companies, for a province user's city choice. */
export function useCities() {
  return useQuery({
    queryKey: ['supply', 'cities'],
    queryFn: () =>
      api<{ items: { code: string; name: string; nameEn: string }[] }>(
        '/api/org/units' + queryString({ level: 'city' }),
      ).then((body) => body.items),
    staleTime: 10 * 60_000,
  });
}
