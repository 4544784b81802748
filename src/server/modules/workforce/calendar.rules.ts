/*
 * Calendar days of the workforce module are Asia/Shanghai days. China keeps UTC+8 all year (no
 * daylight saving), so a fixed offset is exact and spares a time-zone database.
 */
const offsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** The day `n` days after `date` (negative goes back). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** The UTC instant of an Asia/Shanghai wall-clock time `HH:MM` on `date`. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - offsetMs);
}

/** Start and end of a shift; an end not after the start falls on the next day (night shifts). */
export function shiftWindow(
  date: string,
  start: string,
  end: string,
): { startsAt: Date; endsAt: Date } {
  const startsAt = shanghaiInstant(date, start);
  let endsAt = shanghaiInstant(date, end);
  if (endsAt.getTime() <= startsAt.getTime()) endsAt = new Date(endsAt.getTime() + dayMs);
  return { startsAt, endsAt };
}

/** Days from `from`, `count` of them. */
export function dayRange(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}
