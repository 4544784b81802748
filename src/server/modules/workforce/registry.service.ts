import type { RegistryMember } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import { scopePathPrefix } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, ruleRefused } from '../../platform/errors';
import { insertStaffInBulk, type UnitDirectory } from '../org';
import { readTable as readAnyTable } from '../../platform/spreadsheet';
import { checkRows } from './registry.import';
import * as repo from './registry.repository';
import {
  parseJsonArray,
  unitByCode,
  unitInScope,
  wdb,
  type WorkforceDeps,
} from './workforce.context';

function toMember(row: repo.MemberRow): RegistryMember {
  return {
    staffId: row.staff_id,
    name: row.name,
    unitCode: row.unit_code,
    position: row.position,
    phone: row.phone,
    homeAddress: row.home_address,
    homeLon: row.home_lon,
    homeLat: row.home_lat,
    homeCountyCode: row.home_county_code,
    skills: parseJsonArray(row.skills),
  };
}

export async function listMembers(
  ctx: ServiceContext,
  units: UnitDirectory,
  query: {
    unit: string;
    skill?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const unit = await unitInScope(ctx, units, query.unit);
  const filter = { pathPrefix: unit.path, skill: query.skill, q: query.q };
  const db = wdb(ctx);
  const [rows, total] = await Promise.all([
    repo.findMemberPage(db, filter, query.page, query.pageSize),
    repo.countMembers(db, filter),
  ]);
  return { items: rows.map(toMember), total, page: query.page, pageSize: query.pageSize };
}

function readTable(format: 'csv' | 'xlsx', content: string): Promise<string[][]> {
  return readAnyTable(format, content, {
    invalidWorkbook: () =>
      new AppError('VALIDATION_FAILED', {
        details: [{ path: 'body.content', message: 'not an xlsx workbook' }],
      }),
  });
}

/**
 * Imports staff from a spreadsheet into the org staff list and the workforce registry, all or
 * nothing: every row is checked (unit in the caller's scope, known skills, a home in Shanxi, no
 * duplicate id) and one bad row refuses the whole sheet with the row-by-row report.
 */
export async function importMembers(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  input: { format: 'csv' | 'xlsx'; content: string; dryRun: boolean },
) {
  const table = await readTable(input.format, input.content);
  const { rows, headerErrors } = checkRows(table);
  if (headerErrors.length > 0 || rows.length === 0) {
    throw ruleRefused(
      { zh: '表头不正确或没有数据行', en: 'the sheet has wrong headers or no rows' },
      { headerErrors },
    );
  }
  if (rows.length > 5000) {
    throw ruleRefused({ zh: '一次最多导入 5000 行', en: 'at most 5,000 rows at a time' });
  }
  const db = wdb(ctx);
  const prefix = scopePathPrefix(ctx.actor.scope);
  const units = new Map<string, Awaited<ReturnType<typeof unitByCode>>>();
  for (const code of new Set(rows.map((r) => r.unitCode)))
    units.set(code, await unitByCode(deps.units, code));
  const existing = new Set(
    (
      await repo.findMembersByIds(
        db,
        rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
      )
    ).map((m) => m.staff_id),
  );
  for (const r of rows) {
    const unit = units.get(r.unitCode);
    if (!unit || !unit.path.startsWith(prefix))
      r.errors.push('unit_code: unknown or outside your scope');
    if (r.staffId && existing.has(r.staffId)) r.errors.push('staff_id: already registered');
  }
  const report = rows.map((r) => ({
    row: r.row,
    staffId: r.staffId,
    ok: r.errors.length === 0,
    errors: r.errors,
  }));
  if (rows.some((r) => r.errors.length > 0)) {
    throw ruleRefused(
      { zh: '部分行有错误，未导入任何数据', en: 'some rows have errors; nothing was imported' },
      { rows: report.filter((r) => !r.ok) },
    );
  }
  if (input.dryRun) return { imported: 0, dryRun: true, rows: report };
  const now = deps.now().toISOString();
  let seq = 0;
  const prepared = rows.map((r) => {
    const unit = units.get(r.unitCode)!;
    const staffId =
      r.staffId ?? `stf_${unit.code}_imp${Date.now().toString(36)}${(seq++).toString(36)}`;
    return { r, unit, staffId };
  });
  await ctx.db.transaction().execute(async (trx) => {
    await insertStaffInBulk(
      trx,
      prepared.map(({ r, unit, staffId }) => ({
        id: staffId,
        company_id: unit.companyId,
        unit_code: unit.code,
        name: r.name,
        position: r.position,
        phone: r.phone,
        home_address: r.homeAddress,
        home_lon: r.homeLon,
        home_lat: r.homeLat,
        skills: JSON.stringify(r.skills),
        active: 1,
        created_at: now,
      })),
    );
    await repo.insertMembers(
      wdb({ db: trx }),
      prepared.map(({ r, unit, staffId }) => ({
        staff_id: staffId,
        company_id: unit.companyId,
        unit_code: unit.code,
        unit_path: unit.path,
        name: r.name,
        position: r.position,
        phone: r.phone,
        home_address: r.homeAddress,
        home_lon: r.homeLon,
        home_lat: r.homeLat,
        home_county_code:
          r.homeLon !== null && r.homeLat !== null
            ? deps.state.homeCountyOf(r.homeLon, r.homeLat)
            : (unit.countyCode ?? null),
        skills: JSON.stringify(r.skills),
        active: 1,
        updated_at: now,
      })),
    );
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'workforce.import',
        entityType: 'workforce_member',
        entityId: null,
        after: { rows: prepared.length, staffIds: prepared.map((p) => p.staffId) },
      },
    );
  });
  deps.state.forgetMembers();
  return {
    imported: prepared.length,
    dryRun: false,
    rows: report.map((r, i) => ({ ...r, staffId: prepared[i]!.staffId })),
  };
}
