import type { Instant } from './types';

/** Epoch milliseconds of an instant; throws RangeError on an unparseable one. */
export function toMillis(t: Instant, what = 'instant'): number {
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant: ${String(t)}`);
  return ms;
}

/** Epoch milliseconds of an optional end; null means never (Infinity). */
export function endMillis(t: string | null, what: string): number {
  return t === null ? Infinity : toMillis(t, what);
}
