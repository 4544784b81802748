/**
 * ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday). Release plans are weekly
 * and named by ISO week, e.g. `2022-W14` = Monday 2022-04-04. The week arithmetic itself is the
 * calendar engine's (one implementation for server and web); these are supply's names for it.
 */
import { isoWeekOfDate, mondayOf, shiftWeek, weeksInYear } from '../../../engines/calendar';

const dayMs = 86_400_000;

/** The Monday (UTC date, `YYYY-MM-DD`) of an ISO week, or null if the week does not exist. */
export function mondayOfIsoWeek(week: string): string | null {
  return mondayOf(week);
}

/** The ISO week of a UTC calendar date. */
export function isoWeekOf(date: Date): string {
  return isoWeekOfDate(date.toISOString().slice(0, 10));
}

/** 52 or 53: a year has 53 ISO weeks when Dec 28 falls in week 53. */
export function weeksInIsoYear(year: number): number {
  return weeksInYear(year);
}

/** The ISO week `delta` weeks after (or before, if negative) the given one. */
export function shiftIsoWeek(week: string, delta: number): string {
  if (!mondayOf(week)) throw new Error(`not an ISO week: ${week}`);
  return shiftWeek(week, delta);
}

/** A running week number (weeks since 1970-01-05, a Monday): rotates remainder grants. */
export function weekSerial(week: string): number {
  const monday = mondayOfIsoWeek(week);
  if (!monday) throw new Error(`not an ISO week: ${week}`);
  return Math.round((Date.parse(`${monday}T00:00:00Z`) - Date.UTC(1970, 0, 5)) / (7 * dayMs));
}
