/**
 * The disruption module (区域管控, docs/architecture.md#the-disruption-layer): schemes of statuses with effects (rule data), areas
 * published from government notices (never deleted, only ended), and the effective status of
 * every place — retailers, warehouses, offices, staff homes — at any instant. Other modules read
 * effects through ports wired in `flows/`, never scheme names.
 */
export { disruptionRoutes, type DisruptionRouteOptions } from './disruption.routes';
export {
  AreasChangedHub,
  type AreasChanged,
  type AreasChangedListener,
  type PlaceChange,
} from './disruption.events';
export {
  createDisruptionState,
  DisruptionState,
  type DisruptionStateOptions,
} from './disruption.state';
export {
  commuteOfHomes,
  retailerEffects,
  effectiveOf,
  type RetailerEffect,
} from './effective.service';
export { seedBuiltInSchemes, loadSchemes } from './schemes.service';
export { seedDemoAreas, type DemoAreaSpec } from './demo.seed';
export type { DisruptionTables } from './disruption.tables';
