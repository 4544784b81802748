import type { AreaDto } from '../../../contracts/disruption';
import type { Area, AreaCoverage, Scheme, StatusEffects } from '../../../engines/disruption';
import type { Language } from '../../platform/i18n';
import type { DisruptionAreasTable, DisruptionSchemesTable } from './disruption.tables';

/** A stored area as the engine reads it (severity and effects as published). */
export function toEngineArea(row: DisruptionAreasTable): Area {
  return {
    id: row.id,
    scheme: row.scheme,
    status: row.status,
    severity: Number(row.severity),
    effects: JSON.parse(row.effects_json) as StatusEffects,
    coverage: JSON.parse(row.coverage_json) as AreaCoverage,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    endedAt: row.ended_at,
  };
}

export function toScheme(row: DisruptionSchemesTable): Scheme {
  return {
    id: row.id,
    label: { zh: row.label_zh, en: row.label_en },
    statuses: JSON.parse(row.statuses_json) as Scheme['statuses'],
  };
}

export function countyList(text: string): string[] {
  return text.split(',').filter((c) => c.length > 0);
}

/** Whether the row is in force at epoch-ms t (validFrom ≤ t < min(validUntil, endedAt)). */
export function isActiveRow(row: DisruptionAreasTable, t: number): boolean {
  const from = Date.parse(row.valid_from);
  const until = Math.min(
    row.valid_until ? Date.parse(row.valid_until) : Infinity,
    row.ended_at ? Date.parse(row.ended_at) : Infinity,
  );
  return from <= t && t < until;
}

export function toAreaDto(row: DisruptionAreasTable, language: Language, now: number): AreaDto {
  return {
    id: row.id,
    companyId: row.company_id,
    name: row.name,
    scheme: row.scheme,
    status: row.status,
    statusLabel: language === 'en' ? row.status_label_en : row.status_label_zh,
    severity: Number(row.severity),
    effects: JSON.parse(row.effects_json) as StatusEffects,
    coverage: JSON.parse(row.coverage_json) as AreaDto['coverage'],
    countyCodes: countyList(row.county_codes),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    active: isActiveRow(row, now),
    noticeNumber: row.notice_number,
    noticeText: row.notice_text,
    source: row.source,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
