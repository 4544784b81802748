import type { Role } from './roles';
import { provinceCode, unitPath } from '../../../engines/geo';

/**
 * Which rows a user may see. It follows the org hierarchy: a province user sees everything, a city
 * user their city, a county user their county; a retailer sees only itself.
 */
export type DataScope =
  | { kind: 'province' }
  | { kind: 'city'; cityCode: string }
  | { kind: 'county'; cityCode: string; countyCode: string }
  | { kind: 'retailer'; retailerId: string; cityCode: string; countyCode: string };

/** Who is acting: resolved once per request from the session or bearer token. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
  companyId: string;
  staffId: string | null;
  retailerId: string | null;
  scope: DataScope;
}

/**
 * The scope of a retailer account linked to no shop: it names no retailer and no place, so every
 * module's filter matches nothing, and the access hook refuses its scoped routes outright
 * (docs/architecture.md#security-and-data-scope). It never falls back to the unit's scope.
 */
export const emptyScope: DataScope = Object.freeze({
  kind: 'retailer',
  retailerId: '',
  cityCode: '',
  countyCode: '',
});

/** Whether the scope reaches no row at all (a retailer account without its shop). */
export function isEmptyScope(scope: DataScope): boolean {
  return scope.kind === 'retailer' && scope.retailerId === '';
}

/**
 * Whether the actor may write city-wide objects (pools, positions, plans, cycle closing): its
 * scope is a whole city or the province. No county-scoped role reaches a city today.
 */
export function reachesCity(scope: DataScope): boolean {
  return scope.kind === 'province' || scope.kind === 'city';
}

/** Whether a row living in (cityCode, countyCode) is inside the scope. */
export function scopeCovers(scope: DataScope, cityCode: string, countyCode: string): boolean {
  switch (scope.kind) {
    case 'province':
      return true;
    case 'city':
      return scope.cityCode === cityCode;
    case 'county':
      return scope.countyCode === countyCode;
    case 'retailer':
      // A retailer sees only its own rows, which modules match by retailer id, never by place.
      return false;
  }
}

/** The org unit code at the root of the scope (the province is `provinceCode`). */
export function scopeRootCode(scope: DataScope): string {
  switch (scope.kind) {
    case 'province':
      return provinceCode;
    case 'city':
      return scope.cityCode;
    case 'county':
    case 'retailer':
      return scope.countyCode;
  }
}

/** The materialised-path prefix of the scope's org subtree (see `org_units.path`). */
export function scopePathPrefix(scope: DataScope): string {
  switch (scope.kind) {
    case 'province':
      return unitPath(provinceCode, null);
    case 'city':
      return unitPath(scope.cityCode, null);
    case 'county':
    case 'retailer':
      return unitPath(scope.countyCode, scope.cityCode);
  }
}
