import type {
  HealthCode,
  TestKind,
  TestResult,
  TravelStatus,
  VolunteerType,
  WorkMode,
} from '../../../contracts/workforce';

export interface WorkforceMembersTable {
  staff_id: string;
  company_id: string;
  unit_code: string;
  unit_path: string;
  name: string;
  position: string;
  phone: string | null;
  home_address: string | null;
  home_lon: number | null;
  home_lat: number | null;
  home_county_code: string | null;
  /** JSON array of skill keys. */
  skills: string;
  active: number;
  updated_at: string;
}

export interface HealthReportsTable {
  id: string;
  company_id: string;
  staff_id: string;
  unit_code: string;
  unit_path: string;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  report_date: string;
  submitted_at: string;
  submitted_by: string | null;
  on_behalf: number;
  location: string;
  health_code: HealthCode;
  /** Tenths of a degree Celsius. */
  temperature_dc: number;
  test_kind: TestKind;
  test_date: string | null;
  test_result: TestResult | null;
  /** JSON array of symptom keys. */
  symptoms: string;
  work_mode: WorkMode;
  proposed_mode: WorkMode | null;
  note: string | null;
  /** 0 none, 1 suspected, 2 infected. */
  alarm: number;
  is_current: number;
}

export interface HealthDailyCountsTable {
  report_date: string;
  unit_code: string;
  company_id: string;
  unit_path: string;
  work_mode: WorkMode;
  reports: number;
  suspected: number;
  infected: number;
}

export interface DutyShiftsTable {
  id: string;
  company_id: string;
  unit_code: string;
  unit_path: string;
  shift_date: string;
  label: string;
  starts_at: string;
  ends_at: string;
  min_headcount: number;
  required_skills: string;
  created_by: string | null;
  created_at: string;
}

export interface DutyAssignmentsTable {
  id: string;
  company_id: string;
  shift_id: string;
  staff_id: string;
  status: 'active' | 'replaced';
  replaced_by: string | null;
  assigned_by: string | null;
  assigned_at: string;
}

export interface TravelRequestsTable {
  id: string;
  company_id: string;
  staff_id: string;
  unit_code: string;
  unit_path: string;
  destination: string;
  scope: 'out_of_city' | 'out_of_province';
  purpose: string;
  essential: number;
  depart_on: string;
  return_on: string;
  status: TravelStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}

export interface VolunteerLogsTable {
  id: string;
  company_id: string;
  staff_id: string;
  unit_code: string;
  unit_path: string;
  community: string;
  service_date: string;
  minutes: number;
  service_type: VolunteerType;
  note: string | null;
  photo_path: string | null;
  created_by: string | null;
  created_at: string;
}

/** Platform-owned settings rows; workforce reads and writes only keys under `workforce.`. */
export interface SettingsTable {
  key: string;
  scope_code: string;
  company_id: string;
  value_json: string;
  updated_at: string;
  updated_by: string | null;
}

export interface WorkforceTables {
  workforce_members: WorkforceMembersTable;
  health_reports: HealthReportsTable;
  health_daily_counts: HealthDailyCountsTable;
  duty_shifts: DutyShiftsTable;
  duty_assignments: DutyAssignmentsTable;
  travel_requests: TravelRequestsTable;
  volunteer_logs: VolunteerLogsTable;
  settings: SettingsTable;
}
