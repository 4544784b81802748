import { PackedRTree, type BBox } from '../geo';
import { activeAt, compileArea, divisionCodesOf, type CompiledArea } from './coverage';
import { EffectiveCache, resolveEffective } from './effective';
import { toMillis } from './time';
import type { Area, EffectiveStatus, Instant, Place } from './types';
import type { ServiceState } from './vocab';

/** Lookup structures over a subset of the compiled areas (all of them, or those active at t). */
interface Lookup {
  tree: PackedRTree;
  /** Tree item → compiled index. */
  treeItems: number[];
  /** Division code → compiled indices of 'counties' areas naming it. */
  byDivision: Map<string, number[]>;
  /** Some 'counties' area names a city or province code, so prefixes must be looked up. */
  prefixCodes: boolean;
  byPlace: Map<string, number[]>;
}

/**
 * Index of all areas (active, future and ended) answering "which areas cover this place at t"
 * and "what may this place do at t". Build it once per change of the area list (cheap: O(n log n)
 * plus preparing the new geometries) and query it many times; it is immutable apart from
 * internal scratch space and a result cache, so share it between requests on one thread.
 *
 * Spatial areas (geometry, townships, circle) sit in a packed R-tree over their bounding boxes;
 * county-coded and place-listed areas in hash maps. Areas are kept sorted most severe first
 * (severity desc, then latest validFrom, then id), so a place's covering list is sorted by
 * sorting small integers.
 */
export class AreaIndex {
  private readonly compiled: CompiledArea[];
  private readonly all: Lookup;
  private readonly cache: EffectiveCache;
  /** Scratch: compiled indices of the current place's covering areas (at most all areas). */
  private readonly found: Int32Array;
  private readonly divisionMemo = new Map<string, string[]>();
  private view: { t: number; lookup: Lookup } | null = null;

  private constructor(compiled: CompiledArea[]) {
    this.compiled = compiled;
    this.found = new Int32Array(compiled.length);
    this.cache = new EffectiveCache(compiled.length);
    this.all = buildLookup(
      compiled,
      compiled.map((_, i) => i),
    );
  }

  /** Indexes the areas; throws RangeError on duplicate ids or invalid instants/circles. */
  static build(areas: readonly Area[]): AreaIndex {
    const ids = new Set<string>();
    for (const a of areas) {
      if (ids.has(a.id)) throw new RangeError(`duplicate area id ${a.id}`);
      ids.add(a.id);
    }
    const compiled = areas.map(compileArea);
    compiled.sort(
      (a, b) =>
        b.area.severity - a.area.severity ||
        b.from - a.from ||
        (a.area.id < b.area.id ? -1 : a.area.id > b.area.id ? 1 : 0),
    );
    return new AreaIndex(compiled);
  }

  /** Every indexed area, most severe first. */
  get areas(): Area[] {
    return this.compiled.map((c) => c.area);
  }

  /** The areas in force at t, most severe first. */
  activeAreas(t: Instant): Area[] {
    const ms = toMillis(t);
    return this.compiled.filter((c) => activeAt(c, ms)).map((c) => c.area);
  }

  /** The areas in force at t that cover the place, most severe first. */
  coveringAreas(place: Place, t: Instant): Area[] {
    const n = this.collect(this.all, place, toMillis(t));
    return Array.from(this.found.subarray(0, n), (i) => this.compiled[i].area);
  }

  /**
   * The rules in force at the place at t: the most severe covering area's status, effects
   * combined strictest-wins over all covering areas, and for a retailer its service state
   * (`serviceState` argument, else `place.serviceState`, else 'open') combined the same way.
   * The status at a past instant is the same call with that instant (areas are never deleted).
   */
  effectiveStatus(place: Place, t: Instant, serviceState?: ServiceState): EffectiveStatus {
    const n = this.collect(this.all, place, toMillis(t));
    return resolveEffective(
      this.cache,
      this.compiled,
      this.found,
      n,
      serviceOf(place, serviceState),
    );
  }

