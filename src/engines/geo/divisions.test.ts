import { describe, expect, it } from 'vitest';
import {
  cityOfCounty,
  isCityCode,
  isProvinceCode,
  provinceCode,
  provinceOf,
  unitPath,
} from './divisions';

describe('division rules', () => {
  it('finds a county’s city and province, and tells the levels apart', () => {
    expect(cityOfCounty('140105')).toBe('140100');
    expect(cityOfCounty('140100')).toBe('140100');
    expect(provinceOf('140105')).toBe(provinceCode);
    expect(isProvinceCode('140000')).toBe(true);
    expect(isCityCode('140100')).toBe(true);
    expect(isCityCode('140000')).toBe(false);
    expect(isCityCode('140105')).toBe(false);
  });

  it('gives the org tree’s materialised paths', () => {
    expect(unitPath('140000', null)).toBe('/140000/');
    expect(unitPath('140100', null)).toBe('/140000/140100/');
    expect(unitPath('140100', '140100')).toBe('/140000/140100/');
    expect(unitPath('140105', '140100')).toBe('/140000/140100/140105/');
    expect(unitPath('LC140100', '140100')).toBe('/140000/140100/LC140100/');
  });
});
