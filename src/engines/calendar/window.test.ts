import { describe, expect, it } from 'vitest';
import { holidayCalendar } from './holidays';
import { shippedCalendar } from './testkit';
import type { WindowRule } from './types';
import { cycleAt, defaultWindowRule, isOpenAt, orderWindow } from './window';

const calendar = shippedCalendar();
const rule = defaultWindowRule;
const iso = (w: { opensAt: Date; closesAt: Date }) => [
  w.opensAt.toISOString(),
  w.closesAt.toISOString(),
];
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe('orderWindow', () => {
  it('moves a 清明 Tuesday (2022-04-05) to Wednesday and closes at the end of the holiday', () => {
    const w = orderWindow({ week: '2022-W14', orderDay: 2, rule, calendar });
    expect(w).toEqual({
      week: '2022-W14',
      scheduledDate: '2022-04-05',
      orderDate: '2022-04-06',
      shifted: true,
      opensAt: new Date('2022-04-02T04:00:00.000Z'), // Saturday 12:00 Shanghai
      closesAt: new Date('2022-04-05T15:59:59.999Z'), // Tuesday 23:59:59.999 Shanghai
      deliveryDate: '2022-04-07',
    });
  });

  it('keeps the holiday order date with holidayShift none', () => {
    const w = orderWindow({
      week: '2022-W14',
      orderDay: 2,
      rule: { ...rule, holidayShift: 'none' },
      calendar,
    });
    expect(w.orderDate).toBe('2022-04-05');
    expect(w.shifted).toBe(false);
    expect(w.closesAt.toISOString()).toBe('2022-04-04T15:59:59.999Z');
    expect(w.deliveryDate).toBe('2022-04-06');
  });

  it('gives a Monday order day the window Saturday 12:00 → Sunday 23:59:59.999', () => {
    const w = orderWindow({ week: '2022-W15', orderDay: 1, rule, calendar });
    expect(w.orderDate).toBe('2022-04-11');
    expect(w.shifted).toBe(false);
    expect(iso(w)).toEqual(['2022-04-09T04:00:00.000Z', '2022-04-10T15:59:59.999Z']);
    expect(w.deliveryDate).toBe('2022-04-12');
  });

  it('can shift the order date into the next ISO week, onto that week’s own order date', () => {
    const w05 = orderWindow({ week: '2022-W05', orderDay: 1, rule, calendar });
    const w06 = orderWindow({ week: '2022-W06', orderDay: 1, rule, calendar });
    expect(w05).toMatchObject({ week: '2022-W05', scheduledDate: '2022-01-31' });
    expect(w05).toMatchObject({ orderDate: '2022-02-07', shifted: true }); // Monday of W06
    expect(w06).toMatchObject({ orderDate: '2022-02-07', shifted: false });
    expect(w05.closesAt).toEqual(w06.closesAt);
  });

  it('may shift onto a 调休 Saturday, and delivers on a 调休 Sunday', () => {
    const w = orderWindow({ week: '2022-W40', orderDay: 5, rule, calendar });
    expect(w).toMatchObject({
      scheduledDate: '2022-10-07',
      orderDate: '2022-10-08',
      shifted: true,
    });
    expect(w.closesAt.toISOString()).toBe('2022-10-07T15:59:59.999Z');
    expect(w.deliveryDate).toBe('2022-10-09');
  });

  it('moves a delivery off the weekend but onto a 调休 Saturday', () => {
    expect(orderWindow({ week: '2022-W13', orderDay: 5, rule, calendar }).deliveryDate).toBe(
      '2022-04-02',
    );
    expect(orderWindow({ week: '2022-W14', orderDay: 5, rule, calendar }).deliveryDate).toBe(
      '2022-04-11',
    );
  });

  it('keeps a plain weekend order day (only holidays shift)', () => {
    const w = orderWindow({ week: '2022-W15', orderDay: 6, rule, calendar });
    expect(w).toMatchObject({
      orderDate: '2022-04-16',
      shifted: false,
      deliveryDate: '2022-04-18',
    });
  });

  it('works with an empty calendar and a county rule', () => {
    const county: WindowRule = {
      opensDayOffset: -3,
      opensAt: '08:30',
      closesDaysBefore: 2,
      closesAt: '17:00',
      holidayShift: 'next_working_day',
      deliveryLagDays: 0,
    };
    const none = holidayCalendar({ holidays: [], workdays: [] });
    const w = orderWindow({ week: '2022-W14', orderDay: 4, rule: county, calendar: none });
    expect(w.orderDate).toBe('2022-04-07');
    expect(iso(w)).toEqual(['2022-04-01T00:30:00.000Z', '2022-04-05T09:00:59.999Z']);
    expect(w.deliveryDate).toBe('2022-04-07');
  });

  it('refuses bad weeks, order days and rules', () => {
    const base = { week: '2022-W15', orderDay: 2, rule, calendar };
    expect(() => orderWindow({ ...base, week: '2021-W53' })).toThrow(RangeError);
    expect(() => orderWindow({ ...base, week: '2022-15' })).toThrow(RangeError);
    for (const orderDay of [0, 8, 1.5, Number.NaN]) {
      expect(() => orderWindow({ ...base, orderDay })).toThrow(/orderDay/);
    }
    expect(() => orderWindow({ ...base, rule: { ...rule, closesDaysBefore: 0 } })).toThrow(
      /closesDaysBefore/,
    );
    expect(() => orderWindow({ ...base, rule: { ...rule, opensAt: '25:00' } })).toThrow(/opensAt/);
    expect(() =>
      orderWindow({ ...base, rule: { ...rule, opensDayOffset: -1, closesAt: '11:00' } }),
    ).toThrow(/closes before it opens/);
  });
});

