/**
 * The workforce module (防控): the staff registry, daily health reports and work modes,
 * availability by unit, 24-hour duty rosters with gaps and replacements, travel approvals,
 * volunteer service, and the privacy rules of health data (least access, audited reads,
 * retention purge into anonymous daily counts).
 */
export { workforceRoutes, type WorkforceRouteOptions } from './workforce.routes';
export {
  everyoneCanCommute,
  type CommuteOracle,
  type CommuteHome,
  type CommuteEffect,
} from './commute';
export { purgeHealthReports } from './retention.service';
export { startWorkforceJobs } from './scheduler';
export { evaluateShifts, roster } from './roster.service';
export { availability, availabilityTrend } from './availability.service';
export type { WorkforceDeps } from './workforce.context';
export { createWorkforceState, type WorkforceState } from './workforce.state';
export {
  seedWorkforceHistory,
  type WorkforceSeedInput,
  type WorkforceSeedSummary,
} from './workforce.seed';
export type { WorkforceTables } from './workforce.tables';
export { alarmOf as healthAlarmOf } from './health.service';
export { addDays, shanghaiDate, shiftWindow } from './calendar.rules';
