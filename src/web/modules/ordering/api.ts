import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ExtraWindow,
  ExtraWindowInput,
  LineRefusal,
  MyOrderResponse,
  Order,
  OrderInput,
  ProgressResponse,
  progressFilters,
  WindowRuleInput,
  WindowRuleView,
} from '../../../contracts/ordering';
import type { RetailerSummary } from '../../../contracts/retail';
import { api, ApiError, queryString } from '../../ui/api';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type ProgressFilter = (typeof progressFilters)[number];

/** Whose order a screen shows: the retailer's own, or one an account manager takes by phone. */
export type OrderTarget = { kind: 'self' } | { kind: 'retailer'; retailerId: string };

const base = '/api/ordering';

function orderPath(target: OrderTarget): string {
  return target.kind === 'self'
    ? `${base}/my-order`
    : `${base}/retailers/${encodeURIComponent(target.retailerId)}/order`;
}

function historyPath(target: OrderTarget): string {
  return target.kind === 'self'
    ? `${base}/my-orders`
    : `${base}/retailers/${encodeURIComponent(target.retailerId)}/orders`;
}

const targetKey = (target: OrderTarget) => (target.kind === 'self' ? 'self' : target.retailerId);

export function useCurrentCycle() {
  return useQuery({
    queryKey: ['ordering', 'cycle'],
    queryFn: () =>
      api<{ cycleId: string; previous: string; next: string }>(`${base}/cycles/current`),
    staleTime: 60_000,
  });
}

export function useOrderView(target: OrderTarget | null, cycleId?: string) {
  return useQuery({
    queryKey: ['ordering', 'order', target ? targetKey(target) : null, cycleId ?? null],
    queryFn: () => api<MyOrderResponse>(orderPath(target!) + queryString({ cycleId })),
    enabled: target !== null,
    retry: false,
  });
}

export function useOrderHistory(target: OrderTarget | null, page: number) {
  return useQuery({
    queryKey: ['ordering', 'history', target ? targetKey(target) : null, page],
    queryFn: () => api<Page<Order>>(historyPath(target!) + queryString({ page, pageSize: 10 })),
    enabled: target !== null,
    placeholderData: keepPreviousData,
  });
}

/** The per-line refusals of a 422, when the server refused the order line by line. */
export function refusalsOf(error: unknown): LineRefusal[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const details = error.details as { lines?: unknown } | undefined;
  return Array.isArray(details?.lines) ? (details.lines as LineRefusal[]) : null;
}

export function useSaveOrder(target: OrderTarget, cycleId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: OrderInput; key: string }) =>
      api<{ order: Order }>(orderPath(target) + queryString({ cycleId }), {
        method: 'PUT',
        body: input.body,
        headers: { 'Idempotency-Key': input.key },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['ordering'] }),
  });
}

export function useRetailerSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['ordering', 'retailers', q],
    queryFn: () =>
      api<Page<RetailerSummary>>('/api/retailers' + queryString({ q, pageSize: 20, sort: 'name' })),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export interface ProgressParams {
  cycleId: string | undefined;
  countyCode: string | undefined;
  filter: ProgressFilter;
  q: string;
  page: number;
  pageSize: number;
}

export function useProgress(params: ProgressParams) {
  return useQuery({
    queryKey: ['ordering', 'progress', params],
    queryFn: () =>
      api<ProgressResponse>(
        `${base}/cycles/${encodeURIComponent(params.cycleId!)}/progress` +
          queryString({
            countyCode: params.countyCode,
            filter: params.filter,
            q: params.q,
            page: params.page,
            pageSize: params.pageSize,
          }),
      ),
    enabled: Boolean(params.cycleId && params.countyCode),
    placeholderData: keepPreviousData,
    // The live ordering rate: orders arrive all evening before the window closes.
    refetchInterval: 15_000,
  });
}

export function useExtraWindows(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['ordering', 'windows', cycleId],
    queryFn: () => api<{ items: ExtraWindow[] }>(`${base}/windows` + queryString({ cycleId })),
    enabled: Boolean(cycleId),
  });
}

export function useOpenExtraWindow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExtraWindowInput) =>
      api<{ window: ExtraWindow }>(`${base}/windows`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ordering'] }),
  });
}

export function useWindowRule(countyCode: string | undefined) {
  return useQuery({
    queryKey: ['ordering', 'window-rule', countyCode],
    queryFn: () => api<WindowRuleView>(`${base}/window-rules/${encodeURIComponent(countyCode!)}`),
    enabled: Boolean(countyCode),
  });
}

export function useSetWindowRule(countyCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WindowRuleInput) =>
      api<WindowRuleView>(`${base}/window-rules/${encodeURIComponent(countyCode)}`, {
        method: 'PUT',
        body,
      }),
    // The county's windows (order pages, progress) follow the new rule.
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ordering'] }),
  });
}

/** Downloads the county's orders as xlsx (fetched, so that a refusal shows as a message). */
export async function downloadExport(cycleId: string, countyCode: string): Promise<void> {
  const response = await fetch(
    `${base}/cycles/${encodeURIComponent(cycleId)}/export` + queryString({ countyCode }),
    {
      credentials: 'same-origin',
      headers: { 'Accept-Language': document.documentElement.lang || 'zh-CN' },
    },
  );
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'HTTP_' + response.status,
      body?.error?.message ?? response.statusText,
    );
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = named
    ? decodeURIComponent(named)
    : (plain ?? `orders-${cycleId}-${countyCode}.xlsx`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
