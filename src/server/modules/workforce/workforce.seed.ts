import { PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import { tablesOf } from '../../platform/db/database';
import * as health from './health.repository';
import * as registry from './registry.repository';
import * as roster from './roster.repository';
import * as travel from './travel.repository';
import * as volunteer from './volunteer.repository';
import type {
  DutyAssignmentsTable,
  DutyShiftsTable,
  HealthReportsTable,
  TravelRequestsTable,
  VolunteerLogsTable,
  WorkforceMembersTable,
  WorkforceTables,
} from './workforce.tables';

export interface WorkforceSeedInput {
  members: Insertable<WorkforceMembersTable>[];
  /** Reports in batches (a day at a time), so a full-scale history never sits in memory whole. */
  reportBatches: Iterable<Insertable<HealthReportsTable>[]>;
  shifts: Insertable<DutyShiftsTable>[];
  assignments: Insertable<DutyAssignmentsTable>[];
  travel: Insertable<TravelRequestsTable>[];
  volunteer: () => Insertable<VolunteerLogsTable>[];
  onBatch?: (done: number) => void;
}

export interface WorkforceSeedSummary {
  members: number;
  reports: number;
  shifts: number;
  travel: number;
  volunteer: number;
}

/** Writes generated workforce history (the demo) in large batches; the caller owns the transaction. */
export async function seedWorkforceHistory(
  db: Kysely<any>,
  input: WorkforceSeedInput,
): Promise<WorkforceSeedSummary> {
  const wdb = tablesOf<WorkforceTables>(db);
  await registry.insertMembers(wdb, input.members);
  let reports = 0;
  for (const batch of input.reportBatches) {
    await health.insertReports(wdb, batch);
    reports += batch.length;
    input.onBatch?.(reports);
  }
  await roster.insertShifts(wdb, input.shifts);
  await roster.insertAssignments(wdb, input.assignments);
  await travel.insertTravel(wdb, input.travel);
  const logs = input.volunteer();
  await volunteer.insertVolunteerLogs(wdb, logs);
  // PostgreSQL plans from table statistics that autovacuum refreshes only later; right after a
  // bulk load the planner would guess (a province availability took 0.6 s instead of 50 ms).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`analyze health_reports`.execute(db);
    await sql`analyze workforce_members`.execute(db);
  }
  return {
    members: input.members.length,
    reports,
    shifts: input.shifts.length,
    travel: input.travel.length,
    volunteer: logs.length,
  };
}
