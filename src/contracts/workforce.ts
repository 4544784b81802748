import { z } from 'zod';
import { pageOf } from './common';

/** Work modes of a staff member's day (docs/architecture.md#workforce). */
export const workModes = [
  'on_site', // 在岗
  'home_office', // 居家办公
  'quarantined', // 隔离
  'sealed_at_home', // 封控在家
  'leave', // 请假
  'on_duty', // 值守
  'volunteering', // 志愿服务
] as const;
export type WorkMode = (typeof workModes)[number];

/** Health-code colours (健康码). */
export const healthCodes = ['green', 'yellow', 'red'] as const;
export type HealthCode = (typeof healthCodes)[number];

/** Kinds of test: nucleic-acid (核酸) or antigen (抗原); `none` when never tested. */
export const testKinds = ['pcr', 'antigen', 'none'] as const;
export type TestKind = (typeof testKinds)[number];
export const testResults = ['negative', 'positive', 'pending'] as const;
export type TestResult = (typeof testResults)[number];

export const symptoms = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'loss_of_taste',
  'shortness_of_breath',
  'other',
] as const;
export type Symptom = (typeof symptoms)[number];

/** Skills the registry knows; shifts require some of them. */
export const staffSkills = [
  'driver',
  'warehouse',
  'receiving',
  'dispatch',
  'licensing',
  'it',
  'management',
  'marketing',
  'office',
  'health',
] as const;
export type StaffSkill = (typeof staffSkills)[number];

/** Risk flags raised by a health report. */
export const riskFlags = [
  'yellow_code',
  'red_code',
  'fever',
  'test_overdue',
  'positive',
  'symptoms',
] as const;
export type RiskFlag = (typeof riskFlags)[number];

/** Why a rostered person cannot serve. */
export const unavailabilityReasons = [
  'mode', // the day's report says a mode other than on site / on duty
  'home_sealed', // the home lies in an area that forbids commuting
  'health_risk', // red or yellow code, fever or a positive test
  'travel', // approved travel covers the day
  // What a role without `health.read` sees instead of `mode` and `health_risk`: that the person
  // cannot come, not why (docs/architecture.md#security-and-data-scope).
  'unavailable',
] as const;
export type UnavailabilityReason = (typeof unavailabilityReasons)[number];

export const travelScopes = ['out_of_city', 'out_of_province'] as const;
export const travelStatuses = ['pending', 'approved', 'refused', 'cancelled'] as const;
export type TravelStatus = (typeof travelStatuses)[number];

/** Volunteer service types (志愿服务). */
export const volunteerTypes = [
  'test_registration', // 核酸检测登记
  'supplies', // 物资配送
  'antigen_screening', // 抗原筛查
  'policy_outreach', // 政策宣传
  'counselling', // 心理疏导
] as const;
export type VolunteerType = (typeof volunteerTypes)[number];

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    // Date.parse rolls 2022-02-30 over to March; a real date survives the round trip.
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'must be a real date');

const unitParam = z
  .string()
  .min(2)
  .max(20)
  .regex(/^[A-Z0-9]+$/);
const staffId = z.string().min(1).max(64);
const lang = { lang: z.string().max(8).optional() };

// ---------------------------------------------------------------- health reports

export const healthReportInput = z.strictObject({
  /** Filing for someone else needs `health.file_for_others`; omitted = the caller. */
  staffId: staffId.optional(),
  /** Asia/Shanghai calendar day; omitted = today. Never in the future. */
  date: isoDate.optional(),
  location: z.string().trim().min(1).max(100),
  healthCode: z.enum(healthCodes),
  /** Body temperature in °C with one decimal. */
  temperature: z.number().min(34).max(43),
  testKind: z.enum(testKinds),
  testDate: isoDate.nullable().optional(),
  testResult: z.enum(testResults).nullable().optional(),
  symptoms: z.array(z.enum(symptoms)).max(symptoms.length).default([]),
  workMode: z.enum(workModes),
  note: z.string().trim().max(200).optional(),
});
export type HealthReportInput = z.infer<typeof healthReportInput>;

export const healthReport = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  unitCode: z.string(),
  date: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  onBehalf: z.boolean(),
  location: z.string(),
  healthCode: z.enum(healthCodes),
  temperature: z.number(),
  testKind: z.enum(testKinds),
  testDate: z.string().nullable(),
  testResult: z.enum(testResults).nullable(),
  symptoms: z.array(z.enum(symptoms)),
  workMode: z.enum(workModes),
  proposedMode: z.enum(workModes).nullable(),
  current: z.boolean(),
  flags: z.array(z.enum(riskFlags)),
});
export type HealthReport = z.infer<typeof healthReport>;

export const healthReportResponse = z.object({ report: healthReport });

export const myDayResponse = z.object({
  staffId: z.string(),
  name: z.string(),
  date: z.string(),
  /** What the form should preselect: 封控在家 when the home may not commute. */
  proposedMode: z.enum(workModes).nullable(),
  commute: z.enum(['can', 'cannot']),
  today: healthReport.nullable(),
  history: z.array(healthReport),
});

