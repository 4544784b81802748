import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { ruleRefused } from '../../platform/errors';
import { requireCity, sdb, fieldRefusal, type SupplyDeps } from './plan.context';
import * as repo from './plan.repository';
import { availableSupply, logisticsCentreOf } from './plan.rules';
import { headerIndex, readTable } from './sheet';
import * as productRepo from './supply.repository';
import { mondayOfIsoWeek } from './week.rules';

function toPosition(row: Awaited<ReturnType<typeof repo.findPositions>>[number]) {
  return {
    week: row.week,
    logisticsCode: row.logistics_code,
    productCode: row.product_code,
    stock: row.stock,
    inbound: row.inbound,
    safetyStock: row.safety_stock,
    available: availableSupply({
      stock: row.stock,
      inbound: row.inbound,
      safetyStock: row.safety_stock,
    }),
  };
}

/** The week's supply position of the city's logistics centre, per brand-spec. */
export async function listPositions(ctx: ServiceContext, cityCode: string, week: string) {
  requireCity(ctx, cityCode);
  const rows = await repo.findPositions(sdb(ctx.db), week, logisticsCentreOf(cityCode));
  return { items: rows.map(toPosition) };
}

/** Enters (replaces) positions for brand-specs of one week; unknown specs refuse the whole list. */
export async function savePositions(
  ctx: ServiceContext,
  deps: SupplyDeps,
  input: {
    cityCode: string;
    week: string;
    items: { productCode: string; stock: number; inbound: number; safetyStock: number }[];
  },
) {
  requireCity(ctx, input.cityCode);
  if (!mondayOfIsoWeek(input.week)) throw fieldRefusal(['week'], 'range', 'not an ISO week');
  const known = new Set((await productRepo.findAllProducts(sdb(ctx.db), false)).map((p) => p.code));
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (!known.has(item.productCode))
      throw fieldRefusal(
        ['items', i, 'productCode'],
        'range',
        `unknown brand-spec ${item.productCode}`,
      );
    if (seen.has(item.productCode))
      throw fieldRefusal(['items', i, 'productCode'], 'duplicate', 'a brand-spec appears twice');
    seen.add(item.productCode);
  });
  const logistics = logisticsCentreOf(input.cityCode);
  const now = deps.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertPositions(
      sdb(trx),
      input.items.map((item) => ({
        week: input.week,
        logistics_code: logistics,
        product_code: item.productCode,
        company_id: input.cityCode,
        stock: item.stock,
        inbound: item.inbound,
        safety_stock: item.safetyStock,
        updated_at: now,
        updated_by: ctx.actor.userId,
      })),
    );
    await recordAudit(trx, ctx, {
      action: 'supply.positions.save',
      entityType: 'supply_position',
      entityId: `${input.week}/${logistics}`,
      companyId: input.cityCode,
      after: input.items,
    });
  });
  return listPositions(ctx, input.cityCode, input.week);
}

type PositionColumn = 'productCode' | 'stock' | 'inbound' | 'safetyStock';
const positionAliases: Record<string, PositionColumn> = {
  productcode: 'productCode',
  品规编码: 'productCode',
  stock: 'stock',
  库存: 'stock',
  inbound: 'inbound',
  预计到货: 'inbound',
  safetystock: 'safetyStock',
  安全库存: 'safetyStock',
};

/** Imports a week's positions from a sheet (品规编码, 库存, 预计到货, 安全库存): all rows or none. */
export async function importPositions(
  ctx: ServiceContext,
  deps: SupplyDeps,
  cityCode: string,
  week: string,
  file: { format: 'csv' | 'xlsx'; content: string; dryRun: boolean },
) {
  requireCity(ctx, cityCode);
  const [header, ...body] = await readTable(file.format, file.content);
  const index = headerIndex(header ?? [], positionAliases);
  if (index.size < 4 || body.length === 0)
    throw ruleRefused(
      {
        zh: '表头需包含 品规编码、库存、预计到货、安全库存，且至少一行数据',
        en: 'the sheet needs productCode, stock, inbound and safetyStock and at least one row',
      },
      { headers: header ?? [] },
    );
  if (body.length > 2000) throw ruleRefused({ zh: '一次最多 2000 行', en: 'at most 2,000 rows' });
  const known = new Set((await productRepo.findAllProducts(sdb(ctx.db), false)).map((p) => p.code));
  const seen = new Set<string>();
  const items: { productCode: string; stock: number; inbound: number; safetyStock: number }[] = [];
  const report = body.map((cells, i) => {
    const get = (c: PositionColumn) => (cells[index.get(c)!] ?? '').trim();
    const errors: string[] = [];
    const productCode = get('productCode');
    if (!known.has(productCode)) errors.push('productCode: unknown brand-spec');
    else if (seen.has(productCode)) errors.push('productCode: appears twice');
    seen.add(productCode);
    const count = (c: PositionColumn) => {
      const text = get(c);
      if (!/^\d{1,9}$/.test(text)) {
        errors.push(`${c}: a whole, non-negative number of 条`);
        return 0;
      }
      return Number(text);
    };
    const item = {
      productCode,
      stock: count('stock'),
      inbound: count('inbound'),
      safetyStock: count('safetyStock'),
    };
    if (errors.length === 0) items.push(item);
    return { row: i + 2, key: productCode, ok: errors.length === 0, errors };
  });
  if (report.some((r) => !r.ok))
    throw ruleRefused(
      { zh: '部分行有错误，未导入任何数据', en: 'some rows have errors; nothing was imported' },
      { rows: report.filter((r) => !r.ok) },
    );
  if (file.dryRun) return { imported: 0, dryRun: true, rows: report };
  await savePositions(ctx, deps, { cityCode, week, items });
  return { imported: items.length, dryRun: false, rows: report };
}