  /**
   * {@link effectiveStatus} for many places at one instant, aligned with `places`. Meant for
   * recomputing every place after an area change: areas not in force at t are dropped up front
   * (history costs nothing) and places with the same covering areas share one frozen result.
   * Pass `into` (say, the snapshot before last) to reuse its storage instead of allocating a
   * fresh 100,000-slot array on every recompute; it is resized to `places.length`.
   */
  effectiveStatusMany(
    places: readonly Place[],
    t: Instant,
    into?: EffectiveStatus[],
  ): EffectiveStatus[] {
    const ms = toMillis(t);
    const lookup = this.lookupAt(ms);
    const out = into ?? new Array<EffectiveStatus>(places.length);
    out.length = places.length;
    for (let i = 0; i < places.length; i++) {
      const place = places[i];
      const n = this.collect(lookup, place, ms);
      out[i] = resolveEffective(this.cache, this.compiled, this.found, n, serviceOf(place));
    }
    return out;
  }

  private lookupAt(ms: number): Lookup {
    if (this.view?.t !== ms) {
      const active: number[] = [];
      for (let i = 0; i < this.compiled.length; i++)
        if (activeAt(this.compiled[i], ms)) active.push(i);
      this.view = { t: ms, lookup: buildLookup(this.compiled, active) };
    }
    return this.view.lookup;
  }

  /**
   * Puts the compiled indices of the active areas covering the place in found[0 .. n), ascending
   * (= most severe first), and returns n. Allocation-free: it runs 138,000 times per recompute.
   */
  private collect(lookup: Lookup, place: Place, ms: number): number {
    const found = this.found;
    const compiled = this.compiled;
    let n = 0;
    if (lookup.treeItems.length > 0) {
      const hits = lookup.tree.queryPoint(place.lon, place.lat);
      const result = lookup.tree.result;
      for (let h = 0; h < hits; h++) {
        const i = lookup.treeItems[result[h]];
        const c = compiled[i];
        if (c.from <= ms && ms < c.until && c.covers(place)) found[n++] = i;
      }
    }
    if (lookup.byDivision.size > 0) {
      if (lookup.prefixCodes) {
        const codes = this.divisionCodes(place.countyCode);
        for (let k = 0; k < codes.length; k++)
          n = this.collectList(lookup.byDivision.get(codes[k]), n, ms);
      } else {
        n = this.collectList(lookup.byDivision.get(place.countyCode), n, ms);
      }
    }
    if (lookup.byPlace.size > 0) n = this.collectList(lookup.byPlace.get(place.id), n, ms);
    // Insertion sort: n is almost always 0–3.
    for (let k = 1; k < n; k++) {
      const v = found[k];
      let j = k - 1;
      while (j >= 0 && found[j] > v) {
        found[j + 1] = found[j];
        j--;
      }
      found[j + 1] = v;
    }
    return n;
  }

  /** Appends the active areas of `list` not already found; returns the new count. */
  private collectList(list: number[] | undefined, n: number, ms: number): number {
    if (!list) return n;
    const found = this.found;
    for (const i of list) {
      const c = this.compiled[i];
      if (!(c.from <= ms && ms < c.until)) continue;
      let seen = false;
      for (let k = 0; k < n; k++) if (found[k] === i) seen = true;
      if (!seen) found[n++] = i;
    }
    return n;
  }

  /** County, city and province codes of a county, memoised (a province has ~100 counties). */
  private divisionCodes(countyCode: string): string[] {
    let codes = this.divisionMemo.get(countyCode);
    if (!codes) {
      codes = divisionCodesOf(countyCode);
      this.divisionMemo.set(countyCode, codes);
    }
    return codes;
  }
}

function serviceOf(place: Place, override?: ServiceState): ServiceState | null {
  return place.type === 'retailer' ? (override ?? place.serviceState ?? 'open') : null;
}

function buildLookup(compiled: CompiledArea[], subset: number[]): Lookup {
  const boxes: BBox[] = [];
  const treeItems: number[] = [];
  const byDivision = new Map<string, number[]>();
  const byPlace = new Map<string, number[]>();
  let prefixCodes = false;
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (const i of subset) {
    const c = compiled[i];
    const coverage = c.area.coverage;
    if (c.bbox) {
      boxes.push(c.bbox);
      treeItems.push(i);
    } else if (coverage.kind === 'counties') {
      for (const code of coverage.countyCodes) {
        add(byDivision, code, i);
        if (code.endsWith('00')) prefixCodes = true;
      }
    } else if (coverage.kind === 'places') {
      for (const id of coverage.placeIds) add(byPlace, id, i);
    }
  }
  return { tree: PackedRTree.build(boxes), treeItems, byDivision, prefixCodes, byPlace };
}
