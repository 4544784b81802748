export interface DivisionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  center_lon: number;
  center_lat: number;
  centroid_lon: number;
  centroid_lat: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  /** GeoJSON Polygon or MultiPolygon, as text. */
  geometry: string;
}

export interface OrgUnitsTable {
  code: string;
  company_id: string;
  name: string;
  name_en: string;
  level: 'province' | 'city' | 'county' | 'logistics';
  parent_code: string | null;
  path: string;
  division_code: string | null;
  lon: number | null;
  lat: number | null;
  address: string | null;
  sort: number;
}

export interface StaffTable {
  id: string;
  company_id: string;
  unit_code: string;
  name: string;
  position: string;
  phone: string | null;
  home_address: string | null;
  home_lon: number | null;
  home_lat: number | null;
  /** JSON array of skill keys (driver, warehouse, receiving, licensing, it…). */
  skills: string;
  active: number;
  created_at: string;
}

export interface OrgTables {
  divisions: DivisionsTable;
  org_units: OrgUnitsTable;
  staff: StaffTable;
}
