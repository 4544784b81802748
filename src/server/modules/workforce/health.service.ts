import type { HealthReport, HealthReportInput, Symptom } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import { hasPermission } from '../../platform/auth/roles';
import { scopePathPrefix } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import { addDays, shanghaiDate } from './calendar.rules';
import * as repo from './health.repository';
import {
  isInfected,
  isSuspected,
  modeContradictsCommute,
  proposedModeFor,
  reportDateProblem,
  riskFlagsOf,
  toTenths,
  type HealthFacts,
} from './health.rules';
import * as registry from './registry.repository';
import type { MemberRow } from './registry.repository';
import {
  commuteOf,
  loadSettings,
  parseJsonArray,
  unitInScope,
  wdb,
  type WorkforceDeps,
} from './workforce.context';

const staffEntity = { zh: '员工', en: 'staff member' };

export function factsOf(
  row: Pick<
    repo.ReportRow,
    'health_code' | 'temperature_dc' | 'test_kind' | 'test_date' | 'test_result' | 'symptoms'
  >,
): HealthFacts {
  return {
    healthCode: row.health_code,
    temperatureDc: row.temperature_dc,
    testKind: row.test_kind,
    testDate: row.test_date,
    testResult: row.test_result,
    symptoms: parseJsonArray(row.symptoms) as Symptom[],
  };
}

export function toReport(
  row: repo.ReportRow,
  name: string,
  testIntervalDays: number,
): HealthReport {
  const facts = factsOf(row);
  return {
    id: row.id,
    staffId: row.staff_id,
    staffName: name,
    unitCode: row.unit_code,
    date: row.report_date,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    onBehalf: row.on_behalf === 1,
    location: row.location,
    healthCode: row.health_code,
    temperature: row.temperature_dc / 10,
    testKind: row.test_kind,
    testDate: row.test_date,
    testResult: row.test_result,
    symptoms: [...facts.symptoms],
    workMode: row.work_mode,
    proposedMode: row.proposed_mode,
    current: row.is_current === 1,
    flags: riskFlagsOf(facts, row.report_date, testIntervalDays),
  };
}

/** 0 none, 1 suspected, 2 infected — stored with the report for the 双零 board and the rollup. */
export function alarmOf(facts: HealthFacts): number {
  if (isInfected(facts)) return 2;
  return isSuspected(facts) ? 1 : 0;
}

/**
 * Who may read a person's health data (docs/architecture.md#security-and-data-scope): the
 * person, and the epidemic-control officers of the person's company whose org subtree holds the
 * person — a county's officer does not read another county's staff of the same company.
 */
export function mayReadHealth(
  ctx: ServiceContext,
  member: Pick<MemberRow, 'staff_id' | 'company_id' | 'unit_path'>,
) {
  if (ctx.actor.staffId !== null && ctx.actor.staffId === member.staff_id) return true;
  return (
    hasPermission(ctx.actor.role, 'health.read') &&
    ctx.actor.companyId === member.company_id &&
    member.unit_path.startsWith(scopePathPrefix(ctx.actor.scope))
  );
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    (e.code ?? '').startsWith('SQLITE_CONSTRAINT') ||
    /UNIQUE/.test(e.message ?? '')
  );
}

/**
 * Files the day's health report of the caller, or — with `health.file_for_others` — of a person of
 * the same company in the caller's scope who cannot file it. A later report of the same day
 * replaces the earlier one, which stays in the history.
 */
