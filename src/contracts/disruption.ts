import { z } from 'zod';
import { countyCode, pageQuery, pageOf } from './common';

/*
 * The disruption layer (区域管控, docs/architecture.md#the-disruption-layer): schemes of statuses with effects, areas under a
 * status during a validity interval, and the effective status of places.
 */

export const orderingEffects = ['allowed', 'deferred', 'blocked'] as const;
export const deliveryModes = ['normal', 'fixed_time', 'fixed_point', 'deferred', 'none'] as const;
export const commuteEffects = ['can', 'cannot'] as const;
export const officeEffects = ['open', 'closed'] as const;
export const placeTypes = ['retailer', 'warehouse', 'office', 'staff_home'] as const;
export const coverageKinds = ['geometry', 'townships', 'circle', 'counties', 'places'] as const;

const label = z.object({ zh: z.string().min(1).max(60), en: z.string().min(1).max(80) });
const slug = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _');

export const statusEffects = z.strictObject({
  ordering: z.enum(orderingEffects),
  delivery: z.enum(deliveryModes),
  commute: z.enum(commuteEffects),
  office: z.enum(officeEffects),
});
export type StatusEffectsDto = z.infer<typeof statusEffects>;

export const schemeStatus = z.strictObject({
  id: slug,
  label,
  severity: z.number().int().min(1).max(100),
  effects: statusEffects,
});

export const schemeBody = z.strictObject({
  id: slug,
  label,
  statuses: z.array(schemeStatus).min(1).max(10),
});
export type SchemeBody = z.infer<typeof schemeBody>;

export const scheme = schemeBody.extend({
  builtIn: z.boolean(),
  updatedAt: z.string(),
});
export const schemesResponse = z.object({ items: z.array(scheme) });
export const schemeResponse = z.object({ scheme });
export const schemeIdParams = z.object({ id: slug });

const lon = z.number().finite();
const lat = z.number().finite();
const position = z.tuple([lon, lat]);
const ring = z.array(position).max(5000);

export const areaGeometry = z.union([
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).max(50) }),
  z.strictObject({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ring).max(50)).max(50),
  }),
]);

const instant = z.iso.datetime({ offset: true });

/** What creating an area (or previewing its impact) takes: exactly one way of saying where. */
export const areaBody = z.strictObject({
  scheme: z.string().min(1).max(40),
  status: z.string().min(1).max(40),
  validFrom: instant,
  validUntil: instant.nullable().optional(),
  name: z.string().max(120).optional(),
  notice: z
    .strictObject({ number: z.string().max(80).optional(), text: z.string().max(4000).optional() })
    .optional(),
  geometry: areaGeometry.optional(),
  circle: z.strictObject({ center: position, radiusM: z.number().finite() }).optional(),
  countyCodes: z.array(z.string().max(12)).min(1).max(200).optional(),
  placeIds: z.array(z.string().min(1).max(60)).min(1).max(5000).optional(),
});
export type AreaBody = z.infer<typeof areaBody>;

export const areaCoverage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('geometry'), geometry: areaGeometry }),
  z.object({
    kind: z.literal('townships'),
    townshipCodes: z.array(z.string()),
    geometry: areaGeometry,
  }),
  z.object({ kind: z.literal('circle'), center: position, radiusM: z.number() }),
  z.object({ kind: z.literal('counties'), countyCodes: z.array(z.string()) }),
  z.object({ kind: z.literal('places'), placeIds: z.array(z.string()) }),
]);

