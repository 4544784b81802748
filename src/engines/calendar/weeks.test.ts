import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { isoWeekOfDate, mondayOf, shiftWeek, weeksInYear } from './weeks';

describe('ISO weeks', () => {
  it('places the days around New Year in the right ISO year', () => {
    expect(isoWeekOfDate('2020-12-28')).toBe('2020-W53');
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOfDate('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOfDate('2021-12-27')).toBe('2021-W52');
    expect(isoWeekOfDate('2022-01-02')).toBe('2021-W52');
    expect(isoWeekOfDate('2022-01-03')).toBe('2022-W01');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOfDate('2022-04-05')).toBe('2022-W14');
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2020-W53')).toBe('2020-12-28');
    expect(mondayOf('2021-W52')).toBe('2021-12-27');
    expect(mondayOf('2022-W01')).toBe('2022-01-03');
    expect(mondayOf('2022-W15')).toBe('2022-04-11');
    expect(mondayOf('2025-W01')).toBe('2024-12-30');
  });

  it('answers null for malformed and nonexistent weeks', () => {
    for (const bad of ['2021-W53', '2022-W00', '2022-W54', '2022-W1', '2022W15', '2022-w15', '']) {
      expect(mondayOf(bad)).toBeNull();
    }
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2021)).toBe(52);
    expect(weeksInYear(2026)).toBe(53);
  });

  it('shifts weeks across year ends', () => {
    expect(shiftWeek('2020-W53', 1)).toBe('2021-W01');
    expect(shiftWeek('2021-W01', -1)).toBe('2020-W53');
    expect(shiftWeek('2021-W52', 1)).toBe('2022-W01');
    expect(shiftWeek('2022-W01', -1)).toBe('2021-W52');
    expect(shiftWeek('2022-W15', -52)).toBe('2021-W15');
    expect(shiftWeek('2022-W15', 0)).toBe('2022-W15');
    expect(() => shiftWeek('2021-W53', 1)).toThrow(RangeError);
  });

  it('every day of 2019–2028 lies in the week whose Monday is at most six days before it', () => {
    const wrong: string[] = [];
    for (let date = '2019-01-01'; date < '2029-01-01'; date = addDays(date, 1)) {
      const monday = mondayOf(isoWeekOfDate(date))!;
      const gap = (Date.parse(date) - Date.parse(monday)) / 86_400_000;
      if (gap < 0 || gap > 6 || new Date(monday).getUTCDay() !== 1) wrong.push(date);
    }
    expect(wrong).toEqual([]);
  });
});
