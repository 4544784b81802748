/** A plan's derivation as the editor shows it: labelled cells, grade ranges, last week's figures. */
import type { Kysely } from 'kysely';
import type { Preview } from '../../../contracts/supply';
import type { Language } from '../../platform/i18n';
import type { UnitDirectory } from '../org';
import { sdb } from './plan.context';
import type { DerivedCell } from './plan.derive';
import type { FrozenResult, PlanDraft } from './plan.mapping';
import * as repo from './plan.repository';
import { GRADES } from './plan.rules';
import { shiftIsoWeek } from './week.rules';

/** A 营销部 code (`<county>YX<n>`, see the demo) as `<county>营销<n>部`; `-` is unassigned. */
function deptLabel(value: string, names: Map<string, string>, language: Language) {
  if (value === '-') return language === 'en' ? 'no marketing dept' : '未分配营销部';
  const m = /^(\d{6})YX(\d+)$/.exec(value);
  if (!m) return undefined;
  const county = names.get(m[1]!) ?? m[1]!;
  const n = Number(m[2]);
  return language === 'en'
    ? `${county} marketing dept ${n}`
    : `${county}营销${'〇一二三四五六七八九'[n] ?? n}部`;
}

async function placeLabels(units: UnitDirectory, language: Language) {
  const names = await units.unitNames(language);
  const cell = (planCell: string, key: string) => {
    const base =
      planCell === 'all'
        ? language === 'en'
          ? 'All'
          : '全市'
        : planCell
            .split('|')
            .map((v) => names.get(v) ?? deptLabel(v, names, language) ?? v)
            .join(' · ');
    const cls = key.includes('#') ? key.slice(key.indexOf('#') + 1) : null;
    return cls ? `${base} (${cls})` : base;
  };
  const area = (areaKey: string) =>
    areaKey.startsWith('county:') ? (names.get(areaKey.slice(7)) ?? areaKey) : areaKey;
  return { cell, area };
}

async function lastWeekOf(db: Kysely<any>, draft: PlanDraft): Promise<Preview['lastWeek']> {
  const week = shiftIsoWeek(draft.week, -1);
  const row = await repo.findLatestPublished(sdb(db), {
    cityCode: draft.cityCode,
    week,
    productCode: draft.productCode,
  });
  if (!row || !row.result_json) return null;
  const frozen = JSON.parse(row.result_json) as FrozenResult;
  return {
    planId: row.id,
    week,
    target: frozen.target,
    allocated: frozen.allocated,
    quotaByGrade: quotaRange(frozen.cells).max,
  };
}

function quotaRange(cells: readonly DerivedCell[]) {
  const min = new Array<number>(GRADES).fill(0);
  const max = new Array<number>(GRADES).fill(0);
  for (let j = 0; j < GRADES; j++) {
    const populated = cells.filter((c) => c.counts[j]! + c.blockedCounts[j]! > 0);
    const pool = populated.length > 0 ? populated : cells;
    const values = pool.map((c) => c.quotas[j]!);
    min[j] = values.length ? Math.min(...values) : 0;
    max[j] = values.length ? Math.max(...values) : 0;
  }
  return { min, max };
}

export async function toPreview(
  db: Kysely<any>,
  units: UnitDirectory,
  frozen: FrozenResult,
  draft: PlanDraft,
  language: Language,
): Promise<Preview> {
  const [label, lastWeek] = await Promise.all([
    placeLabels(units, language),
    lastWeekOf(db, draft),
  ]);
  const range = quotaRange(frozen.cells);
  return {
    target: frozen.target,
    allocated: frozen.allocated,
    reserved: frozen.reserved,
    idle: frozen.idle,
    utilisation: frozen.target > 0 ? frozen.allocated / frozen.target : 0,
    available: frozen.available,
    customers: frozen.customers,
    blocked: frozen.blocked,
    grades: Array.from({ length: GRADES }, (_, j) => ({
      grade: j + 1,
      customers: frozen.cells.reduce((s, c) => s + (c.heads ?? c.counts)[j]!, 0),
      blocked: frozen.cells.reduce((s, c) => s + c.blockedCounts[j]!, 0),
      quotaMin: range.min[j]!,
      quotaMax: range.max[j]!,
      allocated:
        frozen.cells.reduce((s, c) => s + c.counts[j]! * c.quotas[j]!, 0) + frozen.extraByGrade[j]!,
    })),
    cells: frozen.cells.map((c) => ({
      key: c.key,
      label: label.cell(c.planCell, c.key),
      multiplier: c.multiplier,
      customers: (c.heads ?? c.counts).reduce((a, b) => a + b, 0),
      quotas: c.quotas,
      allocated: c.counts.reduce((s, n, j) => s + n * c.quotas[j]!, 0),
    })),
    reserve: frozen.reserve.map((r) => ({
      areaKey: r.areaKey,
      retailers: r.retailers,
      quantity: r.quantity,
      label: r.name ?? label.area(r.areaKey),
    })),
    lastWeek,
  };
}
