export interface UsersTable {
  id: string;
  company_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_code: string;
  staff_id: string | null;
  retailer_id: string | null;
  language: string;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  locked_until: string | null;
  unseen_failures: number;
  last_failed_at: string;
  last_failed_ip: string | null;
}

export interface IdentityTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
}
