/** Release plans by intent: list, read, create, update, preview and publish (each owns its transaction). */
import type { Kysely } from 'kysely';
import type { Plan, PlanInput, PlanUpdateInput } from '../../../contracts/supply';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import {
  cityInScope,
  fieldRefusal,
  isUniqueViolation,
  planEntity,
  requireCity,
  sdb,
  type SupplyDeps,
} from './plan.context';
import {
  draftOfInput,
  draftOfRow,
  exceptionRows,
  rowColumns,
  toPlan,
  type FrozenResult,
  type PlanDraft,
} from './plan.mapping';
import { toPreview } from './plan.preview';
import * as repo from './plan.repository';
import { planTransitions } from './plan.rules';
import { derive, freeze, loadCity } from './plan.workspace';
import * as productRepo from './supply.repository';
import type { SupplyPlansTable } from './supply.tables';
import { mondayOfIsoWeek } from './week.rules';

// ------------------------------------------------------------------ reading plans

async function planRowInScope(ctx: ServiceContext, id: string) {
  const row = await repo.findPlan(sdb(ctx.db), id);
  if (!row || !cityInScope(ctx.actor.scope, row.city_code)) throw outOfScope(planEntity);
  return row;
}

async function draftOf(db: Kysely<any>, row: SupplyPlansTable) {
  const exceptions = await repo.findPlanRetailers(sdb(db), [row.id], ['selected', 'override']);
  return draftOfRow(row, exceptions);
}

async function isSuperseded(db: Kysely<any>, row: SupplyPlansTable) {
  if (row.status !== 'published') return false;
  const line = await repo.findPlanLine(sdb(db), row);
  return line.some((p) => p.status === 'published' && p.version > row.version);
}

async function planView(db: Kysely<any>, row: SupplyPlansTable): Promise<Plan> {
  const [draft, product, superseded] = await Promise.all([
    draftOf(db, row),
    productRepo.findProductByCode(sdb(db), row.product_code),
    isSuperseded(db, row),
  ]);
  return toPlan(row, draft, product?.name ?? row.product_code, superseded);
}

export async function listPlans(
  ctx: ServiceContext,
  query: {
    cityCode?: string | undefined;
    week?: string | undefined;
    productCode?: string | undefined;
    status?: 'draft' | 'published' | undefined;
  },
) {
  const scope = ctx.actor.scope;
  let cityCodes: string[] | null = scope.kind === 'province' ? null : [scope.cityCode];
  if (query.cityCode) cityCodes = cityInScope(scope, query.cityCode) ? [query.cityCode] : [];
  const rows = await repo.findPlans(sdb(ctx.db), {
    cityCodes,
    week: query.week,
    productCode: query.productCode,
    status: query.status,
  });
  const products = new Map(
    (await productRepo.findAllProducts(sdb(ctx.db), false)).map((p) => [p.code, p.name]),
  );
  const exceptions = await repo.findPlanRetailers(
    sdb(ctx.db),
    rows.map((r) => r.id),
    ['selected', 'override'],
  );
  const byPlan = new Map<string, typeof exceptions>();
  for (const e of exceptions) {
    const list = byPlan.get(e.plan_id) ?? [];
    list.push(e);
    byPlan.set(e.plan_id, list);
  }
  const latestPublished = new Map<string, number>();
  for (const r of rows) {
    if (r.status !== 'published') continue;
    const line = `${r.city_code}|${r.week}|${r.product_code}|${r.kind}|${r.area_key}`;
    latestPublished.set(line, Math.max(latestPublished.get(line) ?? 0, r.version));
  }
  return {
    items: rows.map((r) => {
      const line = `${r.city_code}|${r.week}|${r.product_code}|${r.kind}|${r.area_key}`;
      const superseded = r.status === 'published' && (latestPublished.get(line) ?? 0) > r.version;
      return toPlan(
        r,
        draftOfRow(r, byPlan.get(r.id) ?? []),
        products.get(r.product_code) ?? r.product_code,
        superseded,
      );
    }),
  };
}

export async function getPlan(ctx: ServiceContext, id: string) {
  return planView(ctx.db, await planRowInScope(ctx, id));
}

// ------------------------------------------------------------------ writing plans

const conflict = (zh: string, en: string) =>
  new AppError('CONFLICT', { params: { reason: { zh, en } } });

