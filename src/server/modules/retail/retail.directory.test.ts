import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engines/geo';
import {
  businessTypes,
  marketTypes,
  serviceStates,
  type ListRetailersQuery,
} from '../../../contracts/retail';
import type { DataScope } from '../../platform/auth/scope';
import { RetailerDirectory, type DirectoryRow } from './retail.directory';

function rows(n: number, seed: number): DirectoryRow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const city = rng.pick(['140100', '140200', '140300']);
    const county = `${city.slice(0, 4)}0${rng.int(1, 5)}`;
    return {
      id: `rtl_${i}`,
      licence_no: `${county}${String(rng.int(0, 999999)).padStart(6, '0')}`,
      name: rng.pick(['福兴', '隆盛', '便利', 'Happy']) + rng.pick(['商店', '超市', 'Mart']) + i,
      holder: rng.pick(['王伟', '李娜', '张敏']),
      city_code: city,
      county_code: county,
      grade: rng.int(1, 30),
      market_type: rng.pick(marketTypes),
      business_type: rng.pick(businessTypes),
      service_state: rng.pick(serviceStates),
      status: 'active',
    };
  });
}

function brute(all: DirectoryRow[], scope: DataScope, f: ListRetailersQuery) {
  const matched = all.filter(
    (r) =>
      (scope.kind !== 'city' || r.city_code === scope.cityCode) &&
      (scope.kind !== 'county' || r.county_code === scope.countyCode) &&
      (!f.cityCode || r.city_code === f.cityCode) &&
      (!f.countyCode || r.county_code === f.countyCode) &&
      (f.gradeMin === undefined || r.grade >= f.gradeMin) &&
      (f.gradeMax === undefined || r.grade <= f.gradeMax) &&
      (!f.businessType || r.business_type === f.businessType) &&
      (!f.marketType || r.market_type === f.marketType) &&
      (!f.q ||
        r.name.toLowerCase().includes(f.q.toLowerCase()) ||
        r.holder.includes(f.q) ||
        r.licence_no.includes(f.q)),
  );
  matched.sort((a, b) =>
    f.sort === 'grade'
      ? a.grade - b.grade || (a.licence_no < b.licence_no ? -1 : 1)
      : a.licence_no < b.licence_no
        ? -1
        : 1,
  );
  const from = (f.page - 1) * f.pageSize;
  return { ids: matched.slice(from, from + f.pageSize).map((r) => r.id), total: matched.length };
}

describe('RetailerDirectory', () => {
  const data = rows(3000, 42);
  const directory = new RetailerDirectory(data);

  it('agrees with a brute-force filter on random queries', () => {
    const rng = createRng(7);
    for (let k = 0; k < 300; k++) {
      const scope: DataScope = rng.pick<DataScope>([
        { kind: 'province' },
        { kind: 'city', cityCode: '140200' },
        { kind: 'county', cityCode: '140100', countyCode: '140103' },
      ]);
      const f: ListRetailersQuery = {
        page: rng.int(1, 3),
        pageSize: rng.int(1, 50),
        sort: rng.pick(['licenceNo', 'grade'] as const),
        ...(rng.next() < 0.3 ? { cityCode: rng.pick(['140100', '140200']) } : {}),
        ...(rng.next() < 0.3 ? { countyCode: rng.pick(['140101', '140202', '140303']) } : {}),
        ...(rng.next() < 0.4 ? { gradeMin: rng.int(1, 20) } : {}),
        ...(rng.next() < 0.4 ? { gradeMax: rng.int(10, 30) } : {}),
        ...(rng.next() < 0.3 ? { businessType: rng.pick(businessTypes) } : {}),
        ...(rng.next() < 0.3 ? { marketType: rng.pick(marketTypes) } : {}),
        ...(rng.next() < 0.3 ? { q: rng.pick(['福', 'happy', '王', '1401', '99']) } : {}),
      };
      expect(directory.query(scope, f), JSON.stringify({ scope, f })).toEqual(
        brute(data, scope, f),
      );
    }
  });

  it('reverses the grade order for -grade and shows a retailer only itself', () => {
    const desc = directory.query({ kind: 'province' }, { page: 1, pageSize: 3000, sort: '-grade' });
    const grades = desc.ids.map((id) => data[Number(id.slice(4))]!.grade);
    expect([...grades].sort((a, b) => b - a)).toEqual(grades);
    const self = directory.query(
      { kind: 'retailer', retailerId: 'rtl_17', cityCode: '140100', countyCode: '140101' },
      { page: 1, pageSize: 20, sort: 'licenceNo' },
    );
    expect(self).toEqual({ ids: ['rtl_17'], total: 1 });
  });

  it('counts by county, grade and business type within the scope', () => {
    const figures = directory.figures({ kind: 'city', cityCode: '140300' });
    const expected = data.filter((r) => r.city_code === '140300').length;
    expect(figures.byCounty.reduce((a, c) => a + c.retailers, 0)).toBe(expected);
    expect(figures.byGrade.reduce((a, c) => a + c.retailers, 0)).toBe(expected);
    expect(figures.byBusinessType.reduce((a, c) => a + c.retailers, 0)).toBe(expected);
  });
});
