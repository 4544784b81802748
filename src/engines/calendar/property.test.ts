import { describe, expect, it } from 'vitest';
import { addDays, instantAt } from './dates';
import { isHoliday, isWorkingDay } from './holidays';
import { rng, shippedCalendar } from './testkit';
import type { WindowRule } from './types';
import { validateWindowRule } from './validate';
import { shiftWeek } from './weeks';
import { cycleAt, defaultWindowRule, isOpenAt, orderWindow } from './window';

const calendar = shippedCalendar();
const r = rng(2022);
const hhmm = () =>
  `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;

function randomRule(): WindowRule {
  for (;;) {
    const result = validateWindowRule({
      opensDayOffset: r.int(-7, 0),
      opensAt: hhmm(),
      closesDaysBefore: r.int(1, 7),
      closesAt: hhmm(),
      holidayShift: r.next() < 0.8 ? 'next_working_day' : 'none',
      deliveryLagDays: r.int(0, 3),
    });
    if (result.ok) return result.rule;
  }
}

const rules = [defaultWindowRule, ...Array.from({ length: 30 }, randomRule)];
const randomWeek = () => shiftWeek('2022-W01', r.int(0, 52 * 6 - 2));
const CASES = 2000;

// Each case records the properties it breaks; the expectation is that none are broken.
describe('window properties over random weeks 2022–2027, order days and rules', () => {
  it('opens before it closes, closes before the order day, shifts only holidays', () => {
    const broken: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const rule = rules[i % rules.length]!;
      const week = randomWeek();
      const orderDay = r.int(1, 7);
      const w = orderWindow({ week, orderDay, rule, calendar });
      const next = orderWindow({ week: shiftWeek(week, 1), orderDay, rule, calendar });
      const fail = (what: string) => broken.push(`${week} day ${orderDay} rule ${i % 31}: ${what}`);
      if (!(w.opensAt < w.closesAt)) fail('opens after closing');
      if (!(w.closesAt < instantAt(w.orderDate, '00:00'))) fail('closes on/after the order date');
      if (w.closesAt > next.closesAt) fail('closes after the next week');
      const shifts = isHoliday(w.scheduledDate, calendar) && rule.holidayShift !== 'none';
      if (w.shifted !== shifts) fail(`shifted=${w.shifted}`);
      if (shifts) {
        if (!isWorkingDay(w.orderDate, calendar)) fail('shifted onto a day off');
        for (let d = w.scheduledDate; d < w.orderDate; d = addDays(d, 1)) {
          if (isWorkingDay(d, calendar)) fail(`skipped working day ${d}`);
        }
      } else if (w.orderDate !== w.scheduledDate) fail('moved without a shift');
      if (w.deliveryDate < addDays(w.orderDate, rule.deliveryLagDays)) fail('early delivery');
      if (!isWorkingDay(w.deliveryDate, calendar)) fail('delivery on a day off');
    }
    expect(broken).toEqual([]);
  });

  it('cycleAt answers the earliest week not yet closed, never a closed one', () => {
    const from = Date.parse('2022-01-01T00:00:00Z');
    const to = Date.parse('2027-12-01T00:00:00Z');
    // Half the instants fall within ten days after a holiday, where shifted windows live.
    const holidays = [...calendar.holidays];
    const broken: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const rule = rules[i % rules.length]!;
      const orderDay = r.int(1, 7);
      const when =
        i % 2 === 0
          ? new Date(from + Math.floor(r.next() * (to - from)))
          : new Date(
              instantAt(holidays[r.int(0, holidays.length - 1)]!, '00:00').getTime() +
                Math.floor(r.next() * 10 * 86_400_000),
            );
      const c = cycleAt({ at: when, orderDay, rule, calendar });
      const fail = (what: string) =>
        broken.push(`${when.toISOString()} day ${orderDay} rule ${i % 31}: ${what}`);
      if (c.closesAt < when) fail(`${c.week} already closed`);
      const before = orderWindow({ week: shiftWeek(c.week, -1), orderDay, rule, calendar });
      if (before.closesAt >= when) fail(`${c.week} is not the earliest open week`);
      if (c.open !== isOpenAt(c, when)) fail('open disagrees with isOpenAt');
      const { open: _open, ...window } = c;
      const same = orderWindow({ week: c.week, orderDay, rule, calendar });
      if (JSON.stringify(window) !== JSON.stringify(same)) fail('differs from orderWindow');
    }
    expect(broken).toEqual([]);
  });
});
