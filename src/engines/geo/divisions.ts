/**
 * The division rules of the province (GB/T 2260 codes): one home for what server, web and engines
 * all need — the province code, a county's city, and the materialised path of an org unit.
 */

/** Shanxi: the province company, the root of the org tree, the company of cross-city objects. */
export const provinceCode = '140000';

/** Whether a code names the province itself (`140000`). */
export function isProvinceCode(code: string): boolean {
  return code.endsWith('0000');
}

/** Whether a code names a city (prefecture, `1401xx` → `140100`), not the province or a county. */
export function isCityCode(code: string): boolean {
  return /^\d{4}00$/.test(code) && !isProvinceCode(code);
}

/** The city of a county (`140105` → `140100`); a city code is its own city. */
export function cityOfCounty(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** The province of any division code (`140105` → `140000`). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/**
 * The materialised path of an org unit (the `org_units.path` rule): the province is `/140000/`, a
 * city `/140000/140100/`, anything under a city (a county, a logistics centre)
 * `/140000/140100/<code>/`.
 */
export function unitPath(code: string, cityCode: string | null): string {
  if (code === provinceCode) return `/${provinceCode}/`;
  if (cityCode === null || cityCode === code) return `/${provinceCode}/${code}/`;
  return `/${provinceCode}/${cityCode}/${code}/`;
}
