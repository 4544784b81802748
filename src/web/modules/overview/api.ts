import { useQuery } from '@tanstack/react-query';
import type { OverviewResponse } from '../../../contracts/overview';
import { api } from '../../ui/api';

export function useOverview() {
  return useQuery({
    queryKey: ['overview'],
    queryFn: () => api<OverviewResponse>('/api/overview'),
    staleTime: 60_000,
  });
}
