import ExcelJS from 'exceljs';
import { AppError } from './errors';
import { checkZipBounds, zipLimits } from './zip';

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function cellText(value: ExcelJS.CellValue, dates: 'day' | 'instant'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, dates);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if (value instanceof Date)
      return dates === 'instant' ? value.toISOString() : value.toISOString().slice(0, 10);
  }
  return String(value);
}

export interface ReadTableOptions {
  /** Date cells as a calendar day (`2022-04-01`, the default) or a full ISO instant. */
  dates?: 'day' | 'instant';
  /** The refusal for content that is not an xlsx workbook, in the caller's error shape. */
  invalidWorkbook: () => AppError;
}

/**
 * The first sheet of a csv text or a base64 xlsx workbook, as rows of trimmed strings, blank rows
 * dropped. Shared by every spreadsheet import (areas, targets, supply positions, products, staff).
 */
export async function readTable(
  format: 'csv' | 'xlsx',
  content: string,
  options: ReadTableOptions,
): Promise<string[][]> {
  const dates = options.dates ?? 'day';
  if (format === 'csv') return parseCsv(content).map((r) => r.map((v) => v.trim()));
  const zip = Buffer.from(content, 'base64');
  const verdict = await checkZipBounds(zip);
  if (verdict === 'not-a-zip') throw options.invalidWorkbook();
  if (verdict === 'too-large')
    throw new AppError('SPREADSHEET_TOO_LARGE', {
      params: {
        entries: zipLimits.entries,
        megabytes: zipLimits.uncompressedBytes / (1024 * 1024),
      },
    });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(zip as unknown as ArrayBuffer);
  } catch {
    throw options.invalidWorkbook();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let i = 1; i <= row.cellCount; i++)
      values.push(cellText(row.getCell(i).value, dates).trim());
    rows.push(values);
  });
  return rows.filter((r) => r.some((v) => v !== ''));
}

/** Maps a header row through aliases (English keys or the template's Chinese titles). */
export function headerIndex<K extends string>(
  header: readonly string[],
  aliases: Record<string, K>,
): Map<K, number> {
  const out = new Map<K, number>();
  header.forEach((title, i) => {
    const key = aliases[title.trim()] ?? aliases[title.trim().toLowerCase()];
    if (key !== undefined && !out.has(key)) out.set(key, i);
  });
  return out;
}
