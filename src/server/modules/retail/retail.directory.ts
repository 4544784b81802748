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
  private byGrade: Uint32Array | null = null;
  private byName: Uint32Array | null = null;

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
      this.byName ??= this.order((a, b) => collator.compare(this.name[a]!, this.name[b]!) || a - b);
      return { order: this.byName, reverse: false };
    }
    return { order: this.byLicence, reverse: false };
  }

  /** A predicate over row indices for the scope and the filters. */
  private matcher(scope: DataScope, f: ListRetailersQuery): (i: number) => boolean {
    const tests: ((i: number) => boolean)[] = [];
    if (scope.kind === 'city') {
      const city = Number(scope.cityCode);
      tests.push((i) => this.city[i] === city);
    } else if (scope.kind === 'county') {
      const county = Number(scope.countyCode);
      tests.push((i) => this.county[i] === county);
    } else if (scope.kind === 'retailer') {
      const id = scope.retailerId;
      tests.push((i) => this.ids[i] === id);
    }
    if (f.cityCode) {
      const city = Number(f.cityCode);
      tests.push((i) => this.city[i] === city);
    }
    if (f.countyCode) {
      const county = Number(f.countyCode);
      tests.push((i) => this.county[i] === county);
    }
    if (f.gradeMin !== undefined) {
      const min = f.gradeMin;
      tests.push((i) => this.grade[i]! >= min);
    }
    if (f.gradeMax !== undefined) {
      const max = f.gradeMax;
      tests.push((i) => this.grade[i]! <= max);
    }
    if (f.businessType) {
      const code = codeOf(businessTypes, f.businessType);
      tests.push((i) => this.business[i] === code);
    }
    if (f.marketType) {
      const code = codeOf(marketTypes, f.marketType);
      tests.push((i) => this.market[i] === code);
    }
    if (f.serviceState) {
      const code = codeOf(serviceStates, f.serviceState);
      tests.push((i) => this.service[i] === code);
    }
    if (f.q) {
      const text = f.q.toLowerCase();
      tests.push((i) => this.haystack[i]!.includes(text));
    }
    return (i) => {
      for (const test of tests) if (!test(i)) return false;
      return true;
    };
  }

  /** The ids of one page of matching retailers in the requested order, and the total. */
  query(scope: DataScope, f: ListRetailersQuery): { ids: string[]; total: number } {
    const matches = this.matcher(scope, f);
    const { order, reverse } = this.sorted(f.sort);
    const from = (f.page - 1) * f.pageSize;
    const to = from + f.pageSize;
    const ids: string[] = [];
    let total = 0;
    const n = order.length;
    for (let k = 0; k < n; k++) {
      const i = order[reverse ? n - 1 - k : k]!;
      if (!matches(i)) continue;
      if (total >= from && total < to) ids.push(this.ids[i]!);
      total++;
    }
    return { ids, total };
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
