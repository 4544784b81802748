/**
 * ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday). Release plans are weekly
 * and named by ISO week, e.g. `2022-W14` = Monday 2022-04-04.
 */

const dayMs = 86_400_000;

/** The Monday (UTC date, `YYYY-MM-DD`) of an ISO week, or null if the week does not exist. */
export function mondayOfIsoWeek(week: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1 || n > weeksInIsoYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = jan4 - jan4Weekday * dayMs + (n - 1) * 7 * dayMs;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The ISO week of a UTC calendar date. */
export function isoWeekOf(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day - weekday * dayMs + 3 * dayMs);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / dayMs / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** 52 or 53: a year has 53 ISO weeks when Dec 28 falls in week 53. */
export function weeksInIsoYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  const weekday = (dec28.getUTCDay() + 6) % 7;
  const thursday = new Date(dec28.getTime() - weekday * dayMs + 3 * dayMs);
  return Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / dayMs / 7) + 1;
}

/** The ISO week `delta` weeks after (or before, if negative) the given one. */
export function shiftIsoWeek(week: string, delta: number): string {
  const monday = mondayOfIsoWeek(week);
  if (!monday) throw new Error(`not an ISO week: ${week}`);
  return isoWeekOf(new Date(Date.parse(`${monday}T00:00:00Z`) + delta * 7 * dayMs));
}

/** A running week number (weeks since 1970-01-05, a Monday): rotates remainder grants. */
export function weekSerial(week: string): number {
  const monday = mondayOfIsoWeek(week);
  if (!monday) throw new Error(`not an ISO week: ${week}`);
  return Math.round((Date.parse(`${monday}T00:00:00Z`) - Date.UTC(1970, 0, 5)) / (7 * dayMs));
}
