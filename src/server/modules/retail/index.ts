/**
 * The retail module: licensed retailers (零售户), their grades and attributes, service states set
 * by account managers, and delivery lines.
 */
export { retailRoutes, type RetailRouteOptions } from './retail.routes';
export {
  listRetailers,
  getRetailer,
  retailerForAccount,
  retailerFigures,
  insertRetailersInBulk,
  insertDeliveryLinesInBulk,
  allocationAttributes,
  cityAllocationAttributes,
  serviceStatesIn,
  type AllocationAttributes,
  retailerPlaces,
  setServiceState,
  type RetailerPlace,
} from './retail.service';
export { createRetailState, type RetailState } from './retail.state';
export { orderingProfiles, orderingProfileOf, type OrderingProfile } from './retail.profiles';
export type { RetailTables, RetailersTable, DeliveryLinesTable } from './retail.tables';
