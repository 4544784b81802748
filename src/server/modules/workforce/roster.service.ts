import type { RosterShift, ShiftInput, UnavailabilityReason } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import { hasPermission } from '../../platform/auth/roles';
import type { ServiceContext } from '../../platform/context';
import { outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import { addDays, shanghaiDate, shiftWindow } from './calendar.rules';
import * as healthRepo from './health.repository';
import { reasonsVisibleTo, riskFlagsOf, unavailabilityOf } from './health.rules';
import { factsOf } from './health.service';
import * as registry from './registry.repository';
import type { MemberRow } from './registry.repository';
import * as repo from './roster.repository';
import type { AssignmentRow, ShiftRow } from './roster.repository';
import { gapOf, neededSkills, rankReplacements } from './roster.rules';
import * as travelRepo from './travel.repository';
import {
  commuteOf,
  loadSettings,
  parseJsonArray,
  unitDirectory,
  unitInScope,
  wdb,
  type WorkforceDeps,
} from './workforce.context';

const shiftEntity = { zh: '值班班次', en: 'shift' };
const staffEntity = { zh: '员工', en: 'staff member' };
const suggestionLimit = 5;

type Directory = Awaited<ReturnType<typeof unitDirectory>>;

/**
 * Knows, for a set of people and shifts, who is unavailable for which shift and why: the day's
 * report (or today's for a future day), the home's commute effect at the shift's start, risk
 * flags and approved travel. Loads everything it needs in a few batched queries.
 */
class AvailabilityBook {
  private reports = new Map<string, ReturnType<typeof factsAndMode>>();
  private trips = new Map<string, { from: string; to: string }[]>();
  private commute = new Map<string, Map<string, 'can' | 'cannot'>>();
  private reportIds = new Set<string>();
  /** Days whose every report is loaded (after a large load), so later loads skip the query. */
  private wholeDays: { from: string; to: string } | null = null;
  private tripDays: { from: string; to: string } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: WorkforceDeps,
    private readonly today: string,
    private readonly testIntervalDays: number,
  ) {}

  async load(members: readonly MemberRow[], from: string, to: string, starts: readonly string[]) {
    const db = wdb(this.ctx);
    const reportTo = to < this.today ? to : this.today;
    const reportFrom = from < this.today ? from : this.today;
    const covered =
      this.wholeDays !== null && this.wholeDays.from <= reportFrom && reportTo <= this.wholeDays.to;
    const ids = covered
      ? []
      : members.map((m) => m.staff_id).filter((id) => !this.reportIds.has(id));
    // Hundreds of people: read the days whole (one index range) rather than id by id.
    const whole = ids.length > 2000;
    const tripsCovered =
      this.tripDays !== null && this.tripDays.from <= from && to <= this.tripDays.to;
    const [reports, trips] = await Promise.all([
      whole
        ? healthRepo.findCurrentOnDays(db, reportFrom, reportTo)
        : healthRepo.findCurrentForStaff(db, ids, reportFrom, reportTo),
      tripsCovered ? Promise.resolve([]) : travelRepo.findApprovedTripsOnDays(db, from, to),
    ]);
    if (whole) this.wholeDays = { from: reportFrom, to: reportTo };
    for (const id of ids) this.reportIds.add(id);
    for (const r of reports) {
      this.reports.set(`${r.staff_id}|${r.report_date}`, factsAndMode(r, this.testIntervalDays));
    }
    if (!tripsCovered) {
      this.tripDays = { from, to };
      this.trips.clear();
      for (const t of trips) {
        const list = this.trips.get(t.staff_id) ?? [];
        list.push({ from: t.depart_on, to: t.return_on });
        this.trips.set(t.staff_id, list);
      }
    }
    for (const start of new Set(starts)) {
      const known = this.commute.get(start) ?? new Map<string, 'can' | 'cannot'>();
      const ask = members.filter((m) => !known.has(m.staff_id));
      if (ask.length > 0) {
        const answer = await commuteOf(this.deps, ask, new Date(start));
        for (const [id, effect] of answer) known.set(id, effect);
      }
      this.commute.set(start, known);
    }
  }

  reasons(staffId: string, day: string, startsAt: string): UnavailabilityReason[] {
    const reportDay = day <= this.today ? day : this.today;
    const report = this.reports.get(`${staffId}|${reportDay}`);
    const trips = this.trips.get(staffId) ?? [];
    return unavailabilityOf({
      mode: report?.mode ?? null,
      flags: report?.flags ?? [],
      commute: this.commute.get(startsAt)?.get(staffId) ?? 'can',
      away: trips.some((t) => t.from <= day && day <= t.to),
    });
  }
}

