import type { AvailabilityFigures, RiskFlag, WorkMode } from '../../../contracts/workforce';
import { riskFlags } from '../../../contracts/workforce';
import type { ServiceContext } from '../../platform/context';
import type { Language } from '../../platform/i18n';
import { addDays, shanghaiDate, shanghaiInstant } from './calendar.rules';
import * as repo from './health.repository';
import {
  emptyModeCounts,
  feverThresholdDc,
  figuresOf,
  ratio,
  zeroStreakDays,
  type ModeCounts,
} from './health.rules';
import * as registry from './registry.repository';
import {
  loadSettings,
  unitDirectory,
  unitInScope,
  wdb,
  type WorkforceDeps,
} from './workforce.context';

/** The child of `parentPath` that a row at `path` rolls up into (the parent itself for its own staff). */
function childCodeOf(parentPath: string, path: string, parentCode: string): string {
  const rest = path.slice(parentPath.length);
  const slash = rest.indexOf('/');
  return slash <= 0 ? parentCode : rest.slice(0, slash);
}

/**
 * Availability of a unit's subtree on a day (docs/architecture.md#workforce): head-count, on site, on duty, home
 * office, unable to work on site and its ratio, by mode and per child unit, risk counts and the
 * "zero suspected, zero infected" streak. A day past retention is answered from the anonymous
 * daily counts.
 */
export async function availability(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; date?: string | undefined },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  const date = query.date ?? shanghaiDate(deps.now());
  const db = wdb(ctx);
  const settings = await loadSettings(ctx);
  const [live, headcounts, riskCounts, names, oldest, lastAlarm] = await Promise.all([
    repo.countCurrentByUnitMode(db, unit.path, date),
    registry.countMembersByUnit(db, unit.path),
    repo.countRiskFlagsUnder(db, unit.path, date, {
      feverDc: feverThresholdDc,
      // riskFlagsOf: overdue when more than `testIntervalDays` days old.
      testDueBefore: addDays(date, -settings.testIntervalDays),
    }),
    unitDirectory(ctx, language),
    repo.findOldestDay(db, unit.path),
    repo.findLatestAlarmDay(db, unit.path, date),
  ]);
  let counts: { unit_code: string; work_mode: WorkMode; n: number }[] = live.map((r) => ({
    unit_code: r.unit_code,
    work_mode: r.work_mode,
    n: Number(r.n),
  }));
  if (counts.length === 0) {
    const rolled = await db
      .selectFrom('health_daily_counts')
      .select(['unit_code', 'work_mode', 'reports'])
      .where('report_date', '=', date)
      .where('unit_path', 'like', `${unit.path}%`)
      .execute();
    counts = rolled.map((r) => ({
      unit_code: r.unit_code,
      work_mode: r.work_mode,
      n: Number(r.reports),
    }));
  }

  const pathOf = new Map(headcounts.map((h) => [h.unit_code, h.unit_path]));
  const total = emptyModeCounts();
  let headcount = 0;
  const perChild = new Map<string, { headcount: number; byMode: ModeCounts }>();
  const child = (code: string) => {
    let entry = perChild.get(code);
    if (!entry) {
      entry = { headcount: 0, byMode: emptyModeCounts() };
      perChild.set(code, entry);
    }
    return entry;
  };
  for (const h of headcounts) {
    const n = Number(h.n);
    headcount += n;
    child(childCodeOf(unit.path, h.unit_path, unit.code)).headcount += n;
  }
  for (const c of counts) {
    total[c.work_mode] += c.n;
    const path = pathOf.get(c.unit_code);
    const code = path ? childCodeOf(unit.path, path, unit.code) : c.unit_code;
    child(code).byMode[c.work_mode] += c.n;
  }
  const children = [...perChild.entries()]
    .map(([code, entry]) => ({
      code,
      name: names.get(code)?.name ?? code,
      level: code === unit.code ? unit.level : (names.get(code)?.level ?? 'unit'),
      ...figuresOf(entry.headcount, entry.byMode),
    }))
    .sort((a, b) => b.unableRatio - a.unableRatio || a.code.localeCompare(b.code));

  const risk = Object.fromEntries(riskFlags.map((f) => [f, Number(riskCounts[f] ?? 0)])) as Record<
    RiskFlag,
    number
  >;

  return {
    unit: { code: unit.code, name: unit.name },
    date,
    cutoff: settings.reportCutoff,
    ...figuresOf(headcount, total),
    children,
    risk,
    zeroStreakDays: zeroStreakDays(date, oldest, lastAlarm),
  };
}

/**
 * Daily figures of a subtree over the last `days` days up to `to`, from the live reports and, for
 * days past retention, from the anonymous counts. Head-count is today's (history of head-count is
 * not kept).
 */
export async function availabilityTrend(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; date?: string | undefined; trendDays: number },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  const to = query.date ?? shanghaiDate(deps.now());
  const from = addDays(to, -(query.trendDays - 1));
  const db = wdb(ctx);
  const [live, rolled, headcounts] = await Promise.all([
    repo.countCurrentByDayMode(db, unit.path, from, to),
    repo.countRollupByDayMode(db, unit.path, from, to),
    registry.countMembersByUnit(db, unit.path),
  ]);
  const headcount = headcounts.reduce((sum, h) => sum + Number(h.n), 0);
  const byDay = new Map<string, ModeCounts>();
  const liveDays = new Set(live.map((r) => r.report_date));
  for (const r of [...live, ...rolled.filter((x) => !liveDays.has(x.report_date))]) {
    let counts = byDay.get(r.report_date);
    if (!counts) {
      counts = emptyModeCounts();
      byDay.set(r.report_date, counts);
    }
    counts[r.work_mode] += Number(r.n);
  }
  const trend = [];
  for (let i = 0; i < query.trendDays; i++) {
    const day = addDays(from, i);
    const f: AvailabilityFigures = figuresOf(headcount, byDay.get(day) ?? emptyModeCounts());
    trend.push({
      date: day,
      headcount,
      reported: f.reported,
      onSite: f.onSite,
      onDuty: f.onDuty,
      unableOnSite: f.unableOnSite,
      unableRatio: ratio(f.unableOnSite, headcount),
      byMode: f.byMode,
    });
  }
  return { unit: { code: unit.code, name: unit.name }, from, to, trend };
}

/** Who in a subtree has not reported for a day, and whether the cut-off has passed. */
export async function missingReports(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; date?: string | undefined },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  const now = deps.now();
  const date = query.date ?? shanghaiDate(now);
  const db = wdb(ctx);
  const [members, reported, settings, names] = await Promise.all([
    registry.findMembersUnder(db, unit.path),
    repo.findReportedStaffIds(db, unit.path, date),
    loadSettings(ctx),
    unitDirectory(ctx, language),
  ]);
  const items = members
    .filter((m) => !reported.has(m.staff_id))
    .sort((a, b) => a.unit_path.localeCompare(b.unit_path) || a.staff_id.localeCompare(b.staff_id))
    .map((m) => ({
      staffId: m.staff_id,
      name: m.name,
      unitCode: m.unit_code,
      unitName: names.get(m.unit_code)?.name ?? m.unit_code,
      phone: m.phone,
    }));
  const overdue = now.getTime() >= shanghaiInstant(date, settings.reportCutoff).getTime();
  return { date, cutoff: settings.reportCutoff, overdue, items };
}
