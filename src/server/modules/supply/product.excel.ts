import ExcelJS from 'exceljs';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { ruleRefused } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { sdb } from './plan.context';
import { headerIndex, readTable } from './sheet';
import * as repo from './supply.repository';
import { priceClassOf } from './supply.rules';
import { provinceCode } from '../../../engines/geo';

type Column =
  | 'code'
  | 'name'
  | 'brand'
  | 'manufacturer'
  | 'allocationPriceFen'
  | 'wholesalePriceFen'
  | 'retailPriceFen'
  | 'cartonsPerCase';

const titles: Record<Column, { zh: string; en: string }> = {
  code: { zh: '品规编码', en: 'code' },
  name: { zh: '品规名称', en: 'name' },
  brand: { zh: '品牌', en: 'brand' },
  manufacturer: { zh: '生产厂家', en: 'manufacturer' },
  allocationPriceFen: { zh: '调拨价(分)', en: 'allocationPriceFen' },
  wholesalePriceFen: { zh: '批发价(分)', en: 'wholesalePriceFen' },
  retailPriceFen: { zh: '零售指导价(分)', en: 'retailPriceFen' },
  cartonsPerCase: { zh: '每件条数', en: 'cartonsPerCase' },
};
const columns = Object.keys(titles) as Column[];
const aliases: Record<string, Column> = Object.fromEntries(
  columns.flatMap((c) => [
    [titles[c].zh, c],
    [titles[c].en, c],
    [titles[c].en.toLowerCase(), c],
  ]),
);

/** The catalogue as a workbook whose header row is also the import template. */
export async function productWorkbook(ctx: ServiceContext, language: Language) {
  const rows = await repo.findAllProducts(sdb(ctx.db), true);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'en' ? 'Brand-specs' : '品规目录');
  sheet.addRow([
    ...columns.map((c) => titles[c][language === 'en' ? 'en' : 'zh']),
    language === 'en' ? 'priceClass' : '价类',
  ]);
  for (const p of rows) {
    sheet.addRow([
      p.code,
      p.name,
      p.brand,
      p.manufacturer,
      p.allocation_price_fen,
      p.wholesale_price_fen,
      p.retail_price_fen,
      p.cartons_per_case,
      p.price_class,
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Adds or updates brand-specs from a sheet, all or nothing. The price class is derived from the
 * allocation price (docs/architecture.md#units-and-prices), never read from the sheet; prices are whole fen.
 */
export async function importProducts(
  ctx: ServiceContext,
  file: { format: 'csv' | 'xlsx'; content: string; dryRun: boolean },
) {
  const [header, ...body] = await readTable(file.format, file.content);
  const index = headerIndex(header ?? [], aliases);
  const missing = columns.filter((c) => c !== 'cartonsPerCase' && !index.has(c));
  if (missing.length > 0 || body.length === 0)
    throw ruleRefused(
      { zh: '表头不完整或没有数据行', en: 'missing columns or no rows' },
      { missing },
    );
  if (body.length > 2000) throw ruleRefused({ zh: '一次最多 2000 行', en: 'at most 2,000 rows' });
  const seen = new Set<string>();
  const now = new Date().toISOString();
  const prepared = body.map((cells, i) => {
    const get = (c: Column) => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const errors: string[] = [];
    const code = get('code');
    if (!/^[A-Za-z0-9-]{1,40}$/.test(code)) errors.push('code: 1–40 letters, digits or dashes');
    else if (seen.has(code)) errors.push('code: appears twice');
    seen.add(code);
    for (const c of ['name', 'brand', 'manufacturer'] as const)
      if (!get(c) || get(c).length > 100) errors.push(`${c}: required, at most 100 characters`);
    const fen = (c: Column, fallback?: number) => {
      const text = get(c);
      if (text === '' && fallback !== undefined) return fallback;
      if (!/^\d{1,9}$/.test(text)) {
        errors.push(`${c}: a whole, non-negative number of fen`);
        return 0;
      }
      return Number(text);
    };
    const allocation = fen('allocationPriceFen');
    const wholesale = fen('wholesalePriceFen');
    const retail = fen('retailPriceFen');
    const perCase = fen('cartonsPerCase', 50);
    if (errors.length === 0 && !(allocation <= wholesale && wholesale <= retail))
      errors.push('prices: allocation ≤ wholesale ≤ guide retail price');
    return {
      report: { row: i + 2, key: code, ok: errors.length === 0, errors },
      row: {
        code,
        company_id: provinceCode,
        name: get('name'),
        brand: get('brand'),
        manufacturer: get('manufacturer'),
        price_class: priceClassOf(allocation),
        allocation_price_fen: allocation,
        wholesale_price_fen: wholesale,
        retail_price_fen: retail,
        cartons_per_case: perCase,
        barcode: null,
        active: 1,
        created_at: now,
      },
    };
  });
  const report = prepared.map((p) => p.report);
  if (report.some((r) => !r.ok))
    throw ruleRefused(
      { zh: '部分行有错误，未导入任何数据', en: 'some rows have errors; nothing was imported' },
      { rows: report.filter((r) => !r.ok) },
    );
  if (file.dryRun) return { imported: 0, dryRun: true, rows: report };
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of prepared) await repo.upsertProduct(sdb(trx), p.row);
    await recordAudit(trx, ctx, {
      action: 'product.import',
      entityType: 'product',
      entityId: null,
      after: prepared.map((p) => p.row.code),
    });
  });
  return { imported: prepared.length, dryRun: false, rows: report };
}