function factsAndMode(
  r: Awaited<ReturnType<typeof healthRepo.findCurrentForStaff>>[number],
  testIntervalDays: number,
) {
  return { mode: r.work_mode, flags: riskFlagsOf(factsOf(r), r.report_date, testIntervalDays) };
}

export interface EvaluateOptions {
  gapsOnly: boolean;
  withSuggestions: boolean;
}

/**
 * Evaluates shifts: each rostered person's availability, the gap (missing head-count or skills)
 * and, for a gap, replacement suggestions from the shift's company (same skill, available, not on
 * an overlapping shift, nearest unit first).
 */
export async function evaluateShifts(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  shifts: readonly ShiftRow[],
  directory: Directory,
  options: EvaluateOptions,
): Promise<RosterShift[]> {
  if (shifts.length === 0) return [];
  const db = wdb(ctx);
  const today = shanghaiDate(deps.now());
  const settings = await loadSettings(ctx);
  const assignments = await repo.findActiveAssignments(
    db,
    shifts.map((s) => s.id),
  );
  const byShift = new Map<string, AssignmentRow[]>();
  for (const a of assignments) {
    const list = byShift.get(a.shift_id) ?? [];
    list.push(a);
    byShift.set(a.shift_id, list);
  }
  const rosteredIds = [...new Set(assignments.map((a) => a.staff_id))];
  const members = await deps.state.members(db);
  const rostered = new Map<string, MemberRow>();
  const unknown = rosteredIds.filter((id) => !members.byId.has(id));
  for (const id of rosteredIds) {
    const m = members.byId.get(id);
    if (m) rostered.set(id, m);
  }
  for (const m of await registry.findMembersByIds(db, unknown)) rostered.set(m.staff_id, m);
  const from = shifts.reduce(
    (min, s) => (s.shift_date < min ? s.shift_date : min),
    shifts[0]!.shift_date,
  );
  const to = shifts.reduce(
    (max, s) => (s.shift_date > max ? s.shift_date : max),
    shifts[0]!.shift_date,
  );
  const book = new AvailabilityBook(ctx, deps, today, settings.testIntervalDays);
  await book.load(
    [...rostered.values()],
    from,
    to,
    shifts.map((s) => s.starts_at),
  );

  const canReadHealth = hasPermission(ctx.actor.role, 'health.read');
  const evaluated: RosterShift[] = [];
  const gapShifts: { shift: ShiftRow; out: RosterShift }[] = [];
  for (const shift of shifts) {
    const requiredSkills = parseJsonArray(shift.required_skills);
    const assignees = (byShift.get(shift.id) ?? []).map((a) => {
      const member = rostered.get(a.staff_id);
      const reasons = book.reasons(a.staff_id, shift.shift_date, shift.starts_at);
      return {
        assignmentId: a.id,
        staffId: a.staff_id,
        name: member?.name ?? a.staff_id,
        phone: member?.phone ?? null,
        skills: member ? parseJsonArray(member.skills) : [],
        available: reasons.length === 0,
        reasons: reasonsVisibleTo(reasons, canReadHealth),
      };
    });
    const gap = gapOf({ minHeadcount: shift.min_headcount, requiredSkills }, assignees);
    const out: RosterShift = {
      id: shift.id,
      unitCode: shift.unit_code,
      unitName: directory.get(shift.unit_code)?.name ?? shift.unit_code,
      date: shift.shift_date,
      label: shift.label,
      startsAt: shift.starts_at,
      endsAt: shift.ends_at,
      minHeadcount: shift.min_headcount,
      requiredSkills,
      assignees,
      available: assignees.filter((a) => a.available).length,
      gap: gap ? { ...gap, suggestions: [] } : null,
    };
    if (gap) gapShifts.push({ shift, out });
    if (!options.gapsOnly || gap) evaluated.push(out);
  }

  if (options.withSuggestions && gapShifts.length > 0) {
    await suggest(ctx, deps, book, byShift, gapShifts, directory, { from, to });
  }
  return evaluated;
}

