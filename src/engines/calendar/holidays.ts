import { formatDay, isLocalDate, parseDay, tryParseDay, weekdayOfDay } from './dates';
import type { HolidayCalendar, LocalDate } from './types';

/** How far `workingDayOnOrAfter` looks before deciding the calendar is broken (春节 is ≤ 9 days). */
export const MAX_NON_WORKING_RUN = 60;

interface DayIndex {
  holidaysSource: ReadonlySet<LocalDate>;
  workdaysSource: ReadonlySet<LocalDate>;
  holidaysSize: number;
  workdaysSize: number;
  holidays: Set<number>;
  workdays: Set<number>;
}

// Window maths runs on day numbers; this keeps each calendar's sets as day numbers so the hot path
// never formats a date to look it up. Rebuilt if the caller swapped or resized a set.
const indexes = new WeakMap<HolidayCalendar, DayIndex>();

function toDays(dates: ReadonlySet<LocalDate>): Set<number> {
  const days = new Set<number>();
  for (const date of dates) {
    const day = tryParseDay(date);
    if (!Number.isNaN(day)) days.add(day);
  }
  return days;
}

/** The calendar's holidays and workdays as day numbers (cached per calendar object). */
export function dayIndex(cal: HolidayCalendar): DayIndex {
  const cached = indexes.get(cal);
  if (
    cached &&
    cached.holidaysSource === cal.holidays &&
    cached.workdaysSource === cal.workdays &&
    cached.holidaysSize === cal.holidays.size &&
    cached.workdaysSize === cal.workdays.size
  ) {
    return cached;
  }
  const index: DayIndex = {
    holidaysSource: cal.holidays,
    workdaysSource: cal.workdays,
    holidaysSize: cal.holidays.size,
    workdaysSize: cal.workdays.size,
    holidays: toDays(cal.holidays),
    workdays: toDays(cal.workdays),
  };
  indexes.set(cal, index);
  return index;
}

export function isWorkingDayNumber(day: number, index: DayIndex): boolean {
  return index.workdays.has(day) || (weekdayOfDay(day) <= 5 && !index.holidays.has(day));
}

/** First working day on or after `day`; RangeError past `MAX_NON_WORKING_RUN` days. */
export function workingDayNumberOnOrAfter(day: number, index: DayIndex): number {
  for (let d = day; d < day + MAX_NON_WORKING_RUN; d++) {
    if (isWorkingDayNumber(d, index)) return d;
  }
  throw new RangeError(
    `the calendar has no working day within ${MAX_NON_WORKING_RUN} days from ${formatDay(day)}`,
  );
}

/**
 * Builds a calendar from lists of dates. Throws RangeError on a malformed date or a date listed
 * both as a holiday and as a workday (the two must be disjoint for `isWorkingDay` to mean anything).
 */
export function holidayCalendar(data: {
  holidays: LocalDate[];
  workdays: LocalDate[];
  names?: Record<LocalDate, string>;
}): HolidayCalendar {
  for (const date of [...data.holidays, ...data.workdays]) parseDay(date, 'calendar date');
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  const both = [...workdays].filter((d) => holidays.has(d));
  if (both.length > 0) {
    throw new RangeError(`dates listed both as holiday and as workday: ${both.join(', ')}`);
  }
  const cal: HolidayCalendar = { holidays, workdays };
  if (data.names) cal.names = new Map(Object.entries(data.names));
  return cal;
}

/** True on Monday–Friday that is not a holiday, and on a 调休 workday. */
export function isWorkingDay(date: LocalDate, cal: HolidayCalendar): boolean {
  return isWorkingDayNumber(parseDay(date), dayIndex(cal));
}

/** True when `date` is an official day off (法定节假日 or a bridged day). */
export function isHoliday(date: LocalDate, cal: HolidayCalendar): boolean {
  return dayIndex(cal).holidays.has(parseDay(date));
}

/** `date` itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(date: LocalDate, cal: HolidayCalendar): LocalDate {
  return formatDay(workingDayNumberOnOrAfter(parseDay(date), dayIndex(cal)));
}

/** A calendar loaded from `data/calendar/holidays-cn.json`, with what the file says of itself. */
export interface CalendarFromData extends HolidayCalendar {
  names: ReadonlyMap<LocalDate, string>;
  /** Years present in the data, ascending. Days outside them are plain weekday/weekend days. */
  years: number[];
  /** Years whose entry says `"complete": false` (e.g. the State Council notice was not out yet). */
  incompleteYears: number[];
}

/** Thrown by `calendarFromData` with every problem found in the data. */
export class CalendarDataError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid holiday calendar data: ${issues.join('; ')}`);
    this.name = 'CalendarDataError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Flattens the parsed holiday file (`{ years: { "2022": { holidays, workdays, names?, complete? } } }`)
 * into one calendar. The caller reads the file (engines do no I/O). Checks every date, that
 * workdays are Saturdays or Sundays, that no date is both a holiday and a workday, and that names
 * only name holidays; throws CalendarDataError listing every problem.
 */
export function calendarFromData(json: unknown): CalendarFromData {
  const issues: string[] = [];
  const holidays = new Set<LocalDate>();
  const workdays = new Set<LocalDate>();
  const names = new Map<LocalDate, string>();
  const years: number[] = [];
  const incompleteYears: number[] = [];
  const yearsData = isRecord(json) ? json.years : undefined;
  if (!isRecord(yearsData)) throw new CalendarDataError(['"years" must be an object']);

  const dates = (value: unknown, where: string): LocalDate[] => {
    if (!Array.isArray(value)) {
      issues.push(`${where} must be an array of dates`);
      return [];
    }
    return value.filter((d, i): d is LocalDate => {
      if (isLocalDate(d)) return true;
      issues.push(`${where}[${i}] is not a date YYYY-MM-DD: ${JSON.stringify(d)}`);
      return false;
    });
  };

  for (const [key, entry] of Object.entries(yearsData)) {
    if (!/^\d{4}$/.test(key) || !isRecord(entry)) {
      issues.push(`years.${key} must be a four-digit year holding an object`);
      continue;
    }
    years.push(Number(key));
    if (entry.complete === false) incompleteYears.push(Number(key));
    for (const d of dates(entry.holidays, `years.${key}.holidays`)) holidays.add(d);
    for (const d of dates(entry.workdays, `years.${key}.workdays`)) {
      const weekday = weekdayOfDay(parseDay(d));
      if (weekday < 6) issues.push(`workday ${d} is not a Saturday or Sunday`);
      workdays.add(d);
    }
    if (entry.names !== undefined) {
      if (!isRecord(entry.names)) issues.push(`years.${key}.names must be an object`);
      else
        for (const [d, name] of Object.entries(entry.names)) {
          if (typeof name !== 'string') issues.push(`years.${key}.names.${d} must be a string`);
          else names.set(d, name);
        }
    }
  }
  for (const d of workdays)
    if (holidays.has(d)) issues.push(`${d} is both a holiday and a workday`);
  for (const d of names.keys())
    if (!holidays.has(d)) issues.push(`named day ${d} is not a holiday`);
  if (issues.length > 0) throw new CalendarDataError(issues);
  years.sort((a, b) => a - b);
  incompleteYears.sort((a, b) => a - b);
  return { holidays, workdays, names, years, incompleteYears };
}
