import {
  businessTypes,
  marketTypes,
  retailerStatuses,
  serviceStates,
  type ListRetailersQuery,
} from '../../../contracts/retail';
import type { DataScope } from '../../platform/auth/scope';

/** The columns the directory indexes, one row per retailer. */
export interface DirectoryRow {
  id: string;
  licence_no: string;
  name: string;
  holder: string;
  city_code: string;
  county_code: string;
  grade: number;
  market_type: string;
  business_type: string;
  service_state: string;
  status: string;
}

const codeOf = <T extends string>(vocabulary: readonly T[], value: string) =>
  Math.max(0, vocabulary.indexOf(value as T));

/**
 * An in-memory index of every retailer's searchable attributes, kept in typed arrays.
 *
 * Why: the retailer list is the busiest read of the product (every account manager, planner and
 * analyst, all day) and its filters combine freely with a contains-search and a total count. A
 * B-tree cannot serve `%text%` nor count arbitrary filter combinations cheaply, and at 130,000
 * retailers each such SQL query costs tens of milliseconds. One pass over typed arrays costs about
 * one millisecond on either database; the page's rows are then read by primary key.
 * It is rebuilt from the database after any retailer write (see `invalidateDirectory`).
 */
export class RetailerDirectory {
  readonly size: number;
  private readonly ids: string[];
  private readonly licence: string[];
  private readonly name: string[];
  /** Licence, name and holder, lower-cased and joined: one `includes` per row for a search. */
  private readonly haystack: string[];
  private readonly county: Uint32Array;
  private readonly city: Uint32Array;
  private readonly grade: Uint8Array;
  private readonly market: Uint8Array;
  private readonly business: Uint8Array;
  private readonly service: Uint8Array;
  private readonly status: Uint8Array;
  private readonly byLicence: Uint32Array;
  /** Row indices of each county and city, in licence order (the usual filters and scopes). */
  private readonly countyRows = new Map<number, Uint32Array>();
  private readonly cityRows = new Map<number, Uint32Array>();
  private readonly indexOfId = new Map<string, number>();
  private byGrade: Uint32Array | null = null;
  private byName: Uint32Array | null = null;
  private nameRank: Uint32Array | null = null;
  /**
   * Totals of recent filters: paging through one filter then stops at the page instead of counting
   * every row again. The directory is immutable (rebuilt after writes), so a total never goes stale.
   */
  private readonly totals = new Map<string, number>();

  constructor(rows: readonly DirectoryRow[]) {
    const n = rows.length;
    this.size = n;
    this.ids = new Array<string>(n);
    this.licence = new Array<string>(n);
    this.name = new Array<string>(n);
    this.haystack = new Array<string>(n);
    this.county = new Uint32Array(n);
    this.city = new Uint32Array(n);
    this.grade = new Uint8Array(n);
    this.market = new Uint8Array(n);
    this.business = new Uint8Array(n);
    this.service = new Uint8Array(n);
    this.status = new Uint8Array(n);
    rows.forEach((row, i) => {
      this.ids[i] = row.id;
      this.licence[i] = row.licence_no;
      this.name[i] = row.name;
      this.haystack[i] = `${row.licence_no}\u0001${row.name}\u0001${row.holder}`.toLowerCase();
      this.county[i] = Number(row.county_code);
      this.city[i] = Number(row.city_code);
      this.grade[i] = row.grade;
      this.market[i] = codeOf(marketTypes, row.market_type);
      this.business[i] = codeOf(businessTypes, row.business_type);
      this.service[i] = codeOf(serviceStates, row.service_state);
      this.status[i] = codeOf(retailerStatuses, row.status);
    });
    this.byLicence = this.order((a, b) => (this.licence[a]! < this.licence[b]! ? -1 : 1));
    const counties = new Map<number, number[]>();
    const cities = new Map<number, number[]>();
    for (const i of this.byLicence) {
      this.indexOfId.set(this.ids[i]!, i);
      (
        counties.get(this.county[i]!) ?? counties.set(this.county[i]!, []).get(this.county[i]!)!
      ).push(i);
      (cities.get(this.city[i]!) ?? cities.set(this.city[i]!, []).get(this.city[i]!)!).push(i);
    }
    for (const [code, rows] of counties) this.countyRows.set(code, Uint32Array.from(rows));
    for (const [code, rows] of cities) this.cityRows.set(code, Uint32Array.from(rows));
  }

