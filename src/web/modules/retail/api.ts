import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ListRetailersQuery,
  RetailerDetail,
  RetailerSummary,
} from '../../../contracts/retail';
import { api, queryString } from '../../ui/api';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The list query as the page sends it: every filter optional, sort and paging always set. */
export type RetailerListParams = Partial<Omit<ListRetailersQuery, 'lang'>>;

export function useRetailers(params: RetailerListParams) {
  return useQuery({
    queryKey: ['retailers', 'list', params],
    queryFn: () => api<Page<RetailerSummary>>('/api/retailers' + queryString({ ...params })),
    // Keep the previous page on screen while the next one loads: no flashing table.
    placeholderData: keepPreviousData,
  });
}

export function useRetailer(id: string | undefined) {
  return useQuery({
    queryKey: ['retailers', 'detail', id],
    queryFn: () =>
      api<{ retailer: RetailerDetail }>(`/api/retailers/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Kept here too: other modules' pages pick units through the retail API. */
export { useUnits } from '../org/api';