async function suggest(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  book: AvailabilityBook,
  loaded: ReadonlyMap<string, AssignmentRow[]>,
  gapShifts: { shift: ShiftRow; out: RosterShift }[],
  directory: Directory,
  span: { from: string; to: string },
) {
  const db = wdb(ctx);
  const companies = [...new Set(gapShifts.map((g) => g.shift.company_id))];
  const [directory0, companyShifts] = await Promise.all([
    deps.state.members(db),
    repo.findShiftsOfCompanies(db, companies, addDays(span.from, -1), addDays(span.to, 1)),
  ]);
  const pool = companies.flatMap((c) => directory0.byCompany.get(c) ?? []);
  const busy = [
    ...[...loaded.values()].flat(),
    ...(await repo.findActiveAssignments(
      db,
      companyShifts.filter((s) => !loaded.has(s.id)).map((s) => s.id),
    )),
  ];
  const shiftById = new Map(companyShifts.map((s) => [s.id, s]));
  const busyByStaff = new Map<string, ShiftRow[]>();
  for (const a of busy) {
    const s = shiftById.get(a.shift_id);
    if (!s) continue;
    const list = busyByStaff.get(a.staff_id) ?? [];
    list.push(s);
    busyByStaff.set(a.staff_id, list);
  }
  const poolByCompany = new Map<string, MemberRow[]>();
  for (const m of pool) {
    const list = poolByCompany.get(m.company_id) ?? [];
    list.push(m);
    poolByCompany.set(m.company_id, list);
  }
  const skillsOf = new Map(pool.map((m) => [m.staff_id, parseJsonArray(m.skills)]));
  // company → skill → people: a gap looks only at the few who hold a needed skill.
  const bySkill = new Map<string, Map<string, MemberRow[]>>();
  for (const m of pool) {
    let skills = bySkill.get(m.company_id);
    if (!skills) {
      skills = new Map();
      bySkill.set(m.company_id, skills);
    }
    for (const k of skillsOf.get(m.staff_id)!) {
      const list = skills.get(k) ?? [];
      list.push(m);
      skills.set(k, list);
    }
  }
  // Skill and overlap first (cheap, in memory), so availability — the oracle above all — is
  // asked only about people who could take one of the gaps.
  const plans = gapShifts.map(({ shift, out }) => {
    const needs = { minHeadcount: shift.min_headcount, requiredSkills: out.requiredSkills };
    const skills = neededSkills(
      out.gap!,
      needs,
      out.assignees.filter((a) => !a.available),
    );
    const onShift = new Set(out.assignees.map((a) => a.staffId));
    const holders =
      skills.length === 0
        ? (poolByCompany.get(shift.company_id) ?? [])
        : [...new Set(skills.flatMap((k) => bySkill.get(shift.company_id)?.get(k) ?? []))];
    const candidates = holders.filter(
      (m) =>
        !onShift.has(m.staff_id) &&
        !(busyByStaff.get(m.staff_id) ?? []).some(
          (s) => s.starts_at < shift.ends_at && s.ends_at > shift.starts_at,
        ),
    );
    return { shift, out, skills, candidates };
  });
  const asked = new Map<string, MemberRow>();
  for (const plan of plans) for (const m of plan.candidates) asked.set(m.staff_id, m);
  await book.load(
    [...asked.values()],
    span.from,
    span.to,
    gapShifts.map((g) => g.shift.starts_at),
  );
  for (const { shift, out, skills, candidates } of plans) {
    const unit = directory.get(shift.unit_code);
    const available = candidates
      .filter((m) => book.reasons(m.staff_id, shift.shift_date, shift.starts_at).length === 0)
      .map((m) => {
        const home = directory.get(m.unit_code);
        return {
          staffId: m.staff_id,
          unitCode: m.unit_code,
          skills: skillsOf.get(m.staff_id)!,
          unitLon: home?.lon ?? null,
          unitLat: home?.lat ?? null,
          name: m.name,
        };
      });
    const ranked = rankReplacements(
      available,
      { unitCode: shift.unit_code, lon: unit?.lon ?? null, lat: unit?.lat ?? null },
      skills,
      suggestionLimit,
    );
    out.gap!.suggestions = ranked.map(({ candidate, distanceKm }) => ({
      staffId: candidate.staffId,
      name: candidate.name,
      unitCode: candidate.unitCode,
      unitName: directory.get(candidate.unitCode)?.name ?? candidate.unitCode,
      skills: [...candidate.skills],
      distanceKm: Number.isFinite(distanceKm) ? Math.round(distanceKm * 10) / 10 : -1,
    }));
  }
}

