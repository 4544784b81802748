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
import { AreasChangedHub, type AreasChanged, type PlaceChange } from './disruption.events';
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
  /** When (real time) the snapshot was computed, for its age. */
  refreshedAt: number;
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
// current without those modules having to tell us. Ages are measured in real time (a fixed
// server clock must not freeze the cache); the instant a snapshot describes is the server clock.
const placeMaxAgeMs = 5 * 60_000;
/** The "now" snapshot is refreshed when older than this (areas lapse by the clock too). */
const snapshotMaxAgeMs = 30_000;

export interface DisruptionStateOptions {
  db: Kysely<any>;
  /** The retail state's write counter: the places are patched when it moves. */
  retail: { generation(): number };
  /** Where area changes are broadcast (`flows/disruption-events.ts` wires the listeners). */
  events?: AreasChangedHub;
  /** The server clock (`TONGXIN_CLOCK`): "now" for the snapshot and the overview. */
  clock?: () => Date;
}

/**
 * What the disruption module keeps in memory for one database (docs/architecture.md#where-state-lives):
 * the view (places, `AreaIndex`, the "now" snapshot), rebuilt after every change. Built once by
 * the app (or a seed, bench or CLI command) and released on close. Area writes may run on a
 * transaction handle, so invalidation is by generation, not by handle.
 */
export class DisruptionState {
  readonly db: Kysely<any>;
  readonly events: AreasChangedHub;
  readonly clock: () => Date;
  private readonly retail: { generation(): number };
  private entry: Entry | null = null;
  private areasGeneration = 0;
  private placesGeneration = 0;

  constructor(options: DisruptionStateOptions) {
    this.db = options.db;
    this.retail = options.retail;
    this.events = options.events ?? new AreasChangedHub();
    this.clock = options.clock ?? (() => new Date());
  }

  /** Called after area or scheme writes commit. */
  invalidateAreas(): void {
    this.areasGeneration++;
  }

  /** Forces places to be reloaded on next use (staff moved house, units moved). */
  invalidatePlaces(): void {
    this.placesGeneration++;
  }

  /** The current view, rebuilt after area or retailer changes. */
  async view(options: { refreshSnapshot?: boolean } = {}): Promise<DisruptionView> {
    const cached = this.entry;
    const retail = this.retail.generation();
    if (
      cached &&
      cached.areasGeneration === this.areasGeneration &&
      cached.retailGeneration === retail &&
      cached.placesGeneration === this.placesGeneration
    ) {
      const view = await cached.view;
      if (view.places.loadedAt < Date.now() - placeMaxAgeMs) {
        this.invalidatePlaces();
        return this.view(options);
      }
      // Per-place lookups at an instant (ordering checks one retailer per order) do not read the
      // snapshot; refreshing it would stall such a call for the whole province's recompute.
      if (options.refreshSnapshot !== false && view.refreshedAt < Date.now() - snapshotMaxAgeMs) {
        const now = this.clock().getTime();
        const next = view.index.effectiveStatusMany(view.places.places, now, view.spare);
        view.spare = view.snapshot;
        view.snapshot = next;
        view.snapshotAt = now;
        view.refreshedAt = Date.now();
      }
      return view;
    }
    const reloadPlaces =
      !cached || cached.placesGeneration !== this.placesGeneration
        ? 'full'
        : cached.retailGeneration !== retail
          ? 'patch'
          : 'none';
    const previous = cached ? cached.view.catch(() => null) : Promise.resolve(null);
    const entry: Entry = {
      areasGeneration: this.areasGeneration,
      retailGeneration: retail,
      placesGeneration: this.placesGeneration,
      view: previous.then((prev) => build(this.db, prev, reloadPlaces, this.clock)),
    };
    this.entry = entry;
    entry.view.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return entry.view;
  }

  /**
   * After a committed change: rebuild the view, and list the places whose effective status now
   * differs from the previous "now" snapshot (what listeners are told).
   */
  async rebuildAfterChange(
    areaIds: string[],
    reason: AreasChanged['reason'],
  ): Promise<AreasChanged> {
    const before = this.entry;
    const previous = before ? await before.view.catch(() => null) : null;
    const previousSnapshot = previous ? previous.snapshot.slice() : null;
    const previousPlaces = previous?.places ?? null;
    this.invalidateAreas();
    const view = await this.view();
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
    return { areaIds, reason, changes, at: new Date(view.snapshotAt).toISOString() };
  }

  /** Releases the view (app close); the next use would rebuild it. */
  close(): void {
    this.entry = null;
  }
}

export function createDisruptionState(options: DisruptionStateOptions): DisruptionState {
  return new DisruptionState(options);
}

async function build(
  db: Kysely<any>,
  previous: DisruptionView | null,
  reloadPlaces: 'full' | 'patch' | 'none',
  clock: () => Date,
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
  const now = clock().getTime();
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
    refreshedAt: Date.now(),
    spare: samePlaces ? previous.snapshot : undefined,
  };
}

/** The built-in schemes, for seeding. */
export const builtInSchemes = BUILT_IN_SCHEMES;
