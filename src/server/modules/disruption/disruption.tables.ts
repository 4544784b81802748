export interface DisruptionSchemesTable {
  id: string;
  company_id: string;
  label_zh: string;
  label_en: string;
  /** JSON array of `SchemeStatus` (id, label, severity, effects), most severe first. */
  statuses_json: string;
  built_in: number;
  updated_at: string;
  updated_by: string | null;
}

export interface DisruptionAreasTable {
  id: string;
  /** The city company of the area; '140000' when it spans cities. */
  company_id: string;
  name: string;
  scheme: string;
  status: string;
  severity: number;
  status_label_zh: string;
  status_label_en: string;
  /** JSON `StatusEffects`, copied from the scheme when the area was published. */
  effects_json: string;
  coverage_kind: string;
  /** JSON `AreaCoverage`. */
  coverage_json: string;
  /** ',140105,140106,' */
  county_codes: string;
  valid_from: string;
  valid_until: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
  notice_number: string | null;
  notice_text: string | null;
  /** 'map' | 'import' | 'demo' */
  source: string;
  created_by: string | null;
  created_at: string;
}

export interface DisruptionTables {
  disruption_schemes: DisruptionSchemesTable;
  disruption_areas: DisruptionAreasTable;
}