export const healthListQuery = z.strictObject({
  unit: unitParam,
  date: isoDate.optional(),
  risk: z.enum(['all', 'flagged']).default('all'),
  ...lang,
});
export const healthListResponse = z.object({
  date: z.string(),
  items: z.array(healthReport),
});

export const staffHistoryParams = z.strictObject({ staffId });
export const staffHistoryQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(60).default(14),
  ...lang,
});
export const staffHistoryResponse = z.object({ items: z.array(healthReport) });

// ---------------------------------------------------------------- availability

export const availabilityQuery = z.strictObject({
  unit: unitParam,
  date: isoDate.optional(),
  ...lang,
});
export const trendQuery = z.strictObject({
  unit: unitParam,
  /** Last day of the trend; omitted = today. */
  date: isoDate.optional(),
  trendDays: z.coerce.number().int().min(1).max(90).default(28),
  ...lang,
});

const modeCounts = z.object(
  Object.fromEntries(workModes.map((m) => [m, z.number().int()])) as Record<WorkMode, z.ZodNumber>,
);

export const availabilityFigures = z.object({
  headcount: z.number().int(),
  reported: z.number().int(),
  missing: z.number().int(),
  onSite: z.number().int(),
  onDuty: z.number().int(),
  homeOffice: z.number().int(),
  /** Reported neither on site nor on duty. */
  unableOnSite: z.number().int(),
  /** unableOnSite ÷ headcount, 4 decimals (0 when the unit has no staff). */
  unableRatio: z.number(),
  byMode: modeCounts,
});
export type AvailabilityFigures = z.infer<typeof availabilityFigures>;

export const availabilityResponse = availabilityFigures.extend({
  unit: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  cutoff: z.string().describe('HH:MM Asia/Shanghai after which a missing report is overdue'),
  children: z.array(
    availabilityFigures.extend({ code: z.string(), name: z.string(), level: z.string() }),
  ),
  risk: z.object(
    Object.fromEntries(riskFlags.map((f) => [f, z.number().int()])) as Record<
      RiskFlag,
      z.ZodNumber
    >,
  ),
  /** Company-wide "zero suspected, zero infected" streak (双零), in days up to the date. */
  zeroStreakDays: z.number().int(),
});
export type AvailabilityResponse = z.infer<typeof availabilityResponse>;

export const availabilityTrendResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  trend: z.array(
    z.object({
      date: z.string(),
      /** Today's head-count (head-count history is not kept). */
      headcount: z.number().int(),
      reported: z.number().int(),
      onSite: z.number().int(),
      onDuty: z.number().int(),
      unableOnSite: z.number().int(),
      unableRatio: z.number(),
      byMode: modeCounts,
    }),
  ),
});
export type AvailabilityTrendResponse = z.infer<typeof availabilityTrendResponse>;

export const missingQuery = z.strictObject({
  unit: unitParam,
  date: isoDate.optional(),
  ...lang,
});
export const missingResponse = z.object({
  date: z.string(),
  cutoff: z.string(),
  overdue: z.boolean(),
  items: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      phone: z.string().nullable(),
    }),
  ),
});

// ---------------------------------------------------------------- registry

export const registryMember = z.object({
  staffId: z.string(),
  name: z.string(),
  unitCode: z.string(),
  position: z.string(),
  phone: z.string().nullable(),
  homeAddress: z.string().nullable(),
  homeLon: z.number().nullable(),
  homeLat: z.number().nullable(),
  homeCountyCode: z.string().nullable(),
  skills: z.array(z.string()),
});
export type RegistryMember = z.infer<typeof registryMember>;

export const registryQuery = z.strictObject({
  unit: unitParam,
  skill: z.enum(staffSkills).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  ...lang,
});
export const registryResponse = pageOf(registryMember);

export const importRequest = z.strictObject({
  /** `csv` text, or an `xlsx` workbook as base64. */
  format: z.enum(['csv', 'xlsx']),
  content: z.string().min(1).max(900_000),
  /** Check only: report every row, write nothing. */
  dryRun: z.boolean().default(false),
});
export const importResponse = z.object({
  imported: z.number().int(),
  dryRun: z.boolean(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      staffId: z.string().nullable(),
      ok: z.boolean(),
      errors: z.array(z.string()),
    }),
  ),
});

// ---------------------------------------------------------------- rosters

