/** The monitoring module: the daily overview of a scope (and, later, indicators and alerts). */
export { monitoringRoutes } from './monitoring.routes';