export async function submitReport(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  input: HealthReportInput,
): Promise<HealthReport> {
  const db = wdb(ctx);
  const staffId = input.staffId ?? ctx.actor.staffId;
  if (!staffId) {
    throw ruleRefused({
      zh: '您的账号未关联员工，无法填报健康日报',
      en: 'your account is not linked to a staff member',
    });
  }
  const onBehalf = staffId !== ctx.actor.staffId;
  if (onBehalf && !hasPermission(ctx.actor.role, 'health.file_for_others')) {
    throw new AppError('FORBIDDEN');
  }
  const member = await registry.findMember(db, staffId);
  if (
    !member ||
    (onBehalf &&
      (!member.unit_path.startsWith(scopePathPrefix(ctx.actor.scope)) ||
        member.company_id !== ctx.actor.companyId))
  ) {
    throw outOfScope(staffEntity);
  }
  const now = deps.now();
  const today = shanghaiDate(now);
  const date = input.date ?? today;
  const dateProblem = reportDateProblem(date, today);
  if (dateProblem === 'future') {
    throw ruleRefused({ zh: '不能填报未来日期的日报', en: 'a report cannot be for a future day' });
  }
  if (dateProblem === 'too_old') {
    throw ruleRefused({
      zh: '只能补报最近 7 天的日报',
      en: 'only the last 7 days can be filed late',
    });
  }
  const tested = input.testKind !== 'none';
  const testDate = tested ? (input.testDate ?? null) : null;
  const testResult = tested ? (input.testResult ?? null) : null;
  if (tested && (testDate === null || testResult === null)) {
    throw ruleRefused({
      zh: '请填写最近一次检测的日期和结果',
      en: 'give the date and result of the last test',
    });
  }
  if (testDate !== null && testDate > date) {
    throw ruleRefused({
      zh: '检测日期不能晚于日报日期',
      en: 'the test date is after the report day',
    });
  }
  const commute = (await commuteOf(deps, [member], now)).get(member.staff_id) ?? 'can';
  if (modeContradictsCommute(input.workMode, commute)) {
    throw ruleRefused(
      {
        zh: '住址所在区域禁止通勤，不能填报在岗或值守，建议选择“封控在家”',
        en: 'the home lies where commuting is forbidden: on site or on duty is impossible; sealed at home is proposed',
      },
      { proposedMode: 'sealed_at_home' },
    );
  }
  const facts: HealthFacts = {
    healthCode: input.healthCode,
    temperatureDc: toTenths(input.temperature),
    testKind: input.testKind,
    testDate,
    testResult,
    symptoms: [...new Set(input.symptoms)],
  };
  const row: repo.ReportRow = {
    id: newId('hr', now.getTime()),
    company_id: member.company_id,
    staff_id: member.staff_id,
    unit_code: member.unit_code,
    unit_path: member.unit_path,
    report_date: date,
    submitted_at: now.toISOString(),
    submitted_by: ctx.actor.userId,
    on_behalf: onBehalf ? 1 : 0,
    location: input.location,
    health_code: facts.healthCode,
    temperature_dc: facts.temperatureDc,
    test_kind: facts.testKind,
    test_date: testDate,
    test_result: testResult,
    symptoms: JSON.stringify(facts.symptoms),
    work_mode: input.workMode,
    proposed_mode: proposedModeFor(commute),
    note: input.note ?? null,
    alarm: alarmOf(facts),
    is_current: 1,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tdb = wdb({ db: trx });
      const previous = await repo.findCurrent(tdb, member.staff_id, date);
      await repo.retireCurrent(tdb, member.staff_id, date);
      await repo.insertReport(tdb, row);
      // The trail names who filed what day and mode, never the health facts themselves.
      await recordAudit(
        trx,
        { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
        {
          action: onBehalf ? 'health.report.on_behalf' : 'health.report',
          entityType: 'health_report',
          entityId: row.id,
          companyId: member.company_id,
          before: previous ? { id: previous.id, workMode: previous.work_mode } : undefined,
          after: { staffId: member.staff_id, date, workMode: row.work_mode },
        },
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', {
        params: { reason: { zh: '同一日报正在提交', en: 'the same report is being filed' } },
      });
    }
    throw error;
  }
  const settings = await loadSettings(ctx);
  return toReport(row, member.name, settings.testIntervalDays);
}