export const area = z.object({
  id: z.string(),
  companyId: z.string(),
  name: z.string(),
  scheme: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  severity: z.number().int(),
  effects: statusEffects,
  coverage: areaCoverage,
  countyCodes: z.array(z.string()),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  active: z.boolean(),
  noticeNumber: z.string().nullable(),
  noticeText: z.string().nullable(),
  source: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AreaDto = z.infer<typeof area>;

export const listAreasQuery = z.object({
  scheme: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  /** Only areas in force at this instant. */
  activeAt: instant.optional(),
  county: countyCode.optional(),
  /** Include ended areas (default true); `false` lists only areas not ended. */
  includeEnded: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type ListAreasQuery = z.infer<typeof listAreasQuery>;
export const listAreasResponse = pageOf(area);
export const areaResponse = z.object({ area });
export const areaIdParams = z.object({ id: z.string().min(1).max(60) });
export const endAreaBody = z.strictObject({
  reason: z.string().max(500).optional(),
  /** When it ended; default now. Cannot precede validFrom. */
  at: instant.optional(),
});

const countByKey = z.record(z.string(), z.number().int());

export const impactResponse = z.object({
  countyCodes: z.array(z.string()),
  retailers: z.object({
    total: z.number().int(),
    byGrade: countByKey,
    byBusinessType: countByKey,
    sample: z.array(z.object({ id: z.string(), countyCode: z.string(), grade: z.number() })),
  }),
  staffHomes: z.number().int(),
  warehouses: z.array(z.string()),
  offices: z.array(z.string()),
  weeklyVolume: z.object({ covered: z.number().int(), total: z.number().int() }),
  counties: z.array(
    z.object({
      countyCode: z.string(),
      retailers: z.number().int(),
      weeklyVolumeCovered: z.number().int(),
      weeklyVolumeTotal: z.number().int(),
      /** covered ÷ total of the county's usual weekly volume, 0..1. */
      share: z.number(),
    }),
  ),
});
export type ImpactDto = z.infer<typeof impactResponse>;

export const effectiveStatus = z.object({
  type: z.enum(placeTypes),
  id: z.string(),
  at: z.string(),
  ordering: z.enum(orderingEffects),
  delivery: z.enum(deliveryModes),
  commute: z.enum(commuteEffects),
  office: z.enum(officeEffects),
  status: z.string().nullable(),
  scheme: z.string().nullable(),
  severity: z.number().int(),
  areaIds: z.array(z.string()),
  serviceState: z.string().nullable(),
  countyCode: z.string(),
});
export type EffectiveStatusDto = z.infer<typeof effectiveStatus>;

export const placeRef = z.strictObject({ type: z.enum(placeTypes), id: z.string().min(1).max(60) });
export const effectiveQuery = z.object({
  type: z.enum(placeTypes),
  id: z.string().min(1).max(60),
  at: instant.optional(),
});
export const effectiveResponse = z.object({ place: effectiveStatus });
export const effectiveBatchBody = z.strictObject({
  places: z.array(placeRef).min(1).max(2000),
  at: instant.optional(),
});
export const effectiveBatchResponse = z.object({
  at: z.string(),
  items: z.array(effectiveStatus),
  /** Requested places that do not exist or lie outside the caller's scope. */
  unknown: z.array(placeRef),
});

export const placeHistoryQuery = z.object({
  type: z.enum(placeTypes),
  id: z.string().min(1).max(60),
  from: instant.optional(),
  to: instant.optional(),
});
export const placeHistoryResponse = z.object({
  place: placeRef,
  /** Consecutive intervals with the effective status in force during each. */
  intervals: z.array(
    z.object({
      from: z.string(),
      until: z.string().nullable(),
      ordering: z.enum(orderingEffects),
      delivery: z.enum(deliveryModes),
      commute: z.enum(commuteEffects),
      office: z.enum(officeEffects),
      status: z.string().nullable(),
      scheme: z.string().nullable(),
      areaIds: z.array(z.string()),
    }),
  ),
});

export const areaImportBody = z.strictObject({
  /** `csv` text, or an `xlsx` workbook as base64. */
  format: z.enum(['csv', 'xlsx']),
  content: z.string().min(1).max(900_000),
  /** Scheme of rows that do not name one. */
  scheme: z.string().min(1).max(40).default('epidemic-2022'),
  dryRun: z.boolean().default(false),
});
export const areaImportResponse = z.object({
  imported: z.number().int(),
  dryRun: z.boolean(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      ok: z.boolean(),
      area: z.string(),
      status: z.string(),
      retailers: z.number().int(),
      errors: z.array(z.string()),
    }),
  ),
  areaIds: z.array(z.string()),
});

/** Per county: active areas and places under them now, for the overview map. */
export const disruptionOverviewResponse = z.object({
  at: z.string(),
  counties: z.array(
    z.object({
      countyCode: z.string(),
      sealedAreas: z.number().int(),
      controlledAreas: z.number().int(),
      retailersBlocked: z.number().int(),
      retailersRestricted: z.number().int(),
      staffCannotCommute: z.number().int(),
    }),
  ),
  areas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      severity: z.number().int(),
      statusLabel: z.string(),
      coverage: areaCoverage,
    }),
  ),
});
export type DisruptionOverviewDto = z.infer<typeof disruptionOverviewResponse>;