  /**
   * The rows a query can touch, in licence order: one county's or city's rows when the scope or
   * the filters name one (a county holds ~1,000 retailers, a city ~12,000), else null for all.
   */
  private candidates(scope: DataScope, f: ListRetailersQuery): Uint32Array | null {
    if (scope.kind === 'retailer') {
      const i = this.indexOfId.get(scope.retailerId);
      return i === undefined ? new Uint32Array(0) : Uint32Array.of(i);
    }
    const county = f.countyCode ?? (scope.kind === 'county' ? scope.countyCode : undefined);
    if (county) return this.countyRows.get(Number(county)) ?? new Uint32Array(0);
    const city = f.cityCode ?? (scope.kind === 'city' ? scope.cityCode : undefined);
    if (city) return this.cityRows.get(Number(city)) ?? new Uint32Array(0);
    return null;
  }

  /** Candidates (licence order) re-ordered for the requested sort; stable, so ties keep licence order. */
  private ordered(rows: Uint32Array, sort: ListRetailersQuery['sort']): Uint32Array {
    if (sort === 'grade' || sort === '-grade') {
      // Counting sort by grade: linear, and stable.
      const starts = new Uint32Array(257);
      for (const i of rows) starts[this.grade[i]! + 1]!++;
      for (let g = 1; g < 257; g++) starts[g]! += starts[g - 1]!;
      const out = new Uint32Array(rows.length);
      for (const i of rows) out[starts[this.grade[i]!]!++] = i;
      return out;
    }
    if (sort === 'name') {
      this.sorted('name');
      const rank = this.nameRank!;
      return Uint32Array.from(rows).sort((a, b) => rank[a]! - rank[b]!);
    }
    return rows;
  }

  private order(compare: (a: number, b: number) => number): Uint32Array {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort(compare);
    return Uint32Array.from(order);
  }

  private sorted(sort: ListRetailersQuery['sort']): { order: Uint32Array; reverse: boolean } {
    if (sort === 'grade' || sort === '-grade') {
      this.byGrade ??= this.order(
        (a, b) => this.grade[a]! - this.grade[b]! || (this.licence[a]! < this.licence[b]! ? -1 : 1),
      );
      return { order: this.byGrade, reverse: sort === '-grade' };
    }
    if (sort === 'name') {
      const collator = new Intl.Collator('zh-CN');
      if (!this.byName) {
        this.byName = this.order((a, b) => collator.compare(this.name[a]!, this.name[b]!) || a - b);
        this.nameRank = new Uint32Array(this.size);
        this.byName.forEach((row, position) => (this.nameRank![row] = position));
      }
      return { order: this.byName, reverse: false };
    }
    return { order: this.byLicence, reverse: false };
  }

