import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from './dates';
import {
  calendarFromData,
  CalendarDataError,
  holidayCalendar,
  isHoliday,
  isWorkingDay,
  workingDayOnOrAfter,
} from './holidays';
import { loadHolidayJson, shippedCalendar } from './testkit';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('working days', () => {
  const cal = holidayCalendar({
    holidays: ['2022-04-03', '2022-04-04', '2022-04-05'],
    workdays: ['2022-04-02'],
  });

  it('Mon–Fri work unless a holiday; a 调休 weekend day works', () => {
    expect(isWorkingDay('2022-04-01', cal)).toBe(true); // Friday
    expect(isWorkingDay('2022-04-02', cal)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2022-04-04', cal)).toBe(false); // Monday, 清明
    expect(isWorkingDay('2022-04-05', cal)).toBe(false); // Tuesday, 清明
    expect(isWorkingDay('2022-04-06', cal)).toBe(true);
    expect(isWorkingDay('2022-04-09', cal)).toBe(false); // plain Saturday
    expect(isHoliday('2022-04-05', cal)).toBe(true);
    expect(isHoliday('2022-04-09', cal)).toBe(false);
  });

  it('finds the next working day', () => {
    expect(workingDayOnOrAfter('2022-04-03', cal)).toBe('2022-04-06');
    expect(workingDayOnOrAfter('2022-04-02', cal)).toBe('2022-04-02');
    expect(workingDayOnOrAfter('2022-04-09', cal)).toBe('2022-04-11');
  });

  it('refuses a date that is both holiday and workday, and malformed dates', () => {
    expect(() => holidayCalendar({ holidays: ['2022-04-02'], workdays: ['2022-04-02'] })).toThrow(
      /both/,
    );
    expect(() => holidayCalendar({ holidays: ['2022-4-2'], workdays: [] })).toThrow(RangeError);
  });

  it('gives up on a calendar without working days instead of looping', () => {
    const never = holidayCalendar({ holidays: range('2022-01-01', '2022-12-31'), workdays: [] });
    expect(() => workingDayOnOrAfter('2022-06-01', never)).toThrow(/no working day/);
  });

  it('sees a calendar built by hand, and a set changed after first use', () => {
    const holidays = new Set(['2022-04-05']);
    const byHand = { holidays, workdays: new Set<string>() };
    expect(isWorkingDay('2022-04-06', byHand)).toBe(true);
    holidays.add('2022-04-06');
    expect(isWorkingDay('2022-04-06', byHand)).toBe(false);
  });
});

describe('calendarFromData', () => {
  it('flattens years and reports incomplete ones', () => {
    const cal = calendarFromData({
      years: {
        '2023': { holidays: ['2023-04-05'], workdays: [], names: { '2023-04-05': '清明节' } },
        '2022': { holidays: ['2022-04-05'], workdays: ['2022-04-02'] },
        '2027': { complete: false, holidays: ['2027-01-01'], workdays: [] },
      },
    });
    expect([...cal.holidays].sort()).toEqual(['2022-04-05', '2023-04-05', '2027-01-01']);
    expect([...cal.workdays]).toEqual(['2022-04-02']);
    expect(cal.names.get('2023-04-05')).toBe('清明节');
    expect(cal.years).toEqual([2022, 2023, 2027]);
    expect(cal.incompleteYears).toEqual([2027]);
  });

  it('lists every problem of bad data', () => {
    let error: unknown;
    try {
      calendarFromData({
        years: {
          '2022': {
            holidays: ['2022-04-05', '2022-02-30'],
            workdays: ['2022-04-06', '2022-04-05'],
            names: { '2022-04-07': '清明节' },
          },
          x: {},
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    expect((error as CalendarDataError).issues).toEqual([
      'years.2022.holidays[1] is not a date YYYY-MM-DD: "2022-02-30"',
      'workday 2022-04-06 is not a Saturday or Sunday',
      'workday 2022-04-05 is not a Saturday or Sunday',
      'years.x must be a four-digit year holding an object',
      '2022-04-05 is both a holiday and a workday',
      'named day 2022-04-07 is not a holiday',
    ]);
    expect(() => calendarFromData(null)).toThrow(CalendarDataError);
  });
});

describe('the shipped calendar data/calendar/holidays-cn.json', () => {
  const cal = shippedCalendar();

  it('covers 2022–2027 and says 2027 is incomplete', () => {
    expect(cal.years).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
    expect(cal.incompleteYears).toEqual([2027]);
    expect(loadHolidayJson()).toMatchObject({ source: expect.any(String), note: /2027/ });
  });

  it('holds the 2022 State Council arrangement exactly', () => {
    const in2022 = [...cal.holidays].filter((d) => d.startsWith('2022-')).sort();
    expect(in2022).toEqual([
      ...range('2022-01-01', '2022-01-03'),
      ...range('2022-01-31', '2022-02-06'),
      ...range('2022-04-03', '2022-04-05'),
      ...range('2022-04-30', '2022-05-04'),
      ...range('2022-06-03', '2022-06-05'),
      ...range('2022-09-10', '2022-09-12'),
      ...range('2022-10-01', '2022-10-07'),
      '2022-12-31', // 元旦 2023 begins on the Saturday
    ]);
    expect([...cal.workdays].filter((d) => d.startsWith('2022-')).sort()).toEqual([
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ]);
    expect(cal.names.get('2022-04-05')).toBe('清明节');
    expect(cal.names.get('2022-02-01')).toBe('春节');
  });

  it('has the longer 春节 and 劳动节 breaks of the 2025 rules', () => {
    const spring = (from: string, to: string) => range(from, to).every((d) => cal.holidays.has(d));
    expect(spring('2025-01-28', '2025-02-04')).toBe(true);
    expect(spring('2026-02-15', '2026-02-23')).toBe(true);
    expect(cal.holidays.has('2025-01-27')).toBe(false);
    expect(isWorkingDay('2025-01-26', cal)).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-02-28', cal)).toBe(true); // Saturday, 调休上班
  });

  it('every 调休 workday is a weekend day and every holiday has a name', () => {
    for (const d of cal.workdays) expect([6, 7]).toContain(weekdayOf(d));
    for (const d of cal.holidays)
      expect(cal.names.get(d)).toMatch(/元旦|春节|清明|劳动|端午|中秋|国庆/);
  });

  it('each complete year gives up 11–13 weekdays and makes up the bridged ones', () => {
    // Each notice year: statutory days (11, or 13 from 2025) on weekdays + bridged days − workdays
    // should leave a normal year's count of working days: weekday holidays − workdays = statutory
    // days that fell on weekdays, never more than the statutory count.
    const json = loadHolidayJson() as {
      years: Record<string, { holidays: string[]; workdays: string[] }>;
    };
    for (const year of ['2022', '2023', '2024', '2025', '2026']) {
      const { holidays, workdays } = json.years[year]!;
      const weekdaysOff = holidays.filter((d) => weekdayOf(d) <= 5).length;
      const net = weekdaysOff - workdays.length;
      expect(net, year).toBeGreaterThanOrEqual(year >= '2025' ? 9 : 7);
      expect(net, year).toBeLessThanOrEqual(year >= '2025' ? 13 : 11);
    }
  });
});
