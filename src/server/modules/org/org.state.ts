import type { Kysely } from 'kysely';
import { countyShapesJson, readUnitInfos, type UnitInfo } from './org.service';

/**
 * What other modules need of the org tree on their hot paths: a unit's place (for data scopes)
 * and unit names (for labelling rows). The app's `OrgState` is one; a caller without an app (CLI,
 * seed, bench) builds its own with `createOrgState`.
 */
export interface UnitDirectory {
  /** A unit with its city and county; null when no such unit exists. */
  findUnitForScope(code: string): Promise<UnitInfo | null>;
  /** Unit names by code in the given language. */
  unitNames(language?: 'zh-CN' | 'en'): Promise<Map<string, string>>;
}

/** How long unit lookups are remembered: units change only through administration. */
const unitInfoMs = 60_000;

/**
 * What the org module keeps in memory for one app (docs/architecture.md#where-state-lives): the
 * county shapes serialised once for the overview map (they never change while the server runs),
 * and every unit's place and names for a minute (read again at once when a unit asked for is not
 * among them). Built in `buildApp`, passed to the routes and services that use it, released on
 * close.
 */
export class OrgState implements UnitDirectory {
  private shapes: Promise<string> | null = null;
  private units: { at: number; byCode: Map<string, UnitInfo> } | null = null;

  constructor(readonly db: Kysely<any>) {}

  /** The county shapes as GeoJSON text, read on first use. */
  countyShapes(): Promise<string> {
    if (!this.shapes) {
      const shapes = countyShapesJson(this.db);
      this.shapes = shapes;
      shapes.catch(() => {
        if (this.shapes === shapes) this.shapes = null;
      });
    }
    return this.shapes;
  }

  async findUnitForScope(code: string): Promise<UnitInfo | null> {
    const infos = await this.unitInfos(code);
    return infos.get(code) ?? null;
  }

  async unitNames(language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Map<string, string>> {
    const infos = await this.unitInfos();
    const names = new Map<string, string>();
    for (const [code, info] of infos) names.set(code, language === 'en' ? info.nameEn : info.name);
    return names;
  }

  /** Forgets the remembered units (after an org change made through this app's database). */
  forgetUnits(): void {
    this.units = null;
  }

  private async unitInfos(mustHave?: string): Promise<Map<string, UnitInfo>> {
    const held = this.units;
    const stale = !held || Date.now() - held.at > unitInfoMs;
    if (stale || (mustHave !== undefined && !held.byCode.has(mustHave))) {
      const byCode = await readUnitInfos(this.db);
      this.units = { at: Date.now(), byCode };
      return byCode;
    }
    return held.byCode;
  }

  close(): void {
    this.shapes = null;
    this.units = null;
  }
}

export function createOrgState(db: Kysely<any>): OrgState {
  return new OrgState(db);
}
