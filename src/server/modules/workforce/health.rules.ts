import type {
  AvailabilityFigures,
  HealthCode,
  RiskFlag,
  Symptom,
  TestKind,
  TestResult,
  UnavailabilityReason,
  WorkMode,
} from '../../../contracts/workforce';
import { workModes } from '../../../contracts/workforce';
import { daysBetween } from './calendar.rules';

/** docs/architecture.md#workforce: fever is a temperature of 37.3 °C or more (kept in tenths of a degree). */
export const feverThresholdDc = 373;

/** How far back a report may be filed (a forgotten day can still be recorded). */
export const maxBackfillDays = 7;

/** Modes that count as working on site; every other mode is "unable to work on site". */
export const onSiteModes: readonly WorkMode[] = ['on_site', 'on_duty'];

/** Modes a person whose home may not commute cannot be in. */
export const modesNeedingCommute: readonly WorkMode[] = ['on_site', 'on_duty'];

export interface HealthFacts {
  healthCode: HealthCode;
  temperatureDc: number;
  testKind: TestKind;
  testDate: string | null;
  testResult: TestResult | null;
  symptoms: readonly Symptom[];
}

export function toTenths(celsius: number): number {
  return Math.round(celsius * 10);
}

/** Risk flags of one report on its day (yellow/red code, fever, overdue or positive test, symptoms). */
export function riskFlagsOf(
  facts: HealthFacts,
  date: string,
  testIntervalDays: number,
): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (facts.healthCode === 'yellow') flags.push('yellow_code');
  if (facts.healthCode === 'red') flags.push('red_code');
  if (facts.temperatureDc >= feverThresholdDc) flags.push('fever');
  if (
    facts.testKind === 'none' ||
    facts.testDate === null ||
    daysBetween(facts.testDate, date) > testIntervalDays
  ) {
    flags.push('test_overdue');
  }
  if (facts.testResult === 'positive') flags.push('positive');
  if (facts.symptoms.length > 0) flags.push('symptoms');
  return flags;
}

/** 确诊 proxy: a positive test result. */
export function isInfected(facts: Pick<HealthFacts, 'testResult'>): boolean {
  return facts.testResult === 'positive';
}

/**
 * 疑似 proxy for the "zero suspected" board: not infected, and a red code, or fever together
 * with a symptom. A yellow code alone (a trip through a risk area) is not a suspicion.
 */
export function isSuspected(facts: HealthFacts): boolean {
  if (isInfected(facts)) return false;
  if (facts.healthCode === 'red') return true;
  return facts.temperatureDc >= feverThresholdDc && facts.symptoms.length > 0;
}

export type DateProblem = 'future' | 'too_old';

/** A report is for today or one of the last {@link maxBackfillDays} days, never the future. */
export function reportDateProblem(date: string, today: string): DateProblem | null {
  const diff = daysBetween(date, today);
  if (diff < 0) return 'future';
  if (diff > maxBackfillDays) return 'too_old';
  return null;
}

/** What the form preselects: 封控在家 when the home lies where commuting is forbidden. */
export function proposedModeFor(commute: 'can' | 'cannot'): WorkMode | null {
  return commute === 'cannot' ? 'sealed_at_home' : null;
}

/** Whether a declared mode contradicts the home's commute effect. */
export function modeContradictsCommute(mode: WorkMode, commute: 'can' | 'cannot'): boolean {
  return commute === 'cannot' && modesNeedingCommute.includes(mode);
}

export type ModeCounts = Record<WorkMode, number>;

export function emptyModeCounts(): ModeCounts {
  return Object.fromEntries(workModes.map((m) => [m, 0])) as ModeCounts;
}

/** unableOnSite ÷ headcount to four decimals; 0 for an empty unit. */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The availability figures of a unit from its head-count and its current reports by mode.
 * "Unable to work on site" = reported neither on site nor on duty (docs/architecture.md#workforce); people who have not
 * reported are `missing`, not unable.
 */
export function figuresOf(headcount: number, byMode: ModeCounts): AvailabilityFigures {
  let reported = 0;
  for (const mode of workModes) reported += byMode[mode];
  const onSite = byMode.on_site;
  const onDuty = byMode.on_duty;
  const unableOnSite = reported - onSite - onDuty;
  return {
    headcount,
    reported,
    missing: Math.max(0, headcount - reported),
    onSite,
    onDuty,
    homeOffice: byMode.home_office,
    unableOnSite,
    unableRatio: ratio(unableOnSite, headcount),
    byMode: { ...byMode },
  };
}

const healthRiskFlags: readonly RiskFlag[] = ['red_code', 'yellow_code', 'fever', 'positive'];

export interface DayFacts {
  /** Mode of the day's current report; null when the person has not reported. */
  mode: WorkMode | null;
  flags: readonly RiskFlag[];
  commute: 'can' | 'cannot';
  /** Approved travel covers the day. */
  away: boolean;
}

/**
 * Why a person cannot serve an on-site duty shift on a day; empty = available. A missing report
 * does not make a person unavailable (the reminder list chases it), but every known obstacle does.
 */
export function unavailabilityOf(facts: DayFacts): UnavailabilityReason[] {
  const reasons: UnavailabilityReason[] = [];
  if (facts.mode !== null && !onSiteModes.includes(facts.mode)) reasons.push('mode');
  if (facts.commute === 'cannot') reasons.push('home_sealed');
  if (facts.flags.some((f) => healthRiskFlags.includes(f))) reasons.push('health_risk');
  if (facts.away) reasons.push('travel');
  return reasons;
}

// Reasons that rest on a health report: its work mode (quarantined, sealed at home…) or its risk
// flags (code colour, fever, a positive test).
const healthDerivedReasons: readonly UnavailabilityReason[] = ['mode', 'health_risk'];

/**
 * The reasons a viewer may see. Without `health.read` the health-derived ones collapse into one
 * neutral `unavailable` (不可到岗), so neither a risk nor the mode behind it can be told apart;
 * a sealed home and approved travel are no health data and stay (PIPL: least necessary).
 */
export function reasonsVisibleTo(
  reasons: readonly UnavailabilityReason[],
  canReadHealth: boolean,
): UnavailabilityReason[] {
  if (canReadHealth) return [...reasons];
  const shown: UnavailabilityReason[] = [];
  for (const reason of reasons) {
    const visible = healthDerivedReasons.includes(reason) ? 'unavailable' : reason;
    if (!shown.includes(visible)) shown.push(visible);
  }
  return shown;
}

/**
 * The "zero suspected, zero infected" streak (双零) on `date`: clean days counted back from the
 * date — to the day after the latest alarm day, or to the oldest day with data when there was
 * none. 0 when the date itself had an alarm or no data reaches it.
 */
export function zeroStreakDays(
  date: string,
  oldest: string | null,
  lastAlarm: string | null,
): number {
  if (oldest === null || oldest > date) return 0;
  if (lastAlarm === null) return daysBetween(oldest, date) + 1;
  return Math.max(0, daysBetween(lastAlarm, date));
}