/** Rosters of a unit's subtree for `days` days from `from` (default today), gaps highlighted. */
export async function roster(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; from?: string | undefined; days: number; gapsOnly: boolean },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  const from = query.from ?? shanghaiDate(deps.now());
  const to = addDays(from, query.days - 1);
  const [shifts, directory] = await Promise.all([
    repo.findShifts(wdb(ctx), unit.path, from, to),
    unitDirectory(ctx, language),
  ]);
  const evaluated = await evaluateShifts(ctx, deps, shifts, directory, {
    gapsOnly: query.gapsOnly,
    withSuggestions: true,
  });
  return {
    from,
    days: query.days,
    shifts: evaluated,
    gaps: evaluated.filter((s) => s.gap !== null).length,
  };
}

async function oneShift(ctx: ServiceContext, deps: WorkforceDeps, id: string, language: Language) {
  const shift = await repo.findShift(wdb(ctx), id);
  if (!shift) throw outOfScope(shiftEntity);
  await unitInScope(ctx, deps.units, shift.unit_code, language).catch(() => {
    throw outOfScope(shiftEntity);
  });
  const directory = await unitDirectory(ctx, language);
  const [evaluated] = await evaluateShifts(ctx, deps, [shift], directory, {
    gapsOnly: false,
    withSuggestions: true,
  });
  return { shift, evaluated: evaluated! };
}

async function membersOfCompany(ctx: ServiceContext, companyId: string, ids: string[]) {
  const found = await registry.findMembersByIds(wdb(ctx), ids);
  const byId = new Map(found.map((m) => [m.staff_id, m]));
  for (const id of ids) {
    const m = byId.get(id);
    if (!m || m.company_id !== companyId) throw outOfScope(staffEntity);
  }
  return byId;
}

/** Creates a duty shift of a centre or office with its first rostered people. */
export async function createShift(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  input: ShiftInput,
  language: Language,
): Promise<RosterShift> {
  const unit = await unitInScope(ctx, deps.units, input.unit, language);
  const staffIds = [...new Set(input.staffIds)];
  await membersOfCompany(ctx, unit.companyId, staffIds);
  const { startsAt, endsAt } = shiftWindow(input.date, input.start, input.end);
  const now = deps.now();
  const shift: ShiftRow = {
    id: newId('sft', now.getTime()),
    company_id: unit.companyId,
    unit_code: unit.code,
    unit_path: unit.path,
    shift_date: input.date,
    label: input.label,
    starts_at: startsAt.toISOString(),
    ends_at: endsAt.toISOString(),
    min_headcount: input.minHeadcount,
    required_skills: JSON.stringify([...new Set(input.requiredSkills)]),
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const tdb = wdb({ db: trx });
    await repo.insertShifts(tdb, [shift]);
    await repo.insertAssignments(
      tdb,
      staffIds.map((staffId) => ({
        id: newId('asg', now.getTime()),
        company_id: unit.companyId,
        shift_id: shift.id,
        staff_id: staffId,
        status: 'active' as const,
        replaced_by: null,
        assigned_by: ctx.actor.userId,
        assigned_at: now.toISOString(),
      })),
    );
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'roster.shift.create',
        entityType: 'duty_shift',
        entityId: shift.id,
        companyId: unit.companyId,
        after: { ...input, staffIds },
      },
    );
  });
  return (await oneShift(ctx, deps, shift.id, language)).evaluated;
}