/** Resolves what a new plan continues: a correction's original, or a 补投放's source plan. */
async function resolveLineage(ctx: ServiceContext, input: PlanInput): Promise<PlanDraft> {
  const draft = draftOfInput(input);
  if (input.kind === 'replenish') {
    if (!input.replenishOf || !input.areaKey)
      throw fieldRefusal(['replenishOf'], 'required', 'a 补投放 names the plan and the area');
    const source = await planRowInScope(ctx, input.replenishOf);
    if (source.status !== 'published' || source.kind !== 'regular')
      throw fieldRefusal(
        ['replenishOf'],
        'range',
        'a 补投放 releases the reserve of a published plan',
      );
    const frozen = JSON.parse(source.result_json ?? '{}') as FrozenResult;
    const reserve = frozen.reserve?.find((r) => r.areaKey === input.areaKey);
    if (!reserve)
      throw fieldRefusal(['areaKey'], 'range', 'the plan holds no reserve for this area');
    draft.cityCode = source.city_code;
    draft.productCode = source.product_code;
    draft.areaKey = input.areaKey;
    draft.replenishOf = source.id;
    if (draft.profile === null) draft.profile = frozen.profile;
    if (draft.cap === null) draft.cap = source.cap;
  }
  return draft;
}

/** Creates a draft plan (or the next version correcting a published one) and previews it. */
export async function createPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  input: PlanInput,
  language: Language,
) {
  requireCity(ctx, input.cityCode);
  const weekStart = mondayOfIsoWeek(input.week);
  if (!weekStart) throw fieldRefusal(['week'], 'range', `${input.week} is not an ISO week`);
  const draft = await resolveLineage(ctx, input);
  requireCity(ctx, draft.cityCode);
  let correctionOf: string | null = null;
  if (input.correctionOf) {
    const original = await planRowInScope(ctx, input.correctionOf);
    if (original.status !== 'published')
      throw conflict('只能更正已发布的方案', 'only a published plan can be corrected');
    if (
      original.city_code !== draft.cityCode ||
      original.week !== draft.week ||
      original.product_code !== draft.productCode ||
      original.kind !== draft.kind ||
      original.area_key !== draft.areaKey
    )
      throw fieldRefusal(
        ['correctionOf'],
        'range',
        'a correction keeps the city, week and brand-spec',
      );
    correctionOf = original.id;
  }
  const { derived, ws } = await derive(ctx.db, deps, draft);
  const now = deps.now().toISOString();
  const id = newId('spl');
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const line = await repo.findPlanLine(sdb(trx), {
        city_code: draft.cityCode,
        week: draft.week,
        product_code: draft.productCode,
        kind: draft.kind,
        area_key: draft.areaKey,
      });
      if (line.some((p) => p.status === 'draft'))
        throw conflict(
          '该品规本周已有草稿方案',
          'a draft already exists for this week and brand-spec',
        );
      if (line.length > 0 && !correctionOf)
        throw conflict(
          '该品规本周已有方案，请更正已发布的方案',
          'a plan exists for this week and brand-spec; correct the published one',
        );
      if (correctionOf && line[0]?.id !== correctionOf)
        throw conflict(
          '只能更正最新发布的版本',
          'only the latest published version can be corrected',
        );
      const row: SupplyPlansTable = {
        id,
        company_id: draft.cityCode,
        city_code: draft.cityCode,
        week: draft.week,
        week_start: weekStart,
        product_code: draft.productCode,
        kind: draft.kind,
        area_key: draft.areaKey,
        version: (line[0]?.version ?? 0) + 1,
        status: 'draft',
        ...rowColumns(draft),
        correction_of: correctionOf,
        replenish_of: draft.replenishOf,
        result_json: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
        published_at: null,
        published_by: null,
      };
      await repo.insertPlan(sdb(trx), row);
      await repo.insertPlanRetailers(sdb(trx), exceptionRows(id, draft));
      await recordAudit(trx, ctx, {
        action: 'supply.plan.create',
        entityType: 'supply_plan',
        entityId: id,
        companyId: draft.cityCode,
        after: { ...draft, version: row.version, correctionOf },
      });
    })
    .catch((error: unknown) => {
      // Two planners created the same line at the same moment: the index let only one through.
      if (isUniqueViolation(error))
        throw conflict('该品规本周方案刚被他人创建', 'someone else just created this plan');
      throw error;
    });
  const row = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, row),
    preview: await toPreview(ctx.db, deps.units, freeze(derived, ws), draft, language),
  };
}

