import type { Kysely } from 'kysely';
import type { AreaBody, ImpactDto, ListAreasQuery } from '../../../contracts/disruption';
import { impactOf, type Area } from '../../../engines/disruption';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import { assertManages, validationError, visibleCompanies } from './disruption.access';
import type { AreasChanged } from './disruption.events';
import { toAreaDto, toScheme } from './disruption.mapper';
import type { CountyAtlas, PlaceSnapshot } from './disruption.places';
import * as repo from './disruption.repository';
import { isoOf, resolveArea, type ResolvedArea } from './disruption.rules';
import type { DisruptionState } from './disruption.state';
import type { DisruptionAreasTable, DisruptionTables } from './disruption.tables';
import { loadSchemes } from './schemes.service';

const areaEntity = { zh: '管控区域', en: 'area' };

/**
 * Checks a body against the rules and the current places (400 with every bad field), then that
 * the caller's scope holds every county the area touches (403 naming the others).
 */
export async function resolveBody(
  ctx: ServiceContext,
  state: DisruptionState,
  body: AreaBody,
  language: Language,
) {
  const [schemes, view] = await Promise.all([loadSchemes(state.db), state.view()]);
  const resolved = resolveArea(body, schemes.map(toScheme), view.atlas, view.places);
  if (!resolved.ok) throw validationError(resolved.problems, language);
  assertManages(ctx.actor, resolved.area.countyCodes, countyName(view.atlas));
  return { area: resolved.area, view };
}

/** A county's name for refusals, its code when unknown. */
export function countyName(atlas: CountyAtlas) {
  return (code: string) => atlas.byCode.get(code)?.name ?? code;
}

function candidate(area: ResolvedArea, id = 'candidate'): Area {
  return {
    id,
    scheme: area.scheme.id,
    status: area.status.id,
    severity: area.status.severity,
    effects: area.status.effects,
    coverage: area.coverage,
    validFrom: area.validFrom,
    validUntil: area.validUntil,
    endedAt: null,
  };
}

/** What an area would cover: retailers by grade and business type, staff homes, sites, volume. */
export function impactOfResolved(area: ResolvedArea, places: PlaceSnapshot): ImpactDto {
  const impact = impactOf(candidate(area), places.places);
  const byGrade: Record<string, number> = {};
  const byBusinessType: Record<string, number> = {};
  const perCounty = new Map<string, { retailers: number; volume: number }>();
  const warehouses: string[] = [];
  const offices: string[] = [];
  const sample: ImpactDto['retailers']['sample'] = [];
  let staffHomes = 0;
  let retailers = 0;
  let covered = 0;
  for (const i of impact.placeIndices) {
    const place = places.places[i]!;
    const info = places.info[i]!;
    if (place.type === 'retailer') {
      if (!info.active) continue;
      retailers++;
      byGrade[`D${info.grade}`] = (byGrade[`D${info.grade}`] ?? 0) + 1;
      byBusinessType[info.businessType] = (byBusinessType[info.businessType] ?? 0) + 1;
      const county = perCounty.get(place.countyCode) ?? { retailers: 0, volume: 0 };
      county.retailers++;
      county.volume += info.weeklyVolume;
      perCounty.set(place.countyCode, county);
      covered += info.weeklyVolume;
      if (sample.length < 50)
        sample.push({ id: place.id, countyCode: place.countyCode, grade: info.grade });
    } else if (place.type === 'staff_home') staffHomes++;
    else if (place.type === 'warehouse') warehouses.push(place.id);
    else offices.push(place.id);
  }
  const countyCodes = [...new Set([...area.countyCodes, ...perCounty.keys()])].sort();
  let total = 0;
  const counties = countyCodes.map((code) => {
    const c = perCounty.get(code) ?? { retailers: 0, volume: 0 };
    const all = places.weeklyVolumeByCounty.get(code) ?? 0;
    total += all;
    return {
      countyCode: code,
      retailers: c.retailers,
      weeklyVolumeCovered: c.volume,
      weeklyVolumeTotal: all,
      share: all > 0 ? c.volume / all : 0,
    };
  });
  return {
    countyCodes,
    retailers: { total: retailers, byGrade, byBusinessType, sample },
    staffHomes,
    warehouses,
    offices,
    weeklyVolume: { covered, total },
    counties,
  };
}

/** The impact of an area before it is saved (nothing is written). */
export async function previewImpact(
  ctx: ServiceContext,
  state: DisruptionState,
  body: AreaBody,
  language: Language,
) {
  const { area, view } = await resolveBody(ctx, state, body, language);
  return impactOfResolved(area, view.places);
}

/** The row an area is stored as. */
export function areaRow(
  area: ResolvedArea,
  meta: {
    id?: string;
    source: 'map' | 'import' | 'demo';
    createdBy: string | null;
    noticeNumber?: string | null | undefined;
    noticeText?: string | null | undefined;
    endedAt?: string | null;
    endReason?: string | null;
    now?: string;
  },
): DisruptionAreasTable {
  return {
    id: meta.id ?? newId('area'),
    company_id: area.companyId,
    name: area.name,
    scheme: area.scheme.id,
    status: area.status.id,
    severity: area.status.severity,
    status_label_zh: area.status.label.zh,
    status_label_en: area.status.label.en,
    effects_json: JSON.stringify(area.status.effects),
    coverage_kind: area.coverage.kind,
    coverage_json: JSON.stringify(area.coverage),
    county_codes: `,${area.countyCodes.join(',')},`,
    valid_from: area.validFrom,
    valid_until: area.validUntil,
    ended_at: meta.endedAt ?? null,
    ended_by: null,
    end_reason: meta.endReason ?? null,
    notice_number: meta.noticeNumber ?? null,
    notice_text: meta.noticeText ?? null,
    source: meta.source,
    created_by: meta.createdBy,
    created_at: meta.now ?? new Date().toISOString(),
  };
}

