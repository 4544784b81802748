import { cityOfCounty, provinceCode } from '../../../engines/geo';
/** ISO weeks on the client (the server's rules live in the supply module; this is display only). */
const dayMs = 86_400_000;

export function isoWeekOf(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day - weekday * dayMs + 3 * dayMs);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / dayMs / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

export function mondayOf(week: string): Date {
  const [y, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = Date.UTC(y, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - weekday * dayMs + (w - 1) * 7 * dayMs);
}

export function shiftWeek(week: string, delta: number): string {
  return isoWeekOf(new Date(mondayOf(week).getTime() + delta * 7 * dayMs));
}

/** The city company of a user's unit: a county 140105 belongs to city 140100. */
export function cityOfUnit(unitCode: string): string | null {
  const code = unitCode.replace(/^LC/, '');
  return /^14\d{4}$/.test(code) && code !== provinceCode ? cityOfCounty(code) : null;
}
