import { describe, expect, it } from 'vitest';
import { isoWeekOf, mondayOfIsoWeek, shiftIsoWeek, weekSerial, weeksInIsoYear } from './week.rules';

describe('ISO weeks', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOfIsoWeek('2022-W14')).toBe('2022-04-04');
    expect(mondayOfIsoWeek('2021-W01')).toBe('2021-01-04');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(mondayOfIsoWeek('2021-W53')).toBeNull();
    expect(mondayOfIsoWeek('2022-14')).toBeNull();
  });

  it('names the week of a date, across year ends', () => {
    expect(isoWeekOf(new Date('2022-04-10T12:00:00Z'))).toBe('2022-W14');
    expect(isoWeekOf(new Date('2021-01-03T00:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2022)).toBe(52);
  });

  it('round-trips every week of several years and shifts by whole weeks', () => {
    for (let year = 2019; year <= 2027; year++) {
      for (let n = 1; n <= weeksInIsoYear(year); n++) {
        const week = `${year}-W${String(n).padStart(2, '0')}`;
        expect(isoWeekOf(new Date(`${mondayOfIsoWeek(week)}T00:00:00Z`))).toBe(week);
      }
    }
    expect(shiftIsoWeek('2022-W01', -1)).toBe('2021-W52');
    expect(weekSerial('2022-W15') - weekSerial('2022-W14')).toBe(1);
  });
});
