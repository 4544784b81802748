import ExcelJS from 'exceljs';
import { releaseMethods, type ReleaseMethod } from '../../../contracts/supply';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError, errorMessage, ruleRefused } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { fieldRefusal, requireCity, sdb, type SupplyDeps } from './plan.context';
import * as repo from './plan.repository';
import { GRADES } from './plan.rules';
import { draftOfRow, type FrozenResult, type PlanDraft } from './plan.mapping';
import { derive, loadCity } from './plan.workspace';
import { headerIndex, readTable } from './sheet';
import * as productRepo from './supply.repository';
import type { SupplyPlansTable } from './supply.tables';
import { mondayOfIsoWeek } from './week.rules';

type Column = 'productCode' | 'target' | 'method' | 'cap' | 'minGrade';
const aliases: Record<string, Column> = {
  productcode: 'productCode',
  product_code: 'productCode',
  品规编码: 'productCode',
  target: 'target',
  投放量: 'target',
  method: 'method',
  投放方式: 'method',
  cap: 'cap',
  单户上限: 'cap',
  mingrade: 'minGrade',
  min_grade: 'minGrade',
  最低档位: 'minGrade',
};

function explain(error: unknown): string[] {
  if (error instanceof AppError) {
    const details = error.details as
      { errors?: { path: unknown[]; message: string }[] } | undefined;
    if (details?.errors?.length)
      return details.errors.map((e) => `${e.path.join('.')}: ${e.message}`);
    return [errorMessage(error.code, 'en', error.params)];
  }
  throw error;
}

function wholeNumber(text: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * Imports a week's targets for a city as draft plans, one row per brand-spec (method A, C or E;
 * cap and minimum grade optional): every row is derived and checked like an API plan, and one
 * bad row refuses the whole sheet with the row-by-row report — nothing half-imported. A row for a
 * spec with a draft replaces its figures; a published spec must be corrected, not re-imported.
 */
export async function importTargets(
  ctx: ServiceContext,
  deps: SupplyDeps,
  cityCode: string,
  week: string,
  file: { format: 'csv' | 'xlsx'; content: string; dryRun: boolean },
) {
  requireCity(ctx, cityCode);
  const weekStart = mondayOfIsoWeek(week);
  if (!weekStart) throw fieldRefusal(['week'], 'range', 'not an ISO week');
  const table = await readTable(file.format, file.content);
  const [header, ...body] = table;
  const columns = headerIndex(header ?? [], aliases);
  if (!columns.has('productCode') || !columns.has('target') || body.length === 0)
    throw ruleRefused(
      {
        zh: '表头需包含 品规编码 和 投放量，且至少一行数据',
        en: 'the sheet needs productCode and target columns and at least one row',
      },
      { headers: header ?? [] },
    );
  if (body.length > 500)
    throw ruleRefused({ zh: '一次最多导入 500 行', en: 'at most 500 rows at a time' });

  const existing = await repo.findPlans(sdb(ctx.db), {
    cityCodes: [cityCode],
    week,
    kind: 'regular',
  });
  const city = await loadCity(ctx.db, deps, cityCode, week);
  const seen = new Set<string>();
  const prepared: { draft: PlanDraft; draftRow: SupplyPlansTable | null; version: number }[] = [];
  const report: { row: number; key: string; ok: boolean; errors: string[] }[] = [];
  for (let i = 0; i < body.length; i++) {
    const cells = body[i]!;
    const get = (c: Column) => {
      const at = columns.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const errors: string[] = [];
    const productCode = get('productCode');
    const target = wholeNumber(get('target'));
    const methodText = (get('method') || 'A').toUpperCase();
    const capText = get('cap');
    const minGradeText = get('minGrade');
    if (!productCode) errors.push('productCode: required');
    else if (seen.has(productCode)) errors.push('productCode: appears twice');
    seen.add(productCode);
    if (target === null) errors.push('target: a whole number of 条 is required');
    if (
      !(releaseMethods as readonly string[]).includes(methodText) ||
      ['B', 'D'].includes(methodText)
    )
      errors.push('method: A, C or E (B and D need the editor)');
    const cap = capText === '' ? null : wholeNumber(capText);
    if (capText !== '' && cap === null) errors.push('cap: a whole number');
    const minGrade = minGradeText === '' ? 1 : wholeNumber(minGradeText);
    if (minGrade === null || !Number.isInteger(minGrade) || minGrade < 1 || minGrade > GRADES)
      errors.push(`minGrade: between 1 and ${GRADES}`);
    const line = existing.filter((p) => p.product_code === productCode);
    if (line.some((p) => p.status === 'published'))
      errors.push('productCode: already published this week; correct the plan instead');
    if (errors.length === 0) {
      const method = methodText as ReleaseMethod;
      const draft: PlanDraft = {
        cityCode,
        week,
        productCode,
        kind: 'regular',
        areaKey: '',
        replenishOf: null,
        method,
        target: target!,
        cap,
        profile:
          method === 'A' || minGradeText !== ''
            ? { preset: 'linear', minGrade: minGrade!, start: 1, step: 1 }
            : null,
        dimensions: [],
        cellMultipliers: {},
        classMultipliers: {},
        blockedPolicy: 'reserve',
        remainder: 'none',
        biweeklyWeight: 1,
        retailerIds: [],
        overrides: [],
        allowOverSupply: false,
        note: null,
      };
      try {
        await derive(ctx.db, deps, draft, city);
        const draftRow = line.find((p) => p.status === 'draft') ?? null;
        prepared.push({ draft, draftRow, version: (line[0]?.version ?? 0) + 1 });
      } catch (error) {
        errors.push(...explain(error));
      }
    }
    report.push({ row: i + 2, key: productCode, ok: errors.length === 0, errors });
  }
  if (report.some((r) => !r.ok))
    throw ruleRefused(
      { zh: '部分行有错误，未导入任何数据', en: 'some rows have errors; nothing was imported' },
      { rows: report.filter((r) => !r.ok) },
    );
  if (file.dryRun) return { imported: 0, dryRun: true, rows: report };

  const now = deps.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const { draft, draftRow, version } of prepared) {
      const columns = {
        method: draft.method,
        target: draft.target,
        cap: draft.cap,
        profile_json: draft.profile === null ? null : JSON.stringify(draft.profile),
        dimensions_json: '[]',
        cell_multipliers_json: '{}',
        class_multipliers_json: '{}',
        blocked_policy: draft.blockedPolicy,
        remainder: draft.remainder,
        biweekly_weight: draft.biweeklyWeight,
        allow_over_supply: 0,
        note: null,
        updated_at: now,
      };
      let id: string;
      if (draftRow) {
        id = draftRow.id;
        if (!(await repo.updateDraft(sdb(trx), id, columns)))
          throw new AppError('CONFLICT', {
            params: { reason: { zh: '方案已发布', en: 'a plan was published meanwhile' } },
          });
        await repo.deletePlanRetailers(sdb(trx), id, ['selected', 'override']);
      } else {
        id = newId('spl');
        await repo.insertPlan(sdb(trx), {
          id,
          company_id: cityCode,
          city_code: cityCode,
          week,
          week_start: weekStart,
          product_code: draft.productCode,
          kind: 'regular',
          area_key: '',
          version,
          status: 'draft',
          ...columns,
          correction_of: null,
          replenish_of: null,
          result_json: null,
          created_by: ctx.actor.userId,
          created_at: now,
          published_at: null,
          published_by: null,
        });
      }
      await recordAudit(trx, ctx, {
        action: 'supply.plan.import',
        entityType: 'supply_plan',
        entityId: id,
        companyId: cityCode,
        before: draftRow ? draftOfRow(draftRow, []) : undefined,
        after: draft,
      });
    }
  });
  return { imported: prepared.length, dryRun: false, rows: report };
}