  /** A predicate over row indices for the scope and the filters (one function, no closure list). */
  private matcher(scope: DataScope, f: ListRetailersQuery): (i: number) => boolean {
    const none = -1;
    const scopeCity = scope.kind === 'city' ? Number(scope.cityCode) : none;
    const scopeCounty = scope.kind === 'county' ? Number(scope.countyCode) : none;
    const scopeId = scope.kind === 'retailer' ? scope.retailerId : null;
    const city = f.cityCode ? Number(f.cityCode) : none;
    const county = f.countyCode ? Number(f.countyCode) : none;
    const gradeMin = f.gradeMin ?? 0;
    const gradeMax = f.gradeMax ?? 255;
    const business = f.businessType ? codeOf(businessTypes, f.businessType) : none;
    const market = f.marketType ? codeOf(marketTypes, f.marketType) : none;
    const service = f.serviceState ? codeOf(serviceStates, f.serviceState) : none;
    const text = f.q ? f.q.toLowerCase() : null;
    return (i) =>
      (scopeCity === none || this.city[i] === scopeCity) &&
      (scopeCounty === none || this.county[i] === scopeCounty) &&
      (scopeId === null || this.ids[i] === scopeId) &&
      (city === none || this.city[i] === city) &&
      (county === none || this.county[i] === county) &&
      this.grade[i]! >= gradeMin &&
      this.grade[i]! <= gradeMax &&
      (business === none || this.business[i] === business) &&
      (market === none || this.market[i] === market) &&
      (service === none || this.service[i] === service) &&
      (text === null || this.haystack[i]!.includes(text));
  }

  /** The ids of one page of matching retailers in the requested order, and the total. */
  query(scope: DataScope, f: ListRetailersQuery): { ids: string[]; total: number } {
    const matches = this.matcher(scope, f);
    const candidates = this.candidates(scope, f);
    const { order, reverse } = candidates
      ? { order: this.ordered(candidates, f.sort), reverse: f.sort === '-grade' }
      : this.sorted(f.sort);
    const from = (f.page - 1) * f.pageSize;
    const to = from + f.pageSize;
    const key = JSON.stringify([
      scope,
      f.q,
      f.cityCode,
      f.countyCode,
      f.gradeMin,
      f.gradeMax,
      f.businessType,
      f.marketType,
      f.serviceState,
    ]);
    const known = this.totals.get(key);
    const ids: string[] = [];
    let seen = 0;
    const n = order.length;
    for (let k = 0; k < n; k++) {
      const i = order[reverse ? n - 1 - k : k]!;
      if (!matches(i)) continue;
      if (seen >= from && seen < to) ids.push(this.ids[i]!);
      seen++;
      if (known !== undefined && seen >= to) break;
    }
    if (known !== undefined) return { ids, total: known };
    if (this.totals.size >= 5_000) this.totals.clear();
    this.totals.set(key, seen);
    return { ids, total: seen };
  }

  /** Counts of the scope's retailers by county (all and active), grade and business type. */
  figures(scope: DataScope) {
    const matches = this.matcher(scope, { page: 1, pageSize: 1, sort: 'licenceNo' });
    const byCounty = new Map<number, { city: number; all: number; active: number }>();
    const byGrade = new Map<number, number>();
    const byBusiness = new Map<number, number>();
    const active = codeOf(retailerStatuses, 'active');
    for (let i = 0; i < this.size; i++) {
      if (!matches(i)) continue;
      const county = byCounty.get(this.county[i]!) ?? { city: this.city[i]!, all: 0, active: 0 };
      county.all++;
      if (this.status[i] === active) county.active++;
      byCounty.set(this.county[i]!, county);
      byGrade.set(this.grade[i]!, (byGrade.get(this.grade[i]!) ?? 0) + 1);
      byBusiness.set(this.business[i]!, (byBusiness.get(this.business[i]!) ?? 0) + 1);
    }
    return {
      byCounty: [...byCounty.entries()]
        .sort(([a], [b]) => a - b)
        .map(([code, c]) => ({
          code: String(code),
          cityCode: String(c.city),
          retailers: c.all,
          active: c.active,
        })),
      byGrade: [...byGrade.entries()]
        .sort(([a], [b]) => a - b)
        .map(([grade, retailers]) => ({ grade, retailers })),
      byBusinessType: [...byBusiness.entries()]
        .sort(([a], [b]) => a - b)
        .map(([code, retailers]) => ({ businessType: businessTypes[code]!, retailers })),
    };
  }
}
