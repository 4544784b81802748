/*
 * Calendar arithmetic on day numbers (days since 1970-01-01). Asia/Shanghai keeps UTC+8 all
 * year (no daylight saving since 1991), so a fixed offset is exact and needs no time-zone database.
 */
import type { LocalDate } from './types';

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month, day of a day number (civil_from_days). */
export function civilFromDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

// Window maths formats the same few hundred days over and over (a year of weeks × 7 order days);
// an array indexed by day number remembers 2000–2099, taking formatting off the hot path.
const CACHE_FROM = 10957; // 2000-01-01
const CACHE_DAYS = 36525;
const dayTexts: (LocalDate | undefined)[] = new Array<LocalDate | undefined>(CACHE_DAYS);

function formatDayUncached(day: number): LocalDate {
  const [y, m, d] = civilFromDay(day);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** `YYYY-MM-DD` of a day number (years 0000–9999). */
export function formatDay(day: number): LocalDate {
  const slot = day - CACHE_FROM;
  if (slot < 0 || slot >= CACHE_DAYS) return formatDayUncached(day);
  return (dayTexts[slot] ??= formatDayUncached(day));
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Day number of a `YYYY-MM-DD` string, or NaN when it is malformed or not a real date. */
export function tryParseDay(date: string): number {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') {
    return Number.NaN;
  }
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && !isDigitAt(date, i)) return Number.NaN;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return dayFromCivil(y, m, d);
}

/** Day number of a `YYYY-MM-DD` string; throws RangeError when it is not a real date. */
export function parseDay(date: LocalDate, what = 'date'): number {
  const day = tryParseDay(date);
  if (Number.isNaN(day)) throw new RangeError(`${what} must be a date YYYY-MM-DD: ${String(date)}`);
  return day;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && !Number.isNaN(tryParseDay(value));
}

/** Minutes after midnight of `HH:mm` (00:00–23:59), or NaN when malformed. */
export function tryParseMinutes(hhmm: string): number {
  if (typeof hhmm !== 'string' || hhmm.length !== 5 || hhmm[2] !== ':') return Number.NaN;
  if (!isDigitAt(hhmm, 0) || !isDigitAt(hhmm, 1) || !isDigitAt(hhmm, 3) || !isDigitAt(hhmm, 4)) {
    return Number.NaN;
  }
  const h = digit(hhmm, 0) * 10 + digit(hhmm, 1);
  const min = digit(hhmm, 3) * 10 + digit(hhmm, 4);
  return h > 23 || min > 59 ? Number.NaN : h * 60 + min;
}

/** Minutes after midnight of `HH:mm`; throws RangeError when malformed. */
export function parseMinutes(hhmm: string, what = 'time'): number {
  const minutes = tryParseMinutes(hhmm);
  if (Number.isNaN(minutes)) throw new RangeError(`${what} must be HH:mm (00:00–23:59): ${hhmm}`);
  return minutes;
}

/** Epoch ms of Shanghai wall-clock minute `minutes` on day number `day`. */
export function instantMs(day: number, minutes: number): number {
  return day * DAY_MS + minutes * 60_000 - OFFSET_MS;
}

/** Shanghai day number of an epoch-ms instant. */
export function dayOfMs(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

function msOf(at: Date, what: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}

/** The Asia/Shanghai calendar day of an instant. */
export function localDateOf(at: Date): LocalDate {
  return formatDay(dayOfMs(msOf(at, 'at')));
}

/** The UTC instant of Shanghai wall-clock time `hhmm` (`HH:mm`) on `date`. */
export function instantAt(date: LocalDate, hhmm: string): Date {
  return new Date(instantMs(parseDay(date), parseMinutes(hhmm)));
}

/** The day `n` days after `date` (negative `n` goes back). */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number of days: ${n}`);
  return formatDay(parseDay(date) + n);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return parseDay(to, 'to') - parseDay(from, 'from');
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfDay(parseDay(date));
}

/** An instant as Shanghai wall-clock ISO text, e.g. `2022-04-05T23:59:59.999+08:00`. */
export function formatShanghai(at: Date): string {
  const shifted = new Date(msOf(at, 'at') + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 23)}+08:00`;
}
