import { describe, expect, it } from 'vitest';
import {
  addDays,
  civilFromDay,
  dayFromCivil,
  daysBetween,
  formatShanghai,
  instantAt,
  isLocalDate,
  localDateOf,
  weekdayOf,
} from './dates';

describe('Shanghai days and instants', () => {
  it('takes the Shanghai day of an instant: UTC 16:00 is the next day', () => {
    expect(localDateOf(new Date('2022-04-04T15:59:59.999Z'))).toBe('2022-04-04');
    expect(localDateOf(new Date('2022-04-04T16:00:00.000Z'))).toBe('2022-04-05');
    expect(localDateOf(new Date('2021-12-31T16:00:00Z'))).toBe('2022-01-01');
  });

  it('turns Shanghai wall clock into the UTC instant', () => {
    expect(instantAt('2022-04-05', '23:59').toISOString()).toBe('2022-04-05T15:59:00.000Z');
    expect(instantAt('2022-04-02', '12:00').toISOString()).toBe('2022-04-02T04:00:00.000Z');
    expect(instantAt('2022-01-01', '00:00').toISOString()).toBe('2021-12-31T16:00:00.000Z');
  });

  it('formats an instant as Shanghai wall clock', () => {
    expect(formatShanghai(new Date('2022-04-05T15:59:59.999Z'))).toBe(
      '2022-04-05T23:59:59.999+08:00',
    );
  });

  it('adds days across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2022-01-01', -1)).toBe('2021-12-31');
    expect(addDays('2022-04-05', 0)).toBe('2022-04-05');
    expect(daysBetween('2022-01-01', '2023-01-01')).toBe(365);
  });

  it('knows the weekday', () => {
    expect(weekdayOf('2022-04-05')).toBe(2);
    expect(weekdayOf('2022-04-02')).toBe(6);
    expect(weekdayOf('2022-01-02')).toBe(7);
    expect(weekdayOf('1970-01-01')).toBe(4);
  });

  it('refuses malformed dates and times', () => {
    for (const bad of ['2022-02-29', '2022-13-01', '2022-4-5', '2022/04/05', '', '2022-04-05T00']) {
      expect(isLocalDate(bad)).toBe(false);
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    }
    expect(isLocalDate('2024-02-29')).toBe(true);
    for (const bad of ['24:00', '9:00', '12:60', '12-00', '']) {
      expect(() => instantAt('2022-04-05', bad)).toThrow(RangeError);
    }
    expect(() => localDateOf(new Date('nope'))).toThrow(RangeError);
    expect(() => addDays('2022-04-05', 0.5)).toThrow(RangeError);
  });

  it('day numbers agree with Date.UTC over four centuries', () => {
    const wrong: number[] = [];
    for (let day = -146097; day <= 146097 * 2; day += 37) {
      const [y, m, d] = civilFromDay(day);
      if (Date.UTC(y, m - 1, d) / 86_400_000 !== day || dayFromCivil(y, m, d) !== day) {
        wrong.push(day);
      }
    }
    expect(wrong).toEqual([]);
  });
});
