import { describe, expect, it } from 'vitest';
import { parseRetailerFilters } from './filters';

const parse = (query: string) => parseRetailerFilters(new URLSearchParams(query));

describe('parseRetailerFilters', () => {
  it('gives the defaults for an empty URL', () => {
    expect(parse('')).toEqual({
      q: undefined,
      cityCode: undefined,
      countyCode: undefined,
      gradeMin: undefined,
      gradeMax: undefined,
      businessType: undefined,
      marketType: undefined,
      serviceState: undefined,
      sort: 'licenceNo',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads every valid filter', () => {
    expect(
      parse(
        'q=%20王%20&cityCode=140100&countyCode=140105&gradeMin=3&gradeMax=12&businessType=grocery' +
          '&marketType=rural&serviceState=road_closed&sort=-grade&page=4&pageSize=50',
      ),
    ).toEqual({
      q: '王',
      cityCode: '140100',
      countyCode: '140105',
      gradeMin: 3,
      gradeMax: 12,
      businessType: 'grocery',
      marketType: 'rural',
      serviceState: 'road_closed',
      sort: '-grade',
      page: 4,
      pageSize: 50,
    });
  });

  it('derives the city from a county given alone (a click on the map)', () => {
    expect(parse('countyCode=140212').cityCode).toBe('140200');
  });

  it('drops values the API would refuse instead of sending them', () => {
    const parsed = parse(
      'cityCode=110100&countyCode=14010&gradeMin=0&gradeMax=31&businessType=bar&marketType=x' +
        '&serviceState=closed&sort=holder&page=-2&pageSize=7',
    );
    expect(parsed).toMatchObject({
      cityCode: undefined,
      countyCode: undefined,
      gradeMin: undefined,
      gradeMax: undefined,
      businessType: undefined,
      marketType: undefined,
      serviceState: undefined,
      sort: 'licenceNo',
      page: 1,
      pageSize: 20,
    });
  });

  it('caps the search text at the API limit of 50 characters', () => {
    expect(parse(`q=${'a'.repeat(80)}`).q).toHaveLength(50);
  });
});
