import { staffSkills } from '../../../contracts/workforce';

/** A parsed, checked row of a staff spreadsheet. */
export interface ImportRow {
  row: number;
  staffId: string | null;
  name: string;
  unitCode: string;
  position: string;
  phone: string | null;
  homeAddress: string | null;
  homeLon: number | null;
  homeLat: number | null;
  skills: string[];
  errors: string[];
}

/** Accepted headers, English keys or the Chinese column titles of the template. */
const headerAliases: Record<string, keyof Omit<ImportRow, 'row' | 'errors'>> = {
  staff_id: 'staffId',
  工号: 'staffId',
  name: 'name',
  姓名: 'name',
  unit_code: 'unitCode',
  单位代码: 'unitCode',
  position: 'position',
  岗位: 'position',
  phone: 'phone',
  电话: 'phone',
  home_address: 'homeAddress',
  家庭住址: 'homeAddress',
  home_lon: 'homeLon',
  经度: 'homeLon',
  home_lat: 'homeLat',
  纬度: 'homeLat',
  skills: 'skills',
  技能: 'skills',
};

export { parseCsv } from '../../platform/spreadsheet';

const phonePattern = /^1\d{10}$/;
const idPattern = /^[A-Za-z0-9_-]{3,64}$/;

function num(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Checks the rows of a staff sheet (first row = headers). Every problem is reported against its
 * row (numbered as in the sheet, headers = 1) so the sheet can be fixed in one pass.
 */
export function checkRows(table: string[][]): { rows: ImportRow[]; headerErrors: string[] } {
  const [header, ...body] = table;
  if (!header) return { rows: [], headerErrors: ['empty sheet'] };
  const columns = header.map(
    (h) => headerAliases[h.trim().toLowerCase()] ?? headerAliases[h.trim()],
  );
  const missing = (['name', 'unitCode', 'position'] as const).filter((k) => !columns.includes(k));
  if (missing.length > 0)
    return { rows: [], headerErrors: missing.map((k) => `missing column ${k}`) };
  const seenIds = new Set<string>();
  const rows = body.map((cells, index): ImportRow => {
    const get = (key: string) => {
      const at = columns.indexOf(key as never);
      return at < 0 ? '' : (cells[at] ?? '').trim();
    };
    const errors: string[] = [];
    const staffId = get('staffId') || null;
    if (staffId !== null && !idPattern.test(staffId))
      errors.push('staff_id: 3–64 letters, digits, _ or -');
    if (staffId !== null) {
      if (seenIds.has(staffId)) errors.push('staff_id: appears twice in the sheet');
      seenIds.add(staffId);
    }
    const name = get('name');
    if (name.length === 0 || name.length > 40) errors.push('name: required, at most 40 characters');
    const unitCode = get('unitCode');
    if (!/^[A-Z0-9]{2,20}$/.test(unitCode)) errors.push('unit_code: not a unit code');
    const position = get('position');
    if (position.length === 0 || position.length > 40) errors.push('position: required');
    const phone = get('phone') || null;
    if (phone !== null && !phonePattern.test(phone)) errors.push('phone: 11-digit mobile number');
    const homeAddress = get('homeAddress') || null;
    if (homeAddress !== null && homeAddress.length > 200) errors.push('home_address: too long');
    const homeLon = num(get('homeLon'));
    const homeLat = num(get('homeLat'));
    if ((homeLon === null) !== (homeLat === null))
      errors.push('home_lon/home_lat: give both or neither');
    // Shanxi lies within 110–115°E, 34.5–40.8°N; a home far outside is a typo.
    if (homeLon !== null && !(homeLon >= 109 && homeLon <= 116))
      errors.push('home_lon: outside Shanxi');
    if (homeLat !== null && !(homeLat >= 34 && homeLat <= 41.5))
      errors.push('home_lat: outside Shanxi');
    const skills = get('skills')
      .split(/[;；,，、\s]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const unknown = skills.filter((s) => !(staffSkills as readonly string[]).includes(s));
    if (unknown.length > 0) errors.push(`skills: unknown ${unknown.join(', ')}`);
    return {
      row: index + 2,
      staffId,
      name,
      unitCode,
      position,
      phone,
      homeAddress,
      homeLon,
      homeLat,
      skills: [...new Set(skills)],
      errors,
    };
  });
  return { rows, headerErrors: [] };
}
