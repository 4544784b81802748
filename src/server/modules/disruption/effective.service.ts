import type { DisruptionOverviewDto, EffectiveStatusDto } from '../../../contracts/disruption';
import { toMillis, type EffectiveStatus, type PlaceType } from '../../../engines/disruption';
import { scopeCovers, type DataScope } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { visibleCompanies } from './disruption.access';
import { countyList, isActiveRow } from './disruption.mapper';
import { placeKey, type PlaceSnapshot } from './disruption.places';
import type { DisruptionState } from './disruption.state';
import { cityOfCounty } from '../../../engines/geo';

const placeEntity = { zh: '地点', en: 'place' };

function inScope(scope: DataScope, places: PlaceSnapshot, i: number): boolean {
  const place = places.places[i]!;
  if (scope.kind === 'retailer') return place.type === 'retailer' && place.id === scope.retailerId;
  return scopeCovers(scope, places.info[i]!.cityCode, place.countyCode);
}

function toDto(
  places: PlaceSnapshot,
  i: number,
  status: EffectiveStatus,
  at: string,
): EffectiveStatusDto {
  const place = places.places[i]!;
  return {
    type: place.type,
    id: place.id,
    at,
    ordering: status.ordering,
    delivery: status.delivery,
    commute: status.commute,
    office: status.office,
    status: status.status,
    scheme: status.scheme,
    severity: status.severity,
    areaIds: [...status.areaIds],
    serviceState: status.serviceState,
    countyCode: place.countyCode,
  };
}

/** The effective status of one place in the caller's scope at `at` (default now). */
export async function effectiveOf(
  ctx: ServiceContext,
  state: DisruptionState,
  ref: { type: PlaceType; id: string },
  at?: string,
): Promise<EffectiveStatusDto> {
  const view = await state.view();
  const i = view.places.byKey.get(placeKey(ref.type, ref.id));
  if (i === undefined || !inScope(ctx.actor.scope, view.places, i)) throw outOfScope(placeEntity);
  const instant = new Date(at ?? state.clock()).toISOString();
  return toDto(
    view.places,
    i,
    view.index.effectiveStatus(view.places.places[i]!, instant),
    instant,
  );
}

/** Many places at one instant; unknown or out-of-scope ones are listed apart, not refused. */
export async function effectiveMany(
  ctx: ServiceContext,
  state: DisruptionState,
  refs: { type: PlaceType; id: string }[],
  at?: string,
) {
  const view = await state.view();
  const instant = new Date(at ?? state.clock()).toISOString();
  const items: EffectiveStatusDto[] = [];
  const unknown: { type: PlaceType; id: string }[] = [];
  for (const ref of refs) {
    const i = view.places.byKey.get(placeKey(ref.type, ref.id));
    if (i === undefined || !inScope(ctx.actor.scope, view.places, i)) {
      unknown.push(ref);
      continue;
    }
    items.push(
      toDto(view.places, i, view.index.effectiveStatus(view.places.places[i]!, instant), instant),
    );
  }
  return { at: instant, items, unknown };
}

/**
 * A place's effective status over time: the instants at which any area covering it starts, lapses
 * or ends cut the timeline; consecutive intervals with the same rules are merged.
 */
export async function placeHistory(
  ctx: ServiceContext,
  state: DisruptionState,
  ref: { type: PlaceType; id: string },
  range: { from?: string | undefined; to?: string | undefined },
) {
  const view = await state.view();
  const i = view.places.byKey.get(placeKey(ref.type, ref.id));
  if (i === undefined || !inScope(ctx.actor.scope, view.places, i)) throw outOfScope(placeEntity);
  const place = view.places.places[i]!;
  const from = range.from ? toMillis(range.from) : -Infinity;
  const to = range.to ? toMillis(range.to) : Infinity;
  const cuts = new Set<number>();
  for (const c of view.compiled) {
    if (!c.covers(place)) continue;
    for (const t of [c.from, c.until]) if (Number.isFinite(t) && t > from && t < to) cuts.add(t);
  }
  const start = Number.isFinite(from) ? from : Math.min(...cuts, state.clock().getTime());
  const instants = [start, ...[...cuts].filter((t) => t > start).sort((a, b) => a - b)];
  type Interval = {
    from: string;
    until: string | null;
    ordering: EffectiveStatus['ordering'];
    delivery: EffectiveStatus['delivery'];
    commute: EffectiveStatus['commute'];
    office: EffectiveStatus['office'];
    status: string | null;
    scheme: string | null;
    areaIds: string[];
  };
  const intervals: Interval[] = [];
  for (const t of instants) {
    const s = view.index.effectiveStatus(place, t);
    const last = intervals[intervals.length - 1];
    const same =
      last &&
      last.ordering === s.ordering &&
      last.delivery === s.delivery &&
      last.commute === s.commute &&
      last.office === s.office &&
      last.status === s.status &&
      last.areaIds.join() === s.areaIds.join();
    if (same) continue;
    if (last) last.until = new Date(t).toISOString();
    intervals.push({
      from: new Date(t).toISOString(),
      until: null,
      ordering: s.ordering,
      delivery: s.delivery,
      commute: s.commute,
      office: s.office,
      status: s.status,
      scheme: s.scheme,
      areaIds: [...s.areaIds],
    });
  }
  const last = intervals[intervals.length - 1];
  if (last && Number.isFinite(to)) last.until = new Date(to).toISOString();
  return { place: { type: place.type, id: place.id }, intervals };
}

