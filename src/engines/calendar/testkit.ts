/* Test helpers: the shipped holiday data and a seeded random source. */
import { readFileSync } from 'node:fs';
import { calendarFromData } from './holidays';

export const HOLIDAYS_URL = new URL('../../../data/calendar/holidays-cn.json', import.meta.url);

export function loadHolidayJson(): unknown {
  return JSON.parse(readFileSync(HOLIDAYS_URL, 'utf8'));
}

export const shippedCalendar = () => calendarFromData(loadHolidayJson());

/** mulberry32: small, seeded, good enough to draw test cases. */
export function rng(seed: number): { next: () => number; int: (lo: number, hi: number) => number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)) };
}