/** The caller's day: today's report, the proposed mode and the last two weeks. */
export async function myDay(ctx: ServiceContext, deps: WorkforceDeps) {
  if (!ctx.actor.staffId) {
    throw ruleRefused({
      zh: '您的账号未关联员工，无法填报健康日报',
      en: 'your account is not linked to a staff member',
    });
  }
  const db = wdb(ctx);
  const member = await registry.findMember(db, ctx.actor.staffId);
  if (!member) throw outOfScope(staffEntity);
  const now = deps.now();
  const today = shanghaiDate(now);
  const [commuteMap, history, settings] = await Promise.all([
    commuteOf(deps, [member], now),
    repo.findHistory(db, member.staff_id, addDays(today, -13)),
    loadSettings(ctx),
  ]);
  const commute = commuteMap.get(member.staff_id) ?? 'can';
  const reports = history.map((r) => toReport(r, member.name, settings.testIntervalDays));
  return {
    staffId: member.staff_id,
    name: member.name,
    date: today,
    proposedMode: proposedModeFor(commute),
    commute,
    today: reports.find((r) => r.date === today && r.current) ?? null,
    history: reports,
  };
}

async function auditRead(
  ctx: ServiceContext,
  companyId: string,
  entityId: string,
  after: unknown,
  action = 'health.read',
) {
  await recordAudit(
    ctx.db,
    { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
    { action, entityType: 'health_report', entityId, companyId, after },
  );
}

/**
 * Current health reports of a unit's day for the company's epidemic officer, optionally only
 * those with a risk flag. Only the officer's own company's people are listed; the read is audited.
 */
export async function listReports(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; date?: string | undefined; risk: 'all' | 'flagged' },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  if (unit.level !== 'province' && unit.companyId !== ctx.actor.companyId) {
    await auditRead(ctx, unit.companyId, unit.code, { unit: unit.code }, 'health.read.refused');
    throw new AppError('FORBIDDEN');
  }
  const date = query.date ?? shanghaiDate(deps.now());
  const db = wdb(ctx);
  const [rows, settings] = await Promise.all([
    repo.findCurrentUnder(db, unit.path, date),
    loadSettings(ctx),
  ]);
  const own = rows.filter((r) => r.company_id === ctx.actor.companyId);
  const members = new Map(
    (
      await registry.findMembersByIds(
        db,
        own.map((r) => r.staff_id),
      )
    ).map((m) => [m.staff_id, m.name]),
  );
  let items = own.map((r) =>
    toReport(r, members.get(r.staff_id) ?? r.staff_id, settings.testIntervalDays),
  );
  if (query.risk === 'flagged') items = items.filter((r) => r.flags.length > 0);
  items.sort((a, b) => b.flags.length - a.flags.length || a.staffId.localeCompare(b.staffId));
  const others = items.filter((r) => r.staffId !== ctx.actor.staffId);
  if (others.length > 0) {
    await auditRead(ctx, ctx.actor.companyId, unit.code, {
      date,
      risk: query.risk,
      staffIds: others.map((r) => r.staffId),
    });
  }
  return { date, items };
}

/** One person's reports of the last days, with history, for the owner or the company's officer. */
export async function staffHistory(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  staffId: string,
  days: number,
) {
  const db = wdb(ctx);
  const member = await registry.findMember(db, staffId);
  if (!member) throw outOfScope(staffEntity);
  if (!mayReadHealth(ctx, member)) {
    await auditRead(ctx, member.company_id, staffId, { staffId }, 'health.read.refused');
    throw outOfScope(staffEntity);
  }
  const today = shanghaiDate(deps.now());
  const [rows, settings] = await Promise.all([
    repo.findHistory(db, staffId, addDays(today, -(days - 1))),
    loadSettings(ctx),
  ]);
  if (staffId !== ctx.actor.staffId) {
    await auditRead(ctx, member.company_id, staffId, { staffId, days });
  }
  return { items: rows.map((r) => toReport(r, member.name, settings.testIntervalDays)) };
}