/** Per county of the caller's scope: areas in force now and the places they hold back. */
export async function disruptionOverview(
  ctx: ServiceContext,
  state: DisruptionState,
  language: Language,
): Promise<DisruptionOverviewDto> {
  const view = await state.view();
  const scope = ctx.actor.scope;
  const now = view.snapshotAt;
  type Row = DisruptionOverviewDto['counties'][number];
  const counties = new Map<string, Row>();
  const row = (code: string): Row => {
    let r = counties.get(code);
    if (!r) {
      r = {
        countyCode: code,
        sealedAreas: 0,
        controlledAreas: 0,
        retailersBlocked: 0,
        retailersRestricted: 0,
        staffCannotCommute: 0,
      };
      counties.set(code, r);
    }
    return r;
  };
  const companies = visibleCompanies(scope);
  const areas: DisruptionOverviewDto['areas'] = [];
  for (const a of view.rows) {
    if (!isActiveRow(a, now)) continue;
    if (companies && !companies.includes(a.company_id)) continue;
    areas.push({
      id: a.id,
      name: a.name,
      severity: Number(a.severity),
      statusLabel: language === 'en' ? a.status_label_en : a.status_label_zh,
      coverage: JSON.parse(a.coverage_json) as DisruptionOverviewDto['areas'][number]['coverage'],
    });
    for (const code of countyList(a.county_codes)) {
      if (Number(a.severity) >= 30) row(code).sealedAreas++;
      else if (Number(a.severity) >= 20) row(code).controlledAreas++;
    }
  }
  const places = view.places;
  for (let i = 0; i < places.places.length; i++) {
    const s = view.snapshot[i]!;
    if (s.areaIds.length === 0 && s.ordering === 'allowed' && s.delivery === 'normal') continue;
    const place = places.places[i]!;
    if (place.type === 'retailer') {
      if (!places.info[i]!.active) continue;
      if (s.ordering === 'blocked') row(place.countyCode).retailersBlocked++;
      else if (s.ordering !== 'allowed' || s.delivery !== 'normal')
        row(place.countyCode).retailersRestricted++;
    } else if (place.type === 'staff_home' && s.commute === 'cannot') {
      row(place.countyCode).staffCannotCommute++;
    }
  }
  const visible = [...counties.values()]
    .filter((r) =>
      scope.kind === 'province'
        ? true
        : scope.kind === 'city'
          ? cityOfCounty(r.countyCode) === scope.cityCode
          : r.countyCode === scope.countyCode,
    )
    .sort((a, b) => a.countyCode.localeCompare(b.countyCode));
  return { at: new Date(now).toISOString(), counties: visible, areas };
}

/** Commute effect of staff homes at an instant (the workforce port, wired in flows). */
export async function commuteOfHomes(
  state: DisruptionState,
  homes: { staffId: string; lon: number; lat: number; countyCode: string }[],
  at: Date,
): Promise<Map<string, 'can' | 'cannot'>> {
  const view = await state.view();
  const out = new Map<string, 'can' | 'cannot'>();
  for (const home of homes) {
    const s = view.index.effectiveStatus(
      {
        type: 'staff_home',
        id: home.staffId,
        lon: home.lon,
        lat: home.lat,
        countyCode: home.countyCode || (view.atlas.locator.locate(home.lon, home.lat)?.code ?? ''),
      },
      at,
    );
    out.set(home.staffId, s.commute);
  }
  return out;
}

/** What retailers may do at an instant: ordering and delivery with the deciding area. */
export interface RetailerEffect {
  ordering: EffectiveStatus['ordering'];
  delivery: EffectiveStatus['delivery'];
  /** Most severe covering area, or null (the service state alone decided). */
  areaId: string | null;
  /** That area's name, as people call it (how supply labels the reserve held under it). */
  areaName: string | null;
  status: string | null;
  severity: number;
}

/** Effects of retailers (by ids, or a whole city) at an instant (the supply port, wired in flows). */
export async function retailerEffects(
  state: DisruptionState,
  retailers: readonly string[] | { cityCode: string },
  at: Date,
): Promise<Map<string, RetailerEffect>> {
  const view = await state.view({ refreshSnapshot: false });
  const places = view.places;
  const out = new Map<string, RetailerEffect>();
  const put = (i: number) => {
    const s = view.index.effectiveStatus(places.places[i]!, at);
    const areaId = s.areaIds[0] ?? null;
    out.set(places.places[i]!.id, {
      ordering: s.ordering,
      delivery: s.delivery,
      areaId,
      areaName: areaId ? (view.rowById.get(areaId)?.name ?? null) : null,
      status: s.status,
      severity: s.severity,
    });
  };
  if (Array.isArray(retailers)) {
    for (const id of retailers as readonly string[]) {
      const i = places.byKey.get(placeKey('retailer', id));
      if (i !== undefined) put(i);
    }
  } else {
    const city = (retailers as { cityCode: string }).cityCode;
    for (let i = 0; i < places.places.length; i++) {
      if (places.places[i]!.type === 'retailer' && places.info[i]!.cityCode === city) put(i);
    }
  }
  return out;
}
