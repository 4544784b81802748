import type {
  BusinessType,
  CreditRating,
  MarketType,
  ServiceState,
  VisitCycle,
} from '../../../contracts/retail';

export interface RetailersTable {
  id: string;
  company_id: string;
  licence_no: string;
  name: string;
  holder: string;
  phone: string | null;
  address: string;
  lon: number;
  lat: number;
  city_code: string;
  county_code: string;
  market_type: MarketType;
  business_type: BusinessType;
  credit_rating: CreditRating;
  grade: number;
  account_manager_id: string | null;
  delivery_line_id: string | null;
  order_day: number;
  service_state: ServiceState;
  service_state_reason: string | null;
  service_state_at: string | null;
  status: 'active' | 'suspended' | 'closed';
  licence_valid_until: string | null;
  weekly_volume: number;
  /** 营销部 code (`<county code>YX<n>`), null when unassigned (migration 0009). */
  marketing_dept: string | null;
  visit_cycle: VisitCycle;
  created_at: string;
  updated_at: string;
}

export interface DeliveryLinesTable {
  id: string;
  company_id: string;
  logistics_code: string;
  county_code: string;
  name: string;
  delivery_day: number;
}

export interface RetailTables {
  retailers: RetailersTable;
  delivery_lines: DeliveryLinesTable;
}
