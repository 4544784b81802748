import type { OrderChannel, OrderStatus } from '../../../contracts/ordering';

export interface OrderingOrdersTable {
  id: string;
  company_id: string;
  cycle_id: string;
  retailer_id: string;
  city_code: string;
  county_code: string;
  status: OrderStatus;
  channel: OrderChannel;
  version: number;
  total_quantity: number;
  total_fen: number;
  order_date: string;
  delivery_date: string;
  /** The close of the window the order was last accepted in; closing confirms it after that. */
  closes_at: string;
  submitted_at: string;
  updated_at: string;
  updated_by: string | null;
  confirmed_at: string | null;
}

export interface OrderingOrderLinesTable {
  order_id: string;
  product_code: string;
  company_id: string;
  quantity: number;
  price_fen: number;
  confirmed_quantity: number | null;
}

export interface OrderingIdempotencyTable {
  retailer_id: string;
  idem_key: string;
  company_id: string;
  city_code: string;
  request_hash: string;
  response_json: string;
  created_at: string;
}

export interface OrderingWindowsTable {
  id: string;
  company_id: string;
  cycle_id: string;
  county_codes_json: string | null;
  retailer_ids_json: string | null;
  opens_at: string;
  closes_at: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface OrderingWindowRulesTable {
  county_code: string;
  company_id: string;
  rule_json: string;
  updated_by: string | null;
  updated_at: string;
}

export interface OrderingPoolsTable {
  cycle_id: string;
  city_code: string;
  product_code: string;
  company_id: string;
  total: number;
  updated_by: string | null;
  updated_at: string;
}

export interface OrderingFiguresTable {
  cycle_id: string;
  county_code: string;
  company_id: string;
  active_retailers: number;
  ordered_retailers: number;
  requested_quantity: number;
  confirmed_quantity: number;
  amount_fen: number;
  recorded_at: string;
}

export interface OrderingTables {
  ordering_orders: OrderingOrdersTable;
  ordering_order_lines: OrderingOrderLinesTable;
  ordering_idempotency: OrderingIdempotencyTable;
  ordering_windows: OrderingWindowsTable;
  ordering_window_rules: OrderingWindowRulesTable;
  ordering_pools: OrderingPoolsTable;
  ordering_figures: OrderingFiguresTable;
}
