/**
 * The supply module: the brand-spec catalogue (品规) today; weekly supply and release plans
 * (货源投放) build on it.
 */
export { supplyRoutes } from './supply.routes';
export { listProducts, countActiveProducts, insertProductsInBulk } from './supply.service';
export { priceClassOf, cartonsPerBox, cartonsPerCase } from './supply.rules';
export type { SupplyTables, ProductsTable } from './supply.tables';
