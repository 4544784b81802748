import { sql, type Kysely } from 'kysely';

// Frozen: never edit a landed migration; add a new one instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The workforce registry: one row per staff member (org `staff` id) with what workforce needs
  // to answer by unit and by place without reading another module's tables.
  await db.schema
    .createTable('workforce_members')
    .addColumn('staff_id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('home_address', 'text')
    .addColumn('home_lon', 'real')
    .addColumn('home_lat', 'real')
    .addColumn('home_county_code', 'text')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workforce_members_path')
    .on('workforce_members')
    .columns(['unit_path'])
    .execute();
  await db.schema
    .createIndex('workforce_members_company')
    .on('workforce_members')
    .columns(['company_id'])
    .execute();

  // Daily health reports, append-only: a later report of the same day clears `is_current` of the
  // earlier one and never deletes it. Placement is copied so history keeps the unit of the day.
  await db.schema
    .createTable('health_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('on_behalf', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('health_code', 'text', (c) => c.notNull())
    // Tenths of a degree Celsius (365 = 36.5 °C).
    .addColumn('temperature_dc', 'integer', (c) => c.notNull())
    .addColumn('test_kind', 'text', (c) => c.notNull())
    .addColumn('test_date', 'text')
    .addColumn('test_result', 'text')
    .addColumn('symptoms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('work_mode', 'text', (c) => c.notNull())
    .addColumn('proposed_mode', 'text')
    .addColumn('note', 'text')
    // 0 none, 1 suspected, 2 infected (workforce rules), set when filed: the 双零 board and the
    // retention rollup find these rows through an index instead of re-reading every report.
    .addColumn('alarm', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .execute();
  // Covers the availability count (day → unit → mode) without touching the table.
  await db.schema
    .createIndex('health_reports_day_path')
    .on('health_reports')
    .columns(['report_date', 'is_current', 'unit_path', 'unit_code', 'work_mode'])
    .execute();
  await db.schema
    .createIndex('health_reports_alarm')
    .on('health_reports')
    .columns(['alarm', 'report_date'])
    .execute();
  await db.schema
    .createIndex('health_reports_staff_day')
    .on('health_reports')
    .columns(['staff_id', 'report_date'])
    .execute();
  // At most one current report per person and day, whatever the concurrency.
  await db.schema
    .createIndex('health_reports_one_current')
    .on('health_reports')
    .columns(['staff_id', 'report_date'])
    .unique()
    .where(sql.ref('is_current'), '=', 1)
    .execute();

  // What survives the retention purge: anonymous counts per unit, day, mode and risk.
  await db.schema
    .createTable('health_daily_counts')
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('work_mode', 'text', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .addColumn('suspected', 'integer', (c) => c.notNull())
    .addColumn('infected', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('health_daily_counts_pk', ['report_date', 'unit_code', 'work_mode'])
    .execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('shift_date', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('min_headcount', 'integer', (c) => c.notNull())
    .addColumn('required_skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_shifts_date_path')
    .on('duty_shifts')
    .columns(['shift_date', 'unit_path'])
    .execute();

  // Assignments are never deleted: a swap marks the old one `replaced` and adds the new one.
  await db.schema
    .createTable('duty_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_assignments_shift')
    .on('duty_assignments')
    .columns(['shift_id'])
    .execute();
  await db.schema
    .createIndex('duty_assignments_staff')
    .on('duty_assignments')
    .columns(['staff_id'])
    .execute();

  await db.schema
    .createTable('travel_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('essential', 'integer', (c) => c.notNull())
    .addColumn('depart_on', 'text', (c) => c.notNull())
    .addColumn('return_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('travel_requests_path')
    .on('travel_requests')
    .columns(['unit_path', 'status'])
    .execute();
  await db.schema
    .createIndex('travel_requests_staff')
    .on('travel_requests')
    .columns(['staff_id'])
    .execute();

  await db.schema
    .createTable('volunteer_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('community', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    // Minutes of service: hours come in half-hour steps, kept as an integer.
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('service_type', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('photo_path', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_logs_path_date')
    .on('volunteer_logs')
    .columns(['unit_path', 'service_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('volunteer_logs').execute();
  await db.schema.dropTable('travel_requests').execute();
  await db.schema.dropTable('duty_assignments').execute();
  await db.schema.dropTable('duty_shifts').execute();
  await db.schema.dropTable('health_daily_counts').execute();
  await db.schema.dropTable('health_reports').execute();
  await db.schema.dropTable('workforce_members').execute();
}
