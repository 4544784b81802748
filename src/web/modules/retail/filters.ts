import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { maxGrade } from '../../../contracts/retail';
import type { RetailerListParams } from './api';
import { businessTypes, marketTypes, serviceStates } from './vocabulary';
import { cityOfCounty } from '../../../engines/geo';

export const sorts = ['licenceNo', 'name', 'grade', '-grade'] as const;
export type RetailerSort = (typeof sorts)[number];
export const pageSizes = [10, 20, 50, 100] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function intIn(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

function codeLike(value: string | null, pattern: RegExp): string | undefined {
  return value !== null && pattern.test(value) ? value : undefined;
}

export type RetailerFilterState = RetailerListParams & {
  page: number;
  pageSize: number;
  sort: RetailerSort;
};

/**
 * Reads the list's filters from the URL. Values that the API would refuse are dropped here rather
 * than shown as an error; a county alone implies its city (the first four digits of its code).
 */
export function parseRetailerFilters(search: URLSearchParams): RetailerFilterState {
  const countyCode = codeLike(search.get('countyCode'), /^14\d{4}$/);
  const cityCode =
    codeLike(search.get('cityCode'), /^14\d{2}00$/) ??
    (countyCode ? cityOfCounty(countyCode) : undefined);
  const pageSize = intIn(search.get('pageSize'), 1, 200);
  return {
    q: search.get('q')?.trim().slice(0, 50) || undefined,
    cityCode,
    countyCode,
    gradeMin: intIn(search.get('gradeMin'), 1, maxGrade),
    gradeMax: intIn(search.get('gradeMax'), 1, maxGrade),
    businessType: oneOf(businessTypes, search.get('businessType')),
    marketType: oneOf(marketTypes, search.get('marketType')),
    serviceState: oneOf(serviceStates, search.get('serviceState')),
    sort: oneOf(sorts, search.get('sort')) ?? 'licenceNo',
    page: intIn(search.get('page'), 1, 100000) ?? 1,
    pageSize: pageSize && (pageSizes as readonly number[]).includes(pageSize) ? pageSize : 20,
  };
}

/**
 * The retailer list's filters live in the URL so a filtered list is a link one can share.
 */
export function useRetailerFilters() {
  const [search, setSearch] = useSearchParams();

  const params = useMemo(() => parseRetailerFilters(search), [search]);

  /** Changes some filters; any change other than paging returns to page 1. */
  const update = useCallback(
    (changes: Partial<Record<keyof RetailerFilterState, string | number | undefined>>) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          if (next.get('sort') === 'licenceNo') next.delete('sort');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === '20') next.delete('pageSize');
          return next;
        },
        { replace: false },
      );
    },
    [setSearch],
  );

  const reset = useCallback(() => setSearch(new URLSearchParams()), [setSearch]);

  return { params, update, reset };
}
