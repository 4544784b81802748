/**
 * Calendar engine: Asia/Shanghai calendar days, ISO weeks, the PRC working-day calendar
 * (法定节假日 and 调休 workdays) and the weekly ordering window (订货窗口) of each retailer.
 * Pure: no I/O — callers read `data/calendar/holidays-cn.json` and pass it to `calendarFromData`.
 *
 * Time: China keeps UTC+8 all year, so Shanghai wall clock ↔ instant is a fixed offset. A window
 * is the closed interval [opensAt, closesAt] of instants, `closesAt` being its last millisecond
 * (a 23:59 close is 23:59:59.999 Shanghai).
 */
export type { HolidayCalendar, IsoWeek, LocalDate, OrderWindow, WindowRule } from './types';
export {
  addDays,
  daysBetween,
  formatShanghai,
  instantAt,
  isLocalDate,
  localDateOf,
  weekdayOf,
} from './dates';
export { isoWeekOfDate, mondayOf, shiftWeek, weeksInYear } from './weeks';
export {
  calendarFromData,
  CalendarDataError,
  holidayCalendar,
  isHoliday,
  isWorkingDay,
  MAX_NON_WORKING_RUN,
  workingDayOnOrAfter,
  type CalendarFromData,
} from './holidays';
export { cycleAt, defaultWindowRule, isOpenAt, orderWindow, RULE_LIMITS } from './window';
export {
  validateWindowRule,
  type WindowRuleError,
  type WindowRuleErrorCode,
  type WindowRuleValidation,
} from './validate';
