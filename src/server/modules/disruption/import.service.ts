import type { AreaBody } from '../../../contracts/disruption';
import type { Scheme } from '../../../engines/disruption';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { assertManages, countiesBeyond } from './disruption.access';
import { toScheme } from './disruption.mapper';
import type { CountyAtlas } from './disruption.places';
import { resolveArea, type ResolvedArea } from './disruption.rules';
import type { DisruptionState } from './disruption.state';
import { areaRow, broadcast, countyName, impactOfResolved, insertAreaRows } from './areas.service';
import { readTable } from '../../platform/spreadsheet';
import { loadSchemes } from './schemes.service';

/** Header names a notice sheet may use, Chinese or English, for each field. */
const headers: Record<string, string[]> = {
  area: ['区域', '县区', '乡镇街道', 'area', 'county', 'township'],
  lon: ['经度', 'lon', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  radius: ['半径', '半径米', '半径(米)', 'radius', 'radiusm'],
  scheme: ['方案', 'scheme'],
  status: ['状态', '等级', '级别', 'status', 'level'],
  from: ['开始', '开始时间', '起始', 'from', 'validfrom'],
  until: ['结束', '结束时间', '截止', 'until', 'validuntil'],
  number: ['文号', '通知文号', 'notice', 'noticeno', 'number'],
  text: ['内容', '通知内容', 'text', 'noticetext'],
  name: ['名称', 'name'],
};

export interface ImportRowReport {
  row: number;
  ok: boolean;
  area: string;
  status: string;
  retailers: number;
  errors: string[];
}

/** '2022-04-02', '2022-04-02 08:00' or an ISO instant; bare dates and times are Beijing time. */
export function parseNoticeInstant(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const bare = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    t,
  );
  if (bare) {
    const [, y, m, d, hh, mm, ss] = bare;
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}T${(hh ?? '0').padStart(2, '0')}:${mm ?? '00'}:${ss ?? '00'}+08:00`;
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  }
  const ms = Date.parse(t);
  return /^\d{4}-\d{2}-\d{2}T/.test(t) && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function statusIdOf(scheme: Scheme, text: string): string | null {
  const t = text.trim().toLowerCase();
  const hit = scheme.statuses.find(
    (s) =>
      s.id === t ||
      s.label.zh === text.trim() ||
      s.label.en.toLowerCase() === t ||
      s.label.zh.replace(/区$/, '') === text.trim().replace(/区$/, ''),
  );
  return hit?.id ?? null;
}

function countyCodeOf(atlas: CountyAtlas, text: string): { code?: string; error?: string } {
  const t = text.trim();
  if (/^\d{6}$/.test(t))
    return atlas.byCode.has(t) ? { code: t } : { error: `unknown county ${t}` };
  const exact = atlas.byName.get(t);
  if (exact?.length === 1) return { code: exact[0]!.code };
  if (exact && exact.length > 1) return { error: `ambiguous county name ${t}; give its code` };
  return {
    error: `unknown county or township ${t} (township shapes are not shipped; use coordinates and radius)`,
  };
}

/**
 * Imports government notices from a sheet: one area per row, by county (name or code) or by
 * coordinates and radius. Every row is checked first; if any is refused nothing is written and the
 * report says why; otherwise all rows are inserted in one transaction. `dryRun` only reports.
 */
export async function importAreas(
  ctx: ServiceContext,
  state: DisruptionState,
  input: { format: 'csv' | 'xlsx'; content: string; scheme: string; dryRun: boolean },
  language: Language,
) {
  const table = await readTable(input.format, input.content, {
    dates: 'instant',
    invalidWorkbook: () =>
      new AppError('VALIDATION_FAILED', {
        details: [{ path: 'body.content', code: 'NOT_XLSX', message: 'not an xlsx workbook' }],
      }),
  });
  const [head, ...body] = table;
  const columns = new Map<string, number>();
  (head ?? []).forEach((h, i) => {
    const key = h.trim().toLowerCase().replace(/\s+/g, '');
    for (const [field, names] of Object.entries(headers)) {
      if (names.includes(key) && !columns.has(field)) columns.set(field, i);
    }
  });
  const missing = ['status', 'from'].filter((f) => !columns.has(f));
  if (!columns.has('area') && !(columns.has('lon') && columns.has('lat'))) missing.push('area');
  if (missing.length > 0 || body.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        {
          path: 'body.content',
          code: body.length === 0 ? 'NO_ROWS' : 'MISSING_COLUMNS',
          message:
            body.length === 0
              ? language === 'en'
                ? 'the sheet has no data row'
                : '表格没有数据行'
              : `${language === 'en' ? 'missing columns' : '缺少列'}: ${missing.join(', ')}`,
        },
      ],
    });
  }
  if (body.length > 2000) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'body.content', code: 'TOO_MANY_ROWS', message: 'at most 2000 rows' }],
    });
  }
  const [schemeRows, view] = await Promise.all([loadSchemes(ctx.db), state.view()]);
  const schemes = schemeRows.map(toScheme);
  const cell = (row: string[], field: string) => {
    const i = columns.get(field);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const reports: ImportRowReport[] = [];
  const accepted: { resolved: ResolvedArea; number: string | null; text: string | null }[] = [];
  const beyondRows: { row: number; countyCodes: string[] }[] = [];
  const beyondCounties = new Set<string>();
  body.forEach((row, k) => {
    const errors: string[] = [];
    const schemeId = cell(row, 'scheme') || input.scheme;
    const scheme = schemes.find((s) => s.id === schemeId || s.label.zh === schemeId);
    const statusText = cell(row, 'status');
    const statusId = scheme ? statusIdOf(scheme, statusText) : null;
    if (!scheme) errors.push(`unknown scheme ${schemeId}`);
    else if (!statusId) errors.push(`unknown status ${statusText || '(empty)'}`);
    const fromText = cell(row, 'from');
    const untilText = cell(row, 'until');
    const from = parseNoticeInstant(fromText);
    const until = untilText ? parseNoticeInstant(untilText) : null;
    if (!from) errors.push(`bad from date ${fromText || '(empty)'}`);
    if (untilText && !until) errors.push(`bad until date ${untilText}`);
    const areaText = cell(row, 'area');
    const lonText = cell(row, 'lon');
    const latText = cell(row, 'lat');
    const body: Partial<AreaBody> = {};
    if (lonText || latText) {
      const lon = Number(lonText);
      const lat = Number(latText);
      const radius = Number(cell(row, 'radius') || 'NaN');
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) errors.push('bad coordinates');
      else if (!Number.isFinite(radius)) errors.push('coordinates need a radius in metres');
      else body.circle = { center: [lon, lat], radiusM: radius };
    } else if (areaText) {
      const codes: string[] = [];
      for (const part of areaText.split(/[、,，;；]/).filter((p) => p.trim() !== '')) {
        const found = countyCodeOf(view.atlas, part);
        if (found.code) codes.push(found.code);
        else errors.push(found.error!);
      }
      if (codes.length > 0) body.countyCodes = codes;
    } else errors.push('no area: give a county/township or coordinates and radius');
    let retailers = 0;
    if (errors.length === 0 && scheme && statusId && from) {
      const resolved = resolveArea(
        {
          scheme: scheme.id,
          status: statusId,
          validFrom: from,
          validUntil: until,
          ...(cell(row, 'name') ? { name: cell(row, 'name') } : {}),
          ...body,
        },
        schemes,
        view.atlas,
        view.places,
      );
      if (!resolved.ok) {
        for (const p of resolved.problems) {
          errors.push(
            `${p.path.replace(/^body\./, '')}: ${language === 'en' ? p.message.en : p.message.zh}`,
          );
        }
      } else {
        const beyond = countiesBeyond(ctx.actor.scope, resolved.area.countyCodes);
        if (beyond.length > 0 || ctx.actor.scope.kind === 'retailer') {
          errors.push('outside your data scope');
          beyondRows.push({ row: k + 2, countyCodes: beyond });
          for (const code of beyond) beyondCounties.add(code);
        } else {
          retailers = impactOfResolved(resolved.area, view.places).retailers.total;
          accepted.push({
            resolved: resolved.area,
            number: cell(row, 'number') || null,
            text: cell(row, 'text') || null,
          });
        }
      }
    }
    reports.push({
      row: k + 2,
      ok: errors.length === 0,
      area: areaText || `${lonText},${latText}`,
      status: statusText,
      retailers,
      errors,
    });
  });
  if (beyondRows.length > 0) {
    // A sheet reaching beyond the caller's scope is refused as a whole, as one area would be.
    assertManages(ctx.actor, [...beyondCounties].sort(), countyName(view.atlas));
    throw new AppError('FORBIDDEN');
  }
  const refused = reports.some((r) => !r.ok);
  if (refused || input.dryRun) {
    return { imported: 0, dryRun: input.dryRun, rows: reports, areaIds: [], refused };
  }
  const rows = accepted.map((a) =>
    areaRow(a.resolved, {
      source: 'import',
      createdBy: ctx.actor.userId,
      noticeNumber: a.number,
      noticeText: a.text,
    }),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await insertAreaRows(trx, rows);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'disruption.area.import',
        entityType: 'disruption_area',
        entityId: null,
        after: { areaIds: rows.map((r) => r.id), rows: rows.length },
      },
    );
  });
  await broadcast(
    state,
    rows.map((r) => r.id),
    'imported',
  );
  return {
    imported: rows.length,
    dryRun: false,
    rows: reports,
    areaIds: rows.map((r) => r.id),
    refused,
  };
}
