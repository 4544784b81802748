/**
 * Disruption engine (区域管控, docs/architecture.md#the-disruption-layer): areas under a status of a scheme during a validity
 * interval, and the effective rules at any place and instant — the spine that ordering,
 * allocation, routing, workforce and licensing read. Pure: callers load areas and places and
 * pass them in; nothing here does I/O or keeps global state.
 *
 * Typical use: `const index = AreaIndex.build(areas)`; after any area change, rebuild and call
 * `index.effectiveStatusMany(places, now)`, then `diffEffective(previous, next)` to find what to
 * broadcast. Before saving a new area, `impactOf(area, places, weeklyVolume)`.
 */
export {
  COMMUTE_EFFECTS,
  COVERAGE_KINDS,
  DELIVERY_MODES,
  NORMAL_EFFECTS,
  OFFICE_EFFECTS,
  ORDERING_EFFECTS,
  PLACE_TYPES,
  SERVICE_STATES,
  stricterDelivery,
  stricterEffects,
  stricterOrdering,
  type CommuteEffect,
  type CoverageKind,
  type DeliveryMode,
  type OfficeEffect,
  type OrderingEffect,
  type PlaceType,
  type ServiceState,
  type StatusEffects,
} from './vocab';
export {
  BUILT_IN_SCHEMES,
  checkScheme,
  EFFECT_LABELS,
  findStatus,
  SERVICE_STATE_RULES,
  type Label,
  type Scheme,
  type SchemeStatus,
  type ServiceStateRule,
} from './rules';
export type { Area, AreaCoverage, EffectiveStatus, Instant, Place } from './types';
export { AreaIndex } from './area-index';
export { activeAt, compileArea, isAreaActive, type CompiledArea } from './coverage';
export { impactOf, type AreaImpact } from './impact';
export { CHANGE_FIELDS, diffEffective, type ChangeField, type EffectiveChange } from './diff';
export { toMillis } from './time';
