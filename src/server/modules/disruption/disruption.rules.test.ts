import { describe, expect, it } from 'vitest';
import { companyOf, isoOf } from './disruption.rules';
import { parseNoticeInstant } from './import.service';

describe('notice dates', () => {
  it('reads bare dates and times as Beijing time', () => {
    expect(parseNoticeInstant('2022-04-02')).toBe('2022-04-01T16:00:00.000Z');
    expect(parseNoticeInstant('2022/4/2 08:30')).toBe('2022-04-02T00:30:00.000Z');
    expect(parseNoticeInstant('2022-04-02T08:00:00Z')).toBe('2022-04-02T08:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(parseNoticeInstant('')).toBeNull();
    expect(parseNoticeInstant('next week')).toBeNull();
    expect(parseNoticeInstant('2022-13-45')).toBeNull();
    expect(parseNoticeInstant('4/2/2022')).toBeNull();
  });

  it('stores instants in one text-comparable UTC form', () => {
    expect(isoOf('2022-04-02T08:00:00+08:00')).toBe('2022-04-02T00:00:00.000Z');
  });
});

describe('the company of an area', () => {
  it('is the city of its counties, or the province when they span cities', () => {
    expect(companyOf(['140105', '140106'])).toBe('140100');
    expect(companyOf(['140105', '140202'])).toBe('140000');
    expect(companyOf(['140100'])).toBe('140100');
    expect(companyOf(['140000'])).toBe('140000');
    expect(companyOf([])).toBe('140000');
  });
});
