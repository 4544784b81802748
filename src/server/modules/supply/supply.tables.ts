export interface ProductsTable {
  code: string;
  company_id: string;
  name: string;
  brand: string;
  manufacturer: string;
  price_class: number;
  allocation_price_fen: number;
  wholesale_price_fen: number;
  retail_price_fen: number;
  cartons_per_case: number;
  barcode: string | null;
  active: number;
  created_at: string;
}

export interface SupplyPositionsTable {
  week: string;
  logistics_code: string;
  product_code: string;
  company_id: string;
  stock: number;
  inbound: number;
  safety_stock: number;
  updated_at: string;
  updated_by: string | null;
}

export interface SupplyPlansTable {
  id: string;
  company_id: string;
  city_code: string;
  week: string;
  week_start: string;
  product_code: string;
  kind: 'regular' | 'replenish';
  /** '' for a regular plan; the reserve's area for a 补投放. */
  area_key: string;
  version: number;
  status: 'draft' | 'published';
  method: 'A' | 'B' | 'C' | 'D' | 'E';
  target: number;
  cap: number | null;
  profile_json: string | null;
  dimensions_json: string;
  cell_multipliers_json: string;
  class_multipliers_json: string;
  blocked_policy: 'reserve' | 'redistribute';
  remainder: 'none' | 'rotate';
  /** 两周一访上浮 weight (migration 0009; 1 = none). */
  biweekly_weight: number;
  allow_over_supply: number;
  note: string | null;
  correction_of: string | null;
  replenish_of: string | null;
  result_json: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export const planRetailerKinds = ['selected', 'override', 'blocked', 'extra'] as const;
export type PlanRetailerKind = (typeof planRetailerKinds)[number];

export interface SupplyPlanRetailersTable {
  plan_id: string;
  retailer_id: string;
  kind: PlanRetailerKind;
  company_id: string;
  quota: number | null;
  area_key: string | null;
}

export interface SupplyTables {
  products: ProductsTable;
  supply_positions: SupplyPositionsTable;
  supply_plans: SupplyPlansTable;
  supply_plan_retailers: SupplyPlanRetailersTable;
}
