/**
 * The supply module: the brand-spec catalogue (品规), weekly supply positions and release plans
 * (货源投放) whose quotas are derived on the fly from the plan and retailers' attributes.
 */
export { supplyRoutes, type SupplyRouteOptions } from './supply.routes';
export { listProducts, countActiveProducts, insertProductsInBulk } from './supply.service';
export { priceClassOf, cartonsPerBox, cartonsPerCase } from './supply.rules';
export { quotasForRetailer } from './quota.service';
export { loadQuotaBook, quotaBookSignature, availableSupplyOf, type QuotaBook } from './quota.book';
export { logisticsCentreOf } from './plan.rules';
export {
  serviceStateEligibility,
  orderingStates,
  type OrderingEligibility,
  type OrderingState,
  type RetailerEligibility,
} from './eligibility';
export { createSupplyCaches, type SupplyCaches } from './eligibility.cache';
export { isoWeekOf, mondayOfIsoWeek, shiftIsoWeek } from './week.rules';
export { seedSupplyPlans } from './supply.seed';
export type {
  SupplyTables,
  ProductsTable,
  SupplyPlansTable,
  SupplyPositionsTable,
  SupplyPlanRetailersTable,
} from './supply.tables';
