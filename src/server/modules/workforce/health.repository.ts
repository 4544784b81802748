import {
  CompiledQuery,
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type {
  HealthDailyCountsTable,
  HealthReportsTable,
  WorkforceTables,
} from './workforce.tables';
import { inSubtree } from './subtree';

type Db = Kysely<WorkforceTables>;
export type ReportRow = Selectable<HealthReportsTable>;

export async function insertReport(db: Db, row: Insertable<HealthReportsTable>) {
  await db.insertInto('health_reports').values(row).execute();
}

export async function insertReports(db: Db, rows: Insertable<HealthReportsTable>[]) {
  // 22 columns: 1,400 rows a statement stays under SQLite's 32,766 and PostgreSQL's 65,535
  // parameters. Building a query of 30,000 values costs more than running it, so a statement is
  // compiled once per chunk length and re-run with the next chunk's values in the same order.
  const templates = new Map<number, { sql: string; columns: string[] }>();
  for (let i = 0; i < rows.length; i += 1400) {
    const chunk = rows.slice(i, i + 1400);
    const columns = Object.keys(chunk[0]!);
    const params: unknown[] = [];
    let uniform = true;
    for (const row of chunk) {
      const keys = Object.keys(row);
      if (keys.length !== columns.length || keys.some((k, j) => k !== columns[j])) uniform = false;
      for (const c of columns) params.push((row as Record<string, unknown>)[c] ?? null);
    }
    const template = templates.get(chunk.length);
    if (uniform && template && template.columns.join() === columns.join()) {
      await db.executeQuery(CompiledQuery.raw(template.sql, params));
      continue;
    }
    const compiled = db.insertInto('health_reports').values(chunk).compile();
    await db.executeQuery(compiled);
    const same =
      uniform &&
      compiled.parameters.length === params.length &&
      compiled.parameters.every((p, j) => p === params[j]);
    if (same) templates.set(chunk.length, { sql: compiled.sql, columns });
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
    .where(inSubtree(pathPrefix))
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
    .where(inSubtree(pathPrefix))
    .groupBy(['report_date', 'work_mode'])
    .execute();
}

export async function countRollupByDayMode(db: Db, pathPrefix: string, from: string, to: string) {
  return db
    .selectFrom('health_daily_counts')
    .select(['report_date', 'work_mode', (eb) => eb.fn.sum<number>('reports').as('n')])
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where(inSubtree(pathPrefix))
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
    .where(inSubtree(pathPrefix))
    .execute();
}

/**
 * Risk-flag counts of a subtree's day, counted by the database (a province holds thousands of
 * reports a day). The conditions are those of `riskFlagsOf`, with its thresholds passed in; the
 * HTTP tests check both agree.
 */
export async function countRiskFlagsUnder(
  db: Db,
  pathPrefix: string,
  date: string,
  limits: { feverDc: number; testDueBefore: string },
) {
  const flag = (condition: ReturnType<typeof sql<SqlBool>>) =>
    sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  return db
    .selectFrom('health_reports')
    .select([
      flag(sql<SqlBool>`health_code = 'yellow'`).as('yellow_code'),
      flag(sql<SqlBool>`health_code = 'red'`).as('red_code'),
      flag(sql<SqlBool>`temperature_dc >= ${limits.feverDc}`).as('fever'),
      flag(
        sql<SqlBool>`(test_kind = 'none' or test_date is null or test_date < ${limits.testDueBefore})`,
      ).as('test_overdue'),
      flag(sql<SqlBool>`test_result = 'positive'`).as('positive'),
      flag(sql<SqlBool>`symptoms <> '[]'`).as('symptoms'),
    ])
    .where('report_date', '=', date)
    .where('is_current', '=', 1)
    .where(inSubtree(pathPrefix))
    .executeTakeFirstOrThrow();
}

/** Every current report of some days (roster availability over whole companies). */
export async function findCurrentOnDays(db: Db, from: string, to: string) {
  return db
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
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .where('is_current', '=', 1)
    .execute();
}

/**
 * Current reports of some people over some days (roster availability).
 */
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
    .where(inSubtree(pathPrefix))
    .execute();
  return new Set(rows.map((r) => r.staff_id));
}

/**
 * The latest day up to `to` with a suspected or infected report in a subtree (live reports or
 * anonymous counts); null when there is none. `alarm IN (1, 2)` keeps the lookup on its index.
 */
export async function findLatestAlarmDay(db: Db, pathPrefix: string, to: string) {
  const [live, rolled] = await Promise.all([
    db
      .selectFrom('health_reports')
      .select((eb) => eb.fn.max<string>('report_date').as('d'))
      .where('alarm', 'in', [1, 2])
      .where('report_date', '<=', to)
      .where('is_current', '=', 1)
      .where(inSubtree(pathPrefix))
      .executeTakeFirst(),
    db
      .selectFrom('health_daily_counts')
      .select((eb) => eb.fn.max<string>('report_date').as('d'))
      .where((eb) => eb.or([eb('suspected', '>', 0), eb('infected', '>', 0)]))
      .where('report_date', '<=', to)
      .where(inSubtree(pathPrefix))
      .executeTakeFirst(),
  ]);
  const days = [live?.d, rolled?.d].filter((d): d is string => typeof d === 'string');
  return days.length === 0 ? null : days.sort().at(-1)!;
}

/** The oldest day with any data (reports or rollups) in a subtree. */
export async function findOldestDay(db: Db, pathPrefix: string): Promise<string | null> {
  const [live, rolled] = await Promise.all([
    db
      .selectFrom('health_reports')
      .select((eb) => eb.fn.min<string>('report_date').as('d'))
      .where(inSubtree(pathPrefix))
      .executeTakeFirst(),
    db
      .selectFrom('health_daily_counts')
      .select((eb) => eb.fn.min<string>('report_date').as('d'))
      .where(inSubtree(pathPrefix))
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
