import { scopePathPrefix } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import type { WorkforceSettings } from '../../../contracts/workforce';
import { listUnits, type UnitDirectory, type UnitInfo } from '../org';
import type { CommuteHome, CommuteOracle } from './commute';
import type { MemberRow } from './registry.repository';
import * as settingsRepo from './settings.repository';
import type { WorkforceState } from './workforce.state';
import type { WorkforceTables } from './workforce.tables';
import { provinceCode, unitPath } from '../../../engines/geo';

/** What the workforce use cases need besides the request context. */
export interface WorkforceDeps {
  commute: CommuteOracle;
  /** The clock; tests and the demo pass a fixed one. */
  now: () => Date;
  /** Where uploaded photos go (`var/uploads`). */
  uploadDir: string;
  /** The app's workforce memory: the registry for rosters, the county locator. */
  state: WorkforceState;
  /** The app's unit directory (its `OrgState`): units by code, for scopes and placing people. */
  units: UnitDirectory;
}

export function wdb(ctx: Pick<ServiceContext, 'db'>) {
  return tablesOf<WorkforceTables>(ctx.db);
}

/** The materialised path of a unit (the org module's `org_units.path` rule). */
export function unitPathOf(info: Pick<UnitInfo, 'code' | 'cityCode'>): string {
  return unitPath(info.code, info.cityCode);
}

export interface ResolvedUnit {
  code: string;
  name: string;
  level: UnitInfo['level'];
  companyId: string;
  path: string;
}

/** A unit inside the caller's data scope; anything else is "not found in your scope". */
export async function unitInScope(
  ctx: ServiceContext,
  units: UnitDirectory,
  code: string,
  language: Language = 'zh-CN',
): Promise<ResolvedUnit> {
  const info = await units.findUnitForScope(code);
  if (!info) throw outOfScope({ zh: '组织单位', en: 'org unit' });
  const path = unitPathOf(info);
  if (!path.startsWith(scopePathPrefix(ctx.actor.scope))) {
    throw outOfScope({ zh: '组织单位', en: 'org unit' });
  }
  return {
    code: info.code,
    name: language === 'en' ? info.nameEn : info.name,
    level: info.level,
    companyId: info.companyId,
    path,
  };
}

/** Any unit by code (no scope check), for placing people; null when unknown. */
export async function unitByCode(units: UnitDirectory, code: string) {
  const info = await units.findUnitForScope(code);
  return info ? { ...info, path: unitPathOf(info) } : null;
}

/** Names and coordinates of the units in the caller's scope. */
export async function unitDirectory(ctx: ServiceContext, language: Language = 'zh-CN') {
  const units = await listUnits(ctx, {});
  return new Map(
    units.map((u) => [
      u.code,
      { name: language === 'en' ? u.nameEn : u.name, lon: u.lon, lat: u.lat, level: u.level },
    ]),
  );
}

export const defaultSettings: WorkforceSettings = {
  reportCutoff: '10:00',
  retentionDays: 30,
  // Spring 2022: staff were tested every 72 hours.
  testIntervalDays: 3,
};

const settingKeys: Record<keyof WorkforceSettings, string> = {
  reportCutoff: 'workforce.reportCutoff',
  retentionDays: 'workforce.retentionDays',
  testIntervalDays: 'workforce.testIntervalDays',
};

/** Province-wide workforce settings over their defaults. */
export async function loadSettings(ctx: Pick<ServiceContext, 'db'>): Promise<WorkforceSettings> {
  const rows = await settingsRepo.findSettings(wdb(ctx), provinceCode);
  const settings = { ...defaultSettings };
  for (const row of rows) {
    const field = (Object.keys(settingKeys) as (keyof WorkforceSettings)[]).find(
      (k) => settingKeys[k] === row.key,
    );
    if (field) (settings as Record<string, unknown>)[field] = JSON.parse(row.value_json);
  }
  return settings;
}

export async function storeSettings(ctx: ServiceContext, settings: WorkforceSettings, at: string) {
  for (const field of Object.keys(settingKeys) as (keyof WorkforceSettings)[]) {
    await settingsRepo.saveSetting(wdb(ctx), {
      key: settingKeys[field],
      scopeCode: provinceCode,
      valueJson: JSON.stringify(settings[field]),
      at,
      by: ctx.actor.userId,
    });
  }
}

/** Asks the oracle about members' homes; people without a known home count as `can`. */
export async function commuteOf(
  deps: Pick<WorkforceDeps, 'commute'>,
  members: readonly MemberRow[],
  at: Date,
): Promise<Map<string, 'can' | 'cannot'>> {
  const homes: CommuteHome[] = [];
  for (const m of members) {
    if (m.home_lon === null || m.home_lat === null) continue;
    homes.push({
      staffId: m.staff_id,
      lon: m.home_lon,
      lat: m.home_lat,
      countyCode: m.home_county_code ?? '',
    });
  }
  const answer = homes.length > 0 ? await deps.commute(homes, at) : new Map();
  const result = new Map<string, 'can' | 'cannot'>();
  for (const m of members) result.set(m.staff_id, answer.get(m.staff_id) ?? 'can');
  return result;
}

export function parseJsonArray(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
