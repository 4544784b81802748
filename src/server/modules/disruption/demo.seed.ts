import type { Kysely } from 'kysely';
import type { AreaBody } from '../../../contracts/disruption';
import { AppError } from '../../platform/errors';
import { areaRow, insertAreaRows } from './areas.service';
import { toScheme } from './disruption.mapper';
import { loadAtlas, type PlaceSnapshot } from './disruption.places';
import { resolveArea } from './disruption.rules';
import { loadSchemes } from './schemes.service';

/** An area of the demo province, with an end for those that already reopened. */
export interface DemoAreaSpec {
  id: string;
  body: AreaBody;
  noticeNumber: string;
  noticeText: string;
  endedAt?: string;
  endReason?: string;
}

const noPlaces: PlaceSnapshot = {
  places: [],
  info: [],
  byKey: new Map(),
  byId: new Map(),
  weeklyVolumeByCounty: new Map(),
  loadedAt: 0,
  retailersAsOf: '',
};

/**
 * Seeds the built-in schemes and the given areas, checked by the same rules as the API (a bad
 * demo area fails the seed loudly). Runs inside the seeding transaction, before any app (and so any
 * disruption state) is built on the database: there is no view to invalidate.
 */
export async function seedDemoAreas(db: Kysely<any>, specs: DemoAreaSpec[], now: string) {
  const [schemes, atlas] = await Promise.all([loadSchemes(db), loadAtlas(db)]);
  const rows = specs.map((spec) => {
    const resolved = resolveArea(spec.body, schemes.map(toScheme), atlas, noPlaces);
    if (!resolved.ok) {
      throw new AppError('VALIDATION_FAILED', { details: { demoArea: spec.id, ...resolved } });
    }
    return areaRow(resolved.area, {
      id: spec.id,
      source: 'demo',
      createdBy: null,
      noticeNumber: spec.noticeNumber,
      noticeText: spec.noticeText,
      endedAt: spec.endedAt ?? null,
      endReason: spec.endReason ?? null,
      now,
    });
  });
  await insertAreaRows(db, rows);
  return rows.length;
}
