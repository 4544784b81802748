import type { Language } from './i18n/language';

const timeZone = 'Asia/Shanghai';

const integerFormats = new Map<Language, Intl.NumberFormat>();

/** An integer with thousands separators: 15018 → "15,018". */
export function formatInteger(value: number, language: Language): string {
  let format = integerFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    integerFormats.set(language, format);
  }
  return format.format(value);
}

/**
 * Integer fen as yuan with two decimals, by integer arithmetic so that no float rounding can
 * creep into a price: 39150 → "391.50".
 */
export function formatYuan(fen: number, language: Language): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${formatInteger(yuan, language)}.${cents}`;
}

/** A share as a percentage with one decimal. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${((part * 100) / whole).toFixed(1)}%`;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * A date (`2027-05-04`) or timestamp shown as the calendar date in Asia/Shanghai, where the
 * company works, whatever the browser's own zone; always year-month-day, which reads the same in
 * Chinese and English documents.
 */
export function formatDate(value: string): string {
  // A bare date is a calendar date already; reading it as UTC midnight keeps the same day in +08:00.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return dayFormat.format(date);
}

/** Today's calendar date in Asia/Shanghai as `YYYY-MM-DD`. */
export function todayInShanghai(now: Date = new Date()): string {
  return dayFormat.format(now);
}

/** A timestamp in Asia/Shanghai with minutes. */
export function formatDateTime(value: string, language: Language): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** Grades (档位) are shown as D1 … D30. */
export function gradeLabel(grade: number): string {
  return `D${grade}`;
}