describe('isOpenAt', () => {
  const w = orderWindow({ week: '2022-W15', orderDay: 1, rule, calendar });
  it('is open from the opening instant through the last millisecond of the closing minute', () => {
    expect(isOpenAt(w, new Date('2022-04-09T03:59:59.999Z'))).toBe(false);
    expect(isOpenAt(w, new Date('2022-04-09T04:00:00.000Z'))).toBe(true);
    expect(isOpenAt(w, at('2022-04-10T23:59:30'))).toBe(true);
    expect(isOpenAt(w, new Date('2022-04-10T15:59:59.999Z'))).toBe(true);
    expect(isOpenAt(w, new Date('2022-04-10T16:00:00.000Z'))).toBe(false);
  });
});

describe('cycleAt', () => {
  const cycle = (when: Date, orderDay: number) => cycleAt({ at: when, orderDay, rule, calendar });

  it('is the open week up to its last millisecond, then the next week not yet open', () => {
    const close = new Date('2022-04-12T15:59:59.999Z'); // W15 Wednesday retailers
    expect(cycle(close, 3)).toMatchObject({
      week: '2022-W15',
      orderDate: '2022-04-13',
      open: true,
    });
    const after = new Date(close.getTime() + 1);
    expect(cycle(after, 3)).toMatchObject({
      week: '2022-W16',
      orderDate: '2022-04-20',
      open: false,
    });
    expect(cycle(new Date('2022-04-16T03:59:59.999Z'), 3)).toMatchObject({
      week: '2022-W16',
      open: false,
    });
    expect(cycle(new Date('2022-04-16T04:00:00.000Z'), 3)).toMatchObject({
      week: '2022-W16',
      open: true,
    });
  });

  it('prefers the earlier of two overlapping windows (Sunday order days)', () => {
    // W16 opens Saturday 04-16 12:00 while W15 (order Sunday 04-17) is open until 23:59:59.999.
    expect(cycle(at('2022-04-16T13:00:00'), 7)).toMatchObject({
      week: '2022-W15',
      orderDate: '2022-04-17',
      open: true,
    });
    expect(cycle(at('2022-04-17T00:00:00'), 7)).toMatchObject({ week: '2022-W16', open: true });
  });

  it('stays on the holiday-stretched week and skips the week merged into it', () => {
    expect(cycle(at('2022-02-05T13:00:00'), 1)).toMatchObject({ week: '2022-W05', open: true });
    expect(cycle(at('2022-02-07T00:00:00'), 1)).toMatchObject({ week: '2022-W07', open: false });
  });

  it('walks back to an older week that a long 春节 shift keeps open', () => {
    // Sunday 2026-02-15 is in 春节 (02-15…02-23): the order moves to Tuesday 02-24.
    expect(cycle(at('2026-02-23T10:00:00'), 7)).toMatchObject({
      week: '2026-W07',
      scheduledDate: '2026-02-15',
      orderDate: '2026-02-24',
      open: true,
    });
  });

  it('crosses the year end', () => {
    expect(cycle(at('2021-12-31T09:00:00'), 2)).toMatchObject({
      week: '2022-W01',
      orderDate: '2022-01-04',
      open: false,
    });
    expect(cycle(at('2022-01-01T12:00:00'), 2)).toMatchObject({ week: '2022-W01', open: true });
  });

  it('refuses an invalid instant', () => {
    expect(() => cycle(new Date('nope'), 1)).toThrow(RangeError);
  });
});
