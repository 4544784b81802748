/**
 * The ordering module (订货): weekly cycles and windows per county, retailers' and phone orders
 * within their quotas, pools and stock, extra windows for reopened regions, closing with fill
 * rates, and the county and logistics views. Orders go through an in-memory ledger per city and
 * cycle and are acknowledged only once group-committed.
 */
export { orderingRoutes, type OrderingRouteOptions } from './ordering.routes';
export { orderPage, placeOrder, type OrderingDeps } from './order.service';
export { closeDueOrders } from './closing.service';
export { OrderingState, orderingStateDefaults, type OrderingStateOptions } from './ordering.state';
export type { OrderingTables } from './ordering.tables';