/**
 * The week's published quota table as a workbook: sheet 1 grade × brand-spec (a range where the
 * cells of a method-B plan differ), sheet 2 every cell, grade and customer count.
 */
export async function quotaWorkbook(
  ctx: ServiceContext,
  cityCode: string,
  week: string,
  language: Language,
): Promise<Buffer> {
  requireCity(ctx, cityCode);
  const en = language === 'en';
  const [published, products] = await Promise.all([
    repo.findPublishedPlans(sdb(ctx.db), cityCode, week),
    productRepo.findAllProducts(sdb(ctx.db), false),
  ]);
  const names = new Map(products.map((p) => [p.code, p.name]));
  const current = new Map<string, SupplyPlansTable>();
  for (const p of published) {
    if (p.kind !== 'regular') continue;
    const seen = current.get(p.product_code);
    if (!seen || seen.version < p.version) current.set(p.product_code, p);
  }
  const plans = [...current.values()].sort((a, b) => (a.product_code < b.product_code ? -1 : 1));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tongxin';
  const grid = workbook.addWorksheet(en ? 'Quotas' : '档位投放量');
  grid.addRow([
    en ? 'Grade' : '档位',
    ...plans.map((p) => `${p.product_code} ${names.get(p.product_code) ?? ''}`.trim()),
  ]);
  const frozen = plans.map((p) => JSON.parse(p.result_json!) as FrozenResult);
  for (let j = GRADES - 1; j >= 0; j--) {
    grid.addRow([
      `D${j + 1}`,
      ...frozen.map((f) => {
        const values = f.cells.map((c) => c.quotas[j]!);
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        return lo === hi ? lo : `${lo}–${hi}`;
      }),
    ]);
  }
  grid.addRow([]);
  grid.addRow([en ? 'Target' : '投放总量', ...frozen.map((f) => f.target)]);
  grid.addRow([en ? 'Allocated' : '已分配', ...frozen.map((f) => f.allocated)]);
  grid.addRow([en ? 'Reserved' : '预留', ...frozen.map((f) => f.reserved)]);
  grid.getRow(1).font = { bold: true };
  grid.columns.forEach((col, i) => {
    col.width = i === 0 ? 12 : 18;
  });

  const detail = workbook.addWorksheet(en ? 'Cells' : '明细');
  detail.addRow(
    en
      ? ['Brand-spec', 'Name', 'Version', 'Method', 'Cell', 'Grade', 'Customers', 'Quota']
      : ['品规编码', '品规名称', '版本', '投放方式', '单元', '档位', '户数', '投放量'],
  );
  plans.forEach((p, k) => {
    for (const cell of frozen[k]!.cells) {
      for (let j = GRADES - 1; j >= 0; j--) {
        if (cell.counts[j] === 0 && cell.blockedCounts[j] === 0) continue;
        detail.addRow([
          p.product_code,
          names.get(p.product_code) ?? '',
          p.version,
          p.method,
          cell.key,
          `D${j + 1}`,
          cell.counts[j],
          cell.quotas[j],
        ]);
      }
    }
  });
  detail.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
