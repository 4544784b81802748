import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  HealthDailyCountsTable,
  HealthReportsTable,
  WorkforceTables,
} from './workforce.tables';

type Db = Kysely<WorkforceTables>;
export type ReportRow = Selectable<HealthReportsTable>;

export async function insertReport(db: Db, row: Insertable<HealthReportsTable>) {
  await db.insertInto('health_reports').values(row).execute();
}

export async function insertReports(db: Db, rows: Insertable<HealthReportsTable>[]) {
  // 22 columns: 1,400 rows a statement stays under SQLite's 32,766 and PostgreSQL's 65,535
  // parameters, and large statements are what keeps the full demo seed inside its budget.
  for (let i = 0; i < rows.length; i += 1400) {
    await db
      .insertInto('health_reports')
      .values(rows.slice(i, i + 1400))
      .execute();
  }
}

/** Retires the current report of a person's day (the new one becomes current). */
export async function retireCurrent(db: Db, staffId: string, date: string) {
  await db
    .updateTable('health_reports')
    .set({ is_current: 0 })
    .where('staff_id', '=', staffId)
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .execute();
}

export async function findCurrent(db: Db, staffId: string, date: string) {
  return db
    .selectFrom('health_reports')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .executeTakeFirst();
}

export async function findHistory(db: Db, staffId: string, fromDate: string) {
  return db
    .selectFrom('health_reports')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('report_date', '>=', fromDate)
    .orderBy('report_date', 'desc')
    .orderBy('submitted_at', 'desc')
    .execute();
}

export async function countCurrentByUnitMode(db: Db, pathPrefix: string, date: string) {
  return db
    .selectFrom('health_reports')
    .select(['unit_code', 'work_mode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .groupBy(['unit_code', 'work_mode'])
    .execute();
}

export async function countCurrentByDayMode(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('health_reports')
    .select(['report_date', 'work_mode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .groupBy(['report_date', 'work_mode'])
    .execute();
}

export async function countRollupByDayMode(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('health_daily_counts')
    .select(['report_date', 'work_mode', (eb) => eb.fn.sum<number>('reports').as('n')])
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .groupBy(['report_date', 'work_mode'])
    .execute();
}

/** The health facts of the current reports of a subtree's day (risk counts, risk list). */
export async function findCurrentUnder(db: Db, pathPrefix: string, date: string) {
  return db
    .selectFrom('health_reports')
    .selectAll()
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .execute();
}

export async function findRiskFactsUnder(db: Db, pathPrefix: string, date: string) {
  return db
    .selectFrom('health_reports')
    .select(['health_code', 'temperature_dc', 'test_kind', 'test_date', 'test_result', 'symptoms'])
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .execute();
}

/** Current reports of some people over some days (roster availability). */
export async function findCurrentForStaff(db: Db, staffIds: string[], from: string, to: string) {
  if (staffIds.length === 0) return [];
  const rows: Pick<
    ReportRow,
    | 'staff_id'
    | 'report_date'
    | 'work_mode'
    | 'health_code'
    | 'temperature_dc'
    | 'test_kind'
    | 'test_date'
    | 'test_result'
    | 'symptoms'
  >[] = [];
  for (let i = 0; i < staffIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('health_reports')
        .select([
          'staff_id',
          'report_date',
          'work_mode',
          'health_code',
          'temperature_dc',
          'test_kind',
          'test_date',
          'test_result',
          'symptoms',
        ])
        .where('staff_id', 'in', staffIds.slice(i, i + 500))
        .where('report_date', '>=', from)
        .where('report_date', '<=', to)
        .where('is_current', '=', 1)
        .execute()),
    );
  }
  return rows;
}

export async function findReportedStaffIds(db: Db, pathPrefix: string, date: string) {
  const rows = await db
    .selectFrom('health_reports')
    .select('staff_id')
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .execute();
  return new Set(rows.map((r) => r.staff_id));
}

/** Days with a suspected or infected current report in a subtree, within [from, to]. */
export async function findAlarmDays(db: Db, pathPrefix: string, from: string, to: string) {
  const live = await db
    .selectFrom('health_reports')
    .select('report_date')
    .distinct()
    .where('alarm', '>', 0)
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where('is_current', '=', 1)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .execute();
  const rolled = await db
    .selectFrom('health_daily_counts')
    .select('report_date')
    .distinct()
    .where((eb) => eb.or([eb('suspected', '>', 0), eb('infected', '>', 0)]))
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where('unit_path', 'like', `${pathPrefix}%`)
    .execute();
  return new Set([...live, ...rolled].map((r) => r.report_date));
}

/** The oldest day with any data (reports or rollups) in a subtree. */
export async function findOldestDay(db: Db, pathPrefix: string): Promise<string | null> {
  const [live, rolled] = await Promise.all([
    db
      .selectFrom('health_reports')
      .select((eb) => eb.fn.min<string>('report_date').as('d'))
      .where('unit_path', 'like', `${pathPrefix}%`)
      .executeTakeFirst(),
    db
      .selectFrom('health_daily_counts')
      .select((eb) => eb.fn.min<string>('report_date').as('d'))
      .where('unit_path', 'like', `${pathPrefix}%`)
      .executeTakeFirst(),
  ]);
  const days = [live?.d, rolled?.d].filter((d): d is string => typeof d === 'string');
  return days.length === 0 ? null : days.sort()[0]!;
}

// ------------------------------------------------------------------ retention

/** Anonymous counts of the current reports before `before`, per day, unit and mode. */
export async function aggregateBefore(db: Db, before: string) {
  return db
    .selectFrom('health_reports')
    .select([
      'report_date',
      'unit_code',
      'company_id',
      'unit_path',
      'work_mode',
      (eb) => eb.fn.countAll<number>().as('reports'),
      (eb) =>
        eb.fn.sum<number>(eb.case().when('alarm', '=', 1).then(1).else(0).end()).as('suspected'),
      (eb) =>
        eb.fn.sum<number>(eb.case().when('alarm', '=', 2).then(1).else(0).end()).as('infected'),
    ])
    .where('report_date', '<', before)
    .where('is_current', '=', 1)
    .groupBy(['report_date', 'unit_code', 'company_id', 'unit_path', 'work_mode'])
    .execute();
}

export async function upsertDailyCounts(db: Db, rows: Insertable<HealthDailyCountsTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('health_daily_counts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['report_date', 'unit_code', 'work_mode']).doUpdateSet((eb) => ({
          reports: eb('health_daily_counts.reports', '+', eb.ref('excluded.reports')),
          suspected: eb('health_daily_counts.suspected', '+', eb.ref('excluded.suspected')),
          infected: eb('health_daily_counts.infected', '+', eb.ref('excluded.infected')),
        })),
      )
      .execute();
  }
}

export async function deleteReportsBefore(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('health_reports')
    .where('report_date', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
