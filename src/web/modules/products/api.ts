import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Product } from '../../../contracts/products';
import { api, queryString } from '../../ui/api';
import type { Page } from '../retail/api';

export interface ProductListParams {
  q?: string | undefined;
  priceClass?: number | undefined;
  page: number;
  pageSize: number;
}

export function useProducts(params: ProductListParams) {
  return useQuery({
    queryKey: ['products', 'list', params],
    queryFn: () => api<Page<Product>>('/api/products' + queryString({ ...params })),
    placeholderData: keepPreviousData,
  });
}
