import { compileArea } from './coverage';
import type { Area, Place } from './types';
import { PLACE_TYPES, type PlaceType } from './vocab';

/** What a candidate area would cover, shown before it is saved (docs/architecture.md#the-disruption-layer). */
export interface AreaImpact {
  /** Places covered, all types. */
  total: number;
  counts: Record<PlaceType, number>;
  /** Ids of covered retailers, in input order, for grouping by grade or business type. */
  retailerIds: string[];
  /** Indices into `places` of every covered place, in input order. */
  placeIndices: number[];
  /** Σ weight of covered retailers (e.g. weekly volume in 条); 0 without weights. */
  weightCovered: number;
  /** Σ of all weights given (the scope's total, whether or not its places were passed). */
  weightTotal: number;
  /** weightCovered ÷ weightTotal, 0 when weightTotal is 0. */
  weightShare: number;
}

/**
 * The places `area` covers, ignoring its validity interval (it is a candidate): counts by type,
 * covered retailer ids, and, given `weights` (retailer id → weekly volume, say), the covered
 * retailers' share of the weights' total. Linear in the number of places; spatial areas reject by bounding box first.
 */
export function impactOf(
  area: Area,
  places: readonly Place[],
  weights?: ReadonlyMap<string, number>,
): AreaImpact {
  const compiled = compileArea(area);
  const counts = Object.fromEntries(PLACE_TYPES.map((t) => [t, 0])) as Record<PlaceType, number>;
  const retailerIds: string[] = [];
  const placeIndices: number[] = [];
  let weightCovered = 0;
  let weightTotal = 0;
  const box = compiled.bbox;
  if (weights) for (const w of weights.values()) weightTotal += w;
  for (let i = 0; i < places.length; i++) {
    const p = places[i];
    if (box && (p.lon < box[0] || p.lon > box[2] || p.lat < box[1] || p.lat > box[3])) continue;
    if (!compiled.covers(p)) continue;
    counts[p.type]++;
    placeIndices.push(i);
    if (p.type === 'retailer') {
      retailerIds.push(p.id);
      weightCovered += weights?.get(p.id) ?? 0;
    }
  }
  return {
    total: placeIndices.length,
    counts,
    retailerIds,
    placeIndices,
    weightCovered,
    weightTotal,
    weightShare: weightTotal > 0 ? weightCovered / weightTotal : 0,
  };
}