/** Stores areas (demo seeding, import); the caller owns the transaction and the audit. */
export async function insertAreaRows(db: Kysely<any>, rows: DisruptionAreasTable[]) {
  await repo.insertAreas(tablesOf<DisruptionTables>(db), rows);
}

/** After a commit: rebuild the view and tell listeners (flows) which places moved. */
export async function broadcast(
  state: DisruptionState,
  areaIds: string[],
  reason: AreasChanged['reason'],
): Promise<AreasChanged> {
  const event = await state.rebuildAfterChange(areaIds, reason);
  await state.events.emit(event);
  return event;
}

/**
 * Publishes an area from a government notice (drawn on the map or picked by county); severity and
 * effects are copied from the scheme as it stands. Audited; listeners are told after the commit.
 */
export async function createArea(
  ctx: ServiceContext,
  state: DisruptionState,
  body: AreaBody,
  language: Language,
) {
  const { area, view } = await resolveBody(ctx, state, body, language);
  const row = areaRow(area, {
    source: 'map',
    createdBy: ctx.actor.userId,
    noticeNumber: body.notice?.number?.trim() || null,
    noticeText: body.notice?.text?.trim() || null,
  });
  const impact = impactOfResolved(area, view.places);
  await ctx.db.transaction().execute(async (trx) => {
    await insertAreaRows(trx, [row]);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'disruption.area.create',
        entityType: 'disruption_area',
        entityId: row.id,
        companyId: row.company_id,
        after: {
          ...row,
          impact: { retailers: impact.retailers.total, staffHomes: impact.staffHomes },
        },
      },
    );
  });
  const event = await broadcast(state, [row.id], 'created');
  return {
    area: toAreaDto(row, language, state.clock().getTime()),
    impact,
    changedPlaces: event.changes.length,
  };
}

/**
 * Ends (lifts) an area: it is never deleted, so history stays replayable. Ending at an instant
 * before its start, or an area already ended, is refused.
 */
export async function endArea(
  ctx: ServiceContext,
  state: DisruptionState,
  id: string,
  input: { reason?: string | undefined; at?: string | undefined },
  language: Language,
) {
  const at = input.at ? isoOf(input.at) : state.clock().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const t = tablesOf<DisruptionTables>(trx);
    const before = await repo.findArea(t, id);
    const companies = visibleCompanies(ctx.actor.scope);
    if (!before || (companies && !companies.includes(before.company_id))) {
      throw outOfScope(areaEntity);
    }
    assertManages(ctx.actor, before.county_codes.split(',').filter(Boolean));
    if (before.ended_at) {
      throw ruleRefused({ zh: '该区域已解除', en: 'the area has already ended' });
    }
    if (at < before.valid_from) {
      throw validationError(
        [
          {
            path: 'body.at',
            code: 'END_BEFORE_START',
            message: { zh: '解除时间不能早于开始时间', en: 'cannot end before the area starts' },
          },
        ],
        language,
      );
    }
    const values = { ended_at: at, ended_by: ctx.actor.userId, end_reason: input.reason ?? null };
    if (!(await repo.endArea(t, id, values))) {
      throw ruleRefused({ zh: '该区域已解除', en: 'the area has already ended' });
    }
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'disruption.area.end',
        entityType: 'disruption_area',
        entityId: id,
        companyId: before.company_id,
        before: { endedAt: null },
        after: { endedAt: at, reason: values.end_reason },
      },
    );
    return { ...before, ...values };
  });
  const event = await broadcast(state, [id], 'ended');
  return {
    area: toAreaDto(row, language, state.clock().getTime()),
    changedPlaces: event.changes.length,
  };
}

export async function listAreas(
  ctx: ServiceContext,
  state: DisruptionState,
  query: ListAreasQuery,
  language: Language,
) {
  const { rows, total } = await repo.findAreas(tablesOf<DisruptionTables>(ctx.db), {
    scheme: query.scheme,
    status: query.status,
    activeAt: query.activeAt ? isoOf(query.activeAt) : undefined,
    county: query.county,
    companies: visibleCompanies(ctx.actor.scope),
    includeEnded: query.includeEnded !== 'false',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const now = state.clock().getTime();
  return {
    items: rows.map((r) => toAreaDto(r, language, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getArea(
  ctx: ServiceContext,
  state: DisruptionState,
  id: string,
  language: Language,
) {
  const row = await repo.findArea(tablesOf<DisruptionTables>(ctx.db), id);
  const companies = visibleCompanies(ctx.actor.scope);
  if (!row || (companies && !companies.includes(row.company_id))) throw outOfScope(areaEntity);
  return { area: toAreaDto(row, language, state.clock().getTime()) };
}