/** Replaces a draft's figures; a published plan refuses (409) — correct it with a new version. */
export async function updatePlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  input: PlanUpdateInput,
  language: Language,
) {
  const row = await planRowInScope(ctx, id);
  if (!planTransitions.canEdit(row.status))
    throw conflict(
      '已发布的方案不可修改，请新建更正版本',
      'a published plan is immutable; create a correction',
    );
  const before = await draftOf(ctx.db, row);
  const draft = draftOfInput({
    ...input,
    cityCode: row.city_code,
    week: row.week,
    productCode: row.product_code,
    kind: row.kind,
    areaKey: row.area_key,
    replenishOf: row.replenish_of,
  });
  if (row.kind === 'replenish') {
    if (draft.profile === null) draft.profile = before.profile;
    if (draft.cap === null) draft.cap = before.cap;
  }
  const { derived, ws } = await derive(ctx.db, deps, draft);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateDraft(sdb(trx), id, {
      ...rowColumns(draft),
      updated_at: deps.now().toISOString(),
    });
    if (!updated) throw conflict('方案已发布', 'the plan was published meanwhile');
    await repo.deletePlanRetailers(sdb(trx), id, ['selected', 'override']);
    await repo.insertPlanRetailers(sdb(trx), exceptionRows(id, draft));
    await recordAudit(trx, ctx, {
      action: 'supply.plan.update',
      entityType: 'supply_plan',
      entityId: id,
      companyId: row.city_code,
      before,
      after: draft,
    });
  });
  const fresh = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, fresh),
    preview: await toPreview(ctx.db, deps.units, freeze(derived, ws), draft, language),
  };
}

/** The preview of a stored plan: live for a draft, the frozen table for a published one. */
export async function previewPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  language: Language,
  changes?: Partial<Pick<PlanDraft, 'target'>>,
) {
  const row = await planRowInScope(ctx, id);
  const draft = await draftOf(ctx.db, row);
  if (row.status === 'published' && row.result_json && changes?.target === undefined) {
    return toPreview(
      ctx.db,
      deps.units,
      JSON.parse(row.result_json) as FrozenResult,
      draft,
      language,
    );
  }
  if (changes?.target !== undefined) draft.target = changes.target;
  const city = await loadCity(ctx.db, deps, draft.cityCode, draft.week, { remembered: true });
  const { derived, ws } = await derive(ctx.db, deps, draft, city);
  return toPreview(ctx.db, deps.units, freeze(derived, ws), draft, language);
}

/** The preview of a plan that is not saved (the editor's live preview). Writes nothing. */
export async function previewUnsaved(
  ctx: ServiceContext,
  deps: SupplyDeps,
  input: PlanInput,
  language: Language,
) {
  requireCity(ctx, input.cityCode);
  if (!mondayOfIsoWeek(input.week)) throw fieldRefusal(['week'], 'range', 'not an ISO week');
  const draft = await resolveLineage(ctx, input);
  const city = await loadCity(ctx.db, deps, draft.cityCode, draft.week, { remembered: true });
  const { derived, ws } = await derive(ctx.db, deps, draft, city);
  return toPreview(ctx.db, deps.units, freeze(derived, ws), draft, language);
}

/**
 * Publishes a draft (audited): derives it once more, freezes its quota table, and stores the
 * retailers left out as blocked (with the share held for them) and the remainder extras — the
 * only per-retailer rows. Publishing twice is a conflict.
 */
export async function publishPlan(
  ctx: ServiceContext,
  deps: SupplyDeps,
  id: string,
  language: Language,
) {
  const row = await planRowInScope(ctx, id);
  if (!planTransitions.canPublish(row.status))
    throw conflict('方案已发布', 'the plan is already published');
  const draft = await draftOf(ctx.db, row);
  const { derived, ws } = await derive(ctx.db, deps, draft);
  const frozen = freeze(derived, ws);
  const now = deps.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateDraft(sdb(trx), id, {
      status: 'published',
      result_json: JSON.stringify(frozen),
      published_at: now,
      published_by: ctx.actor.userId,
      updated_at: now,
    });
    if (!updated) throw conflict('方案已发布', 'the plan is already published');
    await repo.insertPlanRetailers(sdb(trx), [
      ...derived.blockedRetailers.map((b) => ({
        plan_id: id,
        retailer_id: b.id,
        kind: 'blocked' as const,
        company_id: row.city_code,
        quota: b.share,
        area_key: b.areaKey,
      })),
      ...[...derived.extras].map(([retailerId, extra]) => ({
        plan_id: id,
        retailer_id: retailerId,
        kind: 'extra' as const,
        company_id: row.city_code,
        quota: extra,
        area_key: null,
      })),
    ]);
    await recordAudit(trx, ctx, {
      action: 'supply.plan.publish',
      entityType: 'supply_plan',
      entityId: id,
      companyId: row.city_code,
      before: { status: 'draft' },
      after: {
        status: 'published',
        version: row.version,
        target: frozen.target,
        allocated: frozen.allocated,
        reserved: frozen.reserved,
        idle: frozen.idle,
      },
    });
  });
  const fresh = (await repo.findPlan(sdb(ctx.db), id))!;
  return {
    plan: await planView(ctx.db, fresh),
    preview: await toPreview(ctx.db, deps.units, frozen, draft, language),
  };
}