/** Adds a person to a shift. */
export async function assignToShift(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  shiftId: string,
  staffId: string,
  language: Language,
): Promise<RosterShift> {
  const { shift, evaluated } = await oneShift(ctx, deps, shiftId, language);
  if (evaluated.assignees.some((a) => a.staffId === staffId)) {
    throw ruleRefused({ zh: '此人已在该班次', en: 'this person is already on the shift' });
  }
  await membersOfCompany(ctx, shift.company_id, [staffId]);
  const now = deps.now();
  await ctx.db.transaction().execute(async (trx) => {
    const id = newId('asg', now.getTime());
    await repo.insertAssignments(wdb({ db: trx }), [
      {
        id,
        company_id: shift.company_id,
        shift_id: shift.id,
        staff_id: staffId,
        status: 'active',
        replaced_by: null,
        assigned_by: ctx.actor.userId,
        assigned_at: now.toISOString(),
      },
    ]);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'roster.assign',
        entityType: 'duty_shift',
        entityId: shift.id,
        companyId: shift.company_id,
        after: { assignmentId: id, staffId },
      },
    );
  });
  return (await oneShift(ctx, deps, shiftId, language)).evaluated;
}

/**
 * The dispatcher confirms a swap: the outgoing person's assignment is marked replaced (kept in
 * the history) and the incoming one, who must be available for the shift, takes the place.
 */
export async function swapOnShift(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  shiftId: string,
  swap: { outStaffId: string; inStaffId: string },
  language: Language,
): Promise<RosterShift> {
  const { shift, evaluated } = await oneShift(ctx, deps, shiftId, language);
  const outgoing = evaluated.assignees.find((a) => a.staffId === swap.outStaffId);
  if (!outgoing) throw outOfScope(staffEntity);
  if (evaluated.assignees.some((a) => a.staffId === swap.inStaffId)) {
    throw ruleRefused({ zh: '此人已在该班次', en: 'this person is already on the shift' });
  }
  const incoming = (await membersOfCompany(ctx, shift.company_id, [swap.inStaffId])).get(
    swap.inStaffId,
  )!;
  const settings = await loadSettings(ctx);
  const book = new AvailabilityBook(ctx, deps, shanghaiDate(deps.now()), settings.testIntervalDays);
  await book.load([incoming], shift.shift_date, shift.shift_date, [shift.starts_at]);
  const reasons = book.reasons(incoming.staff_id, shift.shift_date, shift.starts_at);
  if (reasons.length > 0) {
    throw ruleRefused(
      { zh: '替班人员当班时不可到岗', en: 'the replacement is not available for the shift' },
      { reasons: reasonsVisibleTo(reasons, hasPermission(ctx.actor.role, 'health.read')) },
    );
  }
  const now = deps.now();
  await ctx.db.transaction().execute(async (trx) => {
    const tdb = wdb({ db: trx });
    const id = newId('asg', now.getTime());
    const changed = await repo.markReplaced(tdb, outgoing.assignmentId, id);
    if (changed !== 1) {
      throw ruleRefused({ zh: '该排班已被调整', en: 'the assignment was changed meanwhile' });
    }
    await repo.insertAssignments(tdb, [
      {
        id,
        company_id: shift.company_id,
        shift_id: shift.id,
        staff_id: incoming.staff_id,
        status: 'active',
        replaced_by: null,
        assigned_by: ctx.actor.userId,
        assigned_at: now.toISOString(),
      },
    ]);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'roster.swap',
        entityType: 'duty_shift',
        entityId: shift.id,
        companyId: shift.company_id,
        // Audit readers lack `health.read`: the trail keeps only the neutral reasons.
        before: {
          staffId: outgoing.staffId,
          assignmentId: outgoing.assignmentId,
          reasons: reasonsVisibleTo(outgoing.reasons, false),
        },
        after: { staffId: incoming.staff_id, assignmentId: id },
      },
    );
  });
  return (await oneShift(ctx, deps, shiftId, language)).evaluated;
}