export const shiftInput = z.strictObject({
  unit: unitParam,
  date: isoDate,
  label: z.string().trim().min(1).max(40),
  /** HH:MM Asia/Shanghai; a shift whose end is not after its start ends next day. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  minHeadcount: z.number().int().min(0).max(200),
  requiredSkills: z.array(z.enum(staffSkills)).max(staffSkills.length).default([]),
  staffIds: z.array(staffId).max(200).default([]),
});
export type ShiftInput = z.infer<typeof shiftInput>;

export const shiftIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const assignInput = z.strictObject({ staffId });
export const swapInput = z.strictObject({ outStaffId: staffId, inStaffId: staffId });

const suggestion = z.object({
  staffId: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  skills: z.array(z.string()),
  distanceKm: z.number(),
});

export const rosterShift = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  date: z.string(),
  label: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  minHeadcount: z.number().int(),
  requiredSkills: z.array(z.string()),
  assignees: z.array(
    z.object({
      assignmentId: z.string(),
      staffId: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      skills: z.array(z.string()),
      available: z.boolean(),
      reasons: z.array(z.enum(unavailabilityReasons)),
    }),
  ),
  available: z.number().int(),
  gap: z
    .object({
      missingHeadcount: z.number().int(),
      missingSkills: z.array(z.string()),
      suggestions: z.array(suggestion),
    })
    .nullable(),
});
export type RosterShift = z.infer<typeof rosterShift>;

export const rosterQuery = z.strictObject({
  unit: unitParam,
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
  gapsOnly: z.enum(['true', 'false']).default('false'),
  ...lang,
});
export const rosterResponse = z.object({
  from: z.string(),
  days: z.number().int(),
  shifts: z.array(rosterShift),
  gaps: z.number().int(),
});
export const rosterExportQuery = z.strictObject({
  unit: unitParam,
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
  ...lang,
});
export const shiftResponse = z.object({ shift: rosterShift });

// ---------------------------------------------------------------- travel

export const travelInput = z
  .strictObject({
    destination: z.string().trim().min(1).max(100),
    scope: z.enum(travelScopes),
    purpose: z.string().trim().min(1).max(300),
    essential: z.boolean(),
    departOn: isoDate,
    returnOn: isoDate,
  })
  .refine((t) => t.returnOn >= t.departOn, {
    message: 'returnOn must not be before departOn',
    path: ['returnOn'],
  });
export const travelDecisionInput = z.strictObject({
  decision: z.enum(['approve', 'refuse']),
  reason: z.string().trim().max(300).optional(),
});
export const travelIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const travelRequest = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  unitCode: z.string(),
  destination: z.string(),
  scope: z.enum(travelScopes),
  purpose: z.string(),
  essential: z.boolean(),
  departOn: z.string(),
  returnOn: z.string(),
  status: z.enum(travelStatuses),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
});
export type TravelRequest = z.infer<typeof travelRequest>;
export const travelResponse = z.object({ travel: travelRequest });
export const travelListQuery = z.strictObject({
  unit: unitParam.optional(),
  status: z.enum(travelStatuses).optional(),
  /** Only requests whose trip covers this day and are approved ("who is away"). */
  awayOn: isoDate.optional(),
  mine: z.enum(['true', 'false']).default('false'),
  ...lang,
});
export const travelListResponse = z.object({ items: z.array(travelRequest) });

// ---------------------------------------------------------------- volunteer service

export const volunteerInput = z.strictObject({
  staffId: staffId.optional(),
  community: z.string().trim().min(1).max(100),
  date: isoDate,
  /** Hours in steps of half an hour, at most one day. */
  hours: z
    .number()
    .positive()
    .max(24)
    .refine((h) => Number.isInteger(h * 2), 'hours go in steps of 0.5'),
  type: z.enum(volunteerTypes),
  note: z.string().trim().max(200).optional(),
  /** Optional photo as a data URL (image/jpeg or image/png, at most ~600 KB). */
  photo: z
    .string()
    .max(820_000)
    .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, 'must be a JPEG or PNG data URL')
    .optional(),
});
export const volunteerEntry = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  unitCode: z.string(),
  community: z.string(),
  date: z.string(),
  hours: z.number(),
  type: z.enum(volunteerTypes),
  note: z.string().nullable(),
  hasPhoto: z.boolean(),
});
export const volunteerResponse = z.object({ entry: volunteerEntry });
export const volunteerListQuery = z.strictObject({
  unit: unitParam,
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...lang,
});
export const volunteerListResponse = z.object({ items: z.array(volunteerEntry) });
export const volunteerSummaryResponse = z.object({
  from: z.string(),
  to: z.string(),
  totalHours: z.number(),
  byUnit: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      hours: z.number(),
      entries: z.number().int(),
    }),
  ),
  byType: z.array(
    z.object({ type: z.enum(volunteerTypes), hours: z.number(), entries: z.number().int() }),
  ),
  leaderboard: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      unitCode: z.string(),
      hours: z.number(),
      entries: z.number().int(),
    }),
  ),
});
export const volunteerIdParams = z.strictObject({ id: z.string().min(1).max(64) });

// ---------------------------------------------------------------- settings and retention

export const workforceSettings = z.strictObject({
  /** HH:MM Asia/Shanghai after which a missing daily report is overdue. */
  reportCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Health reports older than this many days are purged (anonymous daily counts kept). */
  retentionDays: z.number().int().min(7).max(365),
  /** A test older than this many days raises `test_overdue`. */
  testIntervalDays: z.number().int().min(1).max(30),
});
export type WorkforceSettings = z.infer<typeof workforceSettings>;
export const settingsResponse = z.object({ settings: workforceSettings });
export const purgeResponse = z.object({
  before: z.string(),
  purged: z.number().int(),
  rolledUpDays: z.number().int(),
  /** Audit entries of the same age whose health facts were stripped. */
  auditStripped: z.number().int(),
});
