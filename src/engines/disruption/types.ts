import type { AreaGeometry, LonLat } from '../geo';
import type {
  CommuteEffect,
  DeliveryMode,
  OfficeEffect,
  OrderingEffect,
  PlaceType,
  ServiceState,
  StatusEffects,
} from './vocab';

/** Which places an area covers. */
export type AreaCoverage =
  /** A drawn or imported Polygon/MultiPolygon (closed: the boundary is covered). */
  | { kind: 'geometry'; geometry: AreaGeometry }
  /**
   * Townships/streets (乡镇/街道). Until township shapes ship with the product the caller resolves
   * the codes to their union geometry, which is what coverage uses; the codes are kept for display.
   */
  | { kind: 'townships'; townshipCodes: string[]; geometry: AreaGeometry }
  /** Everything within `radiusM` metres (great-circle) of `center`. */
  | { kind: 'circle'; center: LonLat; radiusM: number }
  /**
   * Whole divisions by GB/T 2260 code, matched on the place's `countyCode`. A city code (ending
   * in 00, e.g. '140100') covers all its counties; a province code (ending in 0000) all of them.
   */
  | { kind: 'counties'; countyCodes: string[] }
  /** An explicit list of place ids (ids are unique across place types: they carry a prefix). */
  | { kind: 'places'; placeIds: string[] };

/**
 * An area under a status of a scheme during a validity interval. Areas are never deleted, only
 * ended, so the full list replays any past instant. `severity` and `effects` are copied from
 * the scheme status by the caller (see `findStatus`), so an area keeps the rules it was
 * published under.
 */
export interface Area {
  id: string;
  scheme: string;
  status: string;
  severity: number;
  effects: StatusEffects;
  coverage: AreaCoverage;
  /** ISO instant from which the area applies (inclusive). */
  validFrom: string;
  /** ISO instant at which it lapses (exclusive); null = open-ended. */
  validUntil: string | null;
  /** ISO instant at which it was lifted early (exclusive); null = not ended. */
  endedAt: string | null;
}

/** Something located that areas can cover. */
export interface Place {
  type: PlaceType;
  id: string;
  lon: number;
  lat: number;
  /** GB/T 2260 county code, e.g. '140105'. */
  countyCode: string;
  /** Retailers only: the account manager's service state (default 'open'). */
  serviceState?: ServiceState;
}

/** The rules in force at a place at an instant. Returned objects are frozen and may be shared. */
export interface EffectiveStatus {
  ordering: OrderingEffect;
  delivery: DeliveryMode;
  commute: CommuteEffect;
  office: OfficeEffect;
  /** Status of the most severe active covering area, or null when none covers the place. */
  status: string | null;
  scheme: string | null;
  /** Its severity; 0 when no area covers the place. */
  severity: number;
  /** Every active covering area, most severe first (ties: most recent validFrom, then id). */
  areaIds: readonly string[];
  /** The retailer's service state combined in; null for other place types. */
  serviceState: ServiceState | null;
}

/** An instant: a Date, epoch milliseconds, or an ISO string. */
export type Instant = Date | number | string;
