import { dayFromCivil, civilFromDay, parseDay, weekdayOfDay, formatDay } from './dates';
import type { IsoWeek, LocalDate } from './types';

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
/** Bound of the week caches below: far more weeks than any caller cycles through. */
const MAX_REMEMBERED = 5_000;

/** Monday (day number) of ISO week 1 of ISO year `year`: the week holding 4 January. */
function week1Monday(year: number): number {
  const jan4 = dayFromCivil(year, 1, 4);
  return jan4 - weekdayOfDay(jan4) + 1;
}

/** Number of ISO weeks (52 or 53) in ISO year `year`. */
export function weeksInYear(year: number): number {
  return (week1Monday(year + 1) - week1Monday(year)) / 7;
}

/** ISO week-numbering year and week of a day number. */
export function isoWeekPartsOfDay(day: number): [number, number] {
  const thursday = day - weekdayOfDay(day) + 4;
  const year = civilFromDay(thursday)[0];
  return [year, Math.floor((thursday - dayFromCivil(year, 1, 1)) / 7) + 1];
}

export function formatWeek(year: number, week: number): IsoWeek {
  return `${String(year).padStart(4, '0')}-W${week < 10 ? '0' : ''}${week}`;
}

const weekTexts = new Map<number, IsoWeek>();

/** ISO week of a day number. */
export function isoWeekOfDay(day: number): IsoWeek {
  const monday = day - weekdayOfDay(day) + 1;
  let text = weekTexts.get(monday);
  if (text === undefined) {
    const [year, week] = isoWeekPartsOfDay(monday);
    text = formatWeek(year, week);
    if (weekTexts.size >= MAX_REMEMBERED) weekTexts.clear();
    weekTexts.set(monday, text);
  }
  return text;
}

// Every retailer of a week asks for the same week: remember parsed weeks (bounded).
const mondays = new Map<string, number>();

/** Monday (day number) of an ISO week, or NaN when malformed or nonexistent (e.g. 2021-W53). */
export function tryMondayDay(week: IsoWeek): number {
  const known = mondays.get(week);
  if (known !== undefined) return known;
  const match = typeof week === 'string' ? WEEK_PATTERN.exec(week) : null;
  if (!match) return Number.NaN;
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1 || n > weeksInYear(year)) return Number.NaN;
  const monday = week1Monday(year) + (n - 1) * 7;
  if (mondays.size >= MAX_REMEMBERED) mondays.clear();
  mondays.set(week, monday);
  return monday;
}

/** Monday (day number) of an ISO week; throws RangeError when malformed or nonexistent. */
export function mondayDay(week: IsoWeek): number {
  const day = tryMondayDay(week);
  if (Number.isNaN(day))
    throw new RangeError(`week must be an existing ISO week YYYY-Www: ${week}`);
  return day;
}

/** The ISO week (`YYYY-Www`) a date falls in; around New Year it may belong to the adjacent year. */
export function isoWeekOfDate(date: LocalDate): IsoWeek {
  return isoWeekOfDay(parseDay(date));
}

/** The Monday of an ISO week, or null for a malformed or nonexistent week (e.g. `2021-W53`). */
export function mondayOf(week: IsoWeek): LocalDate | null {
  const day = tryMondayDay(week);
  return Number.isNaN(day) ? null : formatDay(day);
}

/** The ISO week `n` weeks after `week` (negative goes back); throws RangeError on a bad week. */
export function shiftWeek(week: IsoWeek, n: number): IsoWeek {
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number of weeks: ${n}`);
  return isoWeekOfDay(mondayDay(week) + 7 * n);
}
