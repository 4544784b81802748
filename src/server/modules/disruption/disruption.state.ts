import type { Kysely } from 'kysely';
import {
  AreaIndex,
  BUILT_IN_SCHEMES,
  compileArea,
  diffEffective,
  type CompiledArea,
  type EffectiveStatus,
} from '../../../engines/disruption';
import { tablesOf } from '../../platform/db/database';
import { retailerGeneration } from '../retail';
import type { AreasChanged, PlaceChange } from './disruption.events';
import { toEngineArea } from './disruption.mapper';
import {
  loadAtlas,
  loadPlaces,
  patchRetailers,
  type CountyAtlas,
  type PlaceSnapshot,
} from './disruption.places';
import * as repo from './disruption.repository';
import type { DisruptionAreasTable, DisruptionTables } from './disruption.tables';

/**
 * The in-memory view of one database: the county atlas, every place, every area in an
 * `AreaIndex`, and the effective status of every place "now" (for the overview and for telling
 * listeners what changed). Areas are few (hundreds) and reloaded whole on each change; places
 * (~140,000 at full scale) are reloaded when retailers change or after `placeMaxAgeMs`.
 */
export interface DisruptionView {
  atlas: CountyAtlas;
  places: PlaceSnapshot;
  rows: DisruptionAreasTable[];
  rowById: Map<string, DisruptionAreasTable>;
  index: AreaIndex;
  compiled: CompiledArea[];
  /** Effective status of `places.places` at `snapshotAt`. */
  snapshot: EffectiveStatus[];
  snapshotAt: number;
  /** The snapshot before last, reused as storage for the next recompute (less GC). */
  spare: EffectiveStatus[] | undefined;
}

interface Entry {
  areasGeneration: number;
  retailGeneration: number;
  placesGeneration: number;
  view: Promise<DisruptionView>;
}

// Staff homes and org units change rarely and through other modules; a bounded age keeps them
// current without those modules having to tell us.
const placeMaxAgeMs = 5 * 60_000;
/** The "now" snapshot is refreshed when older than this (areas lapse by the clock too). */
const snapshotMaxAgeMs = 30_000;

const views = new WeakMap<Kysely<any>, Entry>();
let areasGeneration = 0;
let placesGeneration = 0;

/** Called after area writes commit (writes may run on a transaction handle, hence global). */
export function invalidateAreas(): void {
  areasGeneration++;
}

/** Forces places to be reloaded on next use (staff moved house, units moved). */
export function invalidatePlaces(): void {
  placesGeneration++;
}

async function build(
  db: Kysely<any>,
  previous: DisruptionView | null,
  reloadPlaces: 'full' | 'patch' | 'none',
): Promise<DisruptionView> {
  const atlas = previous?.atlas ?? (await loadAtlas(db));
  let places = previous && reloadPlaces !== 'full' ? previous.places : null;
  // Patching 130,000 places in place costs one narrow query instead of a full reload.
  if (places && reloadPlaces === 'patch' && !(await patchRetailers(db, places))) places = null;
  places ??= await loadPlaces(db, atlas);
  const rows = await repo.findAllAreas(tablesOf<DisruptionTables>(db));
  const areas = rows.map(toEngineArea);
  const index = AreaIndex.build(areas);
  const samePlaces = previous !== null && previous.places === places;
  const now = Date.now();
  const snapshot = index.effectiveStatusMany(
    places.places,
    now,
    samePlaces ? previous.spare : undefined,
  );
  return {
    atlas,
    places,
    rows,
    rowById: new Map(rows.map((r) => [r.id, r])),
    index,
    compiled: areas.map(compileArea),
    snapshot,
    snapshotAt: now,
    spare: samePlaces ? previous.snapshot : undefined,
  };
}

/** The current view of the database behind `db`, rebuilt after area or retailer changes. */
export async function viewOf(
  db: Kysely<any>,
  options: { refreshSnapshot?: boolean } = {},
): Promise<DisruptionView> {
  const cached = views.get(db);
  const retail = retailerGeneration();
  if (
    cached &&
    cached.areasGeneration === areasGeneration &&
    cached.retailGeneration === retail &&
    cached.placesGeneration === placesGeneration
  ) {
    const view = await cached.view;
    if (view.places.loadedAt < Date.now() - placeMaxAgeMs) {
      invalidatePlaces();
      return viewOf(db, options);
    }
    // Per-place lookups at an instant (ordering checks one retailer per order) do not read the
    // snapshot; refreshing it would stall such a call for the whole province's recompute.
    if (options.refreshSnapshot !== false && view.snapshotAt < Date.now() - snapshotMaxAgeMs) {
      const now = Date.now();
      const next = view.index.effectiveStatusMany(view.places.places, now, view.spare);
      view.spare = view.snapshot;
      view.snapshot = next;
      view.snapshotAt = now;
    }
    return view;
  }
  const reloadPlaces =
    !cached || cached.placesGeneration !== placesGeneration
      ? 'full'
      : cached.retailGeneration !== retail
        ? 'patch'
        : 'none';
  const previous = cached ? cached.view.catch(() => null) : Promise.resolve(null);
  const entry: Entry = {
    areasGeneration,
    retailGeneration: retail,
    placesGeneration,
    view: previous.then((prev) => build(db, prev, reloadPlaces)),
  };
  views.set(db, entry);
  entry.view.catch(() => {
    if (views.get(db) === entry) views.delete(db);
  });
  return entry.view;
}

/**
 * After a committed change: rebuild the view, and list the places whose effective status now
 * differs from the previous "now" snapshot (what listeners are told).
 */
export async function rebuildAfterChange(
  db: Kysely<any>,
  areaIds: string[],
  reason: AreasChanged['reason'],
): Promise<AreasChanged> {
  const before = views.get(db);
  const previous = before ? await before.view.catch(() => null) : null;
  const previousSnapshot = previous ? previous.snapshot.slice() : null;
  const previousPlaces = previous?.places ?? null;
  invalidateAreas();
  const view = await viewOf(db);
  const changes: PlaceChange[] = [];
  if (previousSnapshot && previousPlaces === view.places) {
    for (const change of diffEffective(previousSnapshot, view.snapshot)) {
      const place = view.places.places[change.key]!;
      changes.push({
        type: place.type,
        id: place.id,
        countyCode: place.countyCode,
        before: change.before,
        after: change.after,
        effectChanged: change.effectChanged,
      });
    }
  }
  return { db, areaIds, reason, changes, at: new Date(view.snapshotAt).toISOString() };
}

/** The built-in schemes, for seeding. */
export const builtInSchemes = BUILT_IN_SCHEMES;
