import {
  isoWeekOfDate,
  mondayOf as mondayOfWeek,
  shiftWeek as shiftCalendarWeek,
} from '../../../engines/calendar';
import { cityOfCounty, provinceCode } from '../../../engines/geo';
/** ISO weeks on the client: the calendar engine's arithmetic, as the server uses it. */
export function isoWeekOf(date: Date): string {
  return isoWeekOfDate(date.toISOString().slice(0, 10));
}

/** The Monday of an ISO week (UTC midnight). */
export function mondayOf(week: string): Date {
  return new Date(`${mondayOfWeek(week) ?? '1970-01-05'}T00:00:00Z`);
}

export function shiftWeek(week: string, delta: number): string {
  return shiftCalendarWeek(week, delta);
}

/** The city company of a user's unit: a county 140105 belongs to city 140100. */
export function cityOfUnit(unitCode: string): string | null {
  const code = unitCode.replace(/^LC/, '');
  return /^14\d{4}$/.test(code) && code !== provinceCode ? cityOfCounty(code) : null;
}
