/**
 * The org module: administrative divisions with their shapes, the company's org tree (province,
 * city companies, county branches, logistics centres) and its staff.
 */
export { orgRoutes, type OrgRouteOptions } from './org.routes';
export { createOrgState, type OrgState, type UnitDirectory } from './org.state';
export {
  listUnits,
  getUnit,
  unitHeadline,
  staffByIds,
  countyShapesJson,
  orgPlaces,
  type OrgPlace,
  type UnitInfo,
} from './org.service';
export { seedOrg, insertStaffInBulk, isOrgSeeded, dataDir, type SeededOrg } from './org.seed';
export type { OrgTables } from './org.tables';
