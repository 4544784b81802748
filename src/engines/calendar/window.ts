import { dayOfMs, formatDay, instantMs, parseMinutes, weekdayOfDay } from './dates';
import { dayIndex, workingDayNumberOnOrAfter } from './holidays';
import type { HolidayCalendar, IsoWeek, OrderWindow, WindowRule } from './types';
import { isoWeekOfDay, mondayDay } from './weeks';

/**
 * The industry platform's window: opens Saturday 12:00 before the order week (after the weekly
 * release is published), closes 23:59:59.999 the day before the order day; a holiday order day
 * moves to the next working day; delivery the working day after the order day.
 */
export const defaultWindowRule: WindowRule = Object.freeze({
  opensDayOffset: -2,
  opensAt: '12:00',
  closesDaysBefore: 1,
  closesAt: '23:59',
  holidayShift: 'next_working_day',
  deliveryLagDays: 1,
});

/** Bounds of the integer rule fields, [min, max]. */
export const RULE_LIMITS = {
  opensDayOffset: [-7, 0],
  closesDaysBefore: [1, 7],
  deliveryLagDays: [0, 14],
} as const satisfies Record<string, readonly [number, number]>;

/** The closing minute is inclusive: 23:59 closes at 23:59:59.999. */
const CLOSE_MINUTE_END_MS = 59_999;

interface CompiledRule {
  source: WindowRule;
  opensAt: string;
  closesAt: string;
  opensDayOffset: number;
  opensMinutes: number;
  closesDaysBefore: number;
  closesMinutes: number;
  holidayShift: string;
  shift: boolean;
  deliveryLagDays: number;
}

let lastCompiled: CompiledRule | null = null;

/*
 * Checks the invariants the window maths relies on (the cheap part of validateWindowRule) and
 * turns the times into minutes. The last rule is reused while its fields are unchanged, so a loop
 * over many retailers of one county pays for this once.
 */
function compileRule(rule: WindowRule): CompiledRule {
  const c = lastCompiled;
  if (
    c !== null &&
    c.source === rule &&
    c.opensDayOffset === rule.opensDayOffset &&
    c.closesDaysBefore === rule.closesDaysBefore &&
    c.deliveryLagDays === rule.deliveryLagDays &&
    c.holidayShift === rule.holidayShift &&
    c.opensAt === rule.opensAt &&
    c.closesAt === rule.closesAt
  ) {
    return c;
  }
  const intIn = (value: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`rule.${what} must be a whole number from ${min} to ${max}: ${value}`);
    }
    return value;
  };
  if (rule.holidayShift !== 'next_working_day' && rule.holidayShift !== 'none') {
    throw new RangeError(`rule.holidayShift must be next_working_day or none`);
  }
  const compiled: CompiledRule = {
    source: rule,
    opensAt: rule.opensAt,
    closesAt: rule.closesAt,
    opensDayOffset: intIn(rule.opensDayOffset, ...RULE_LIMITS.opensDayOffset, 'opensDayOffset'),
    opensMinutes: parseMinutes(rule.opensAt, 'rule.opensAt'),
    closesDaysBefore: intIn(
      rule.closesDaysBefore,
      ...RULE_LIMITS.closesDaysBefore,
      'closesDaysBefore',
    ),
    closesMinutes: parseMinutes(rule.closesAt, 'rule.closesAt'),
    holidayShift: rule.holidayShift,
    shift: rule.holidayShift === 'next_working_day',
    deliveryLagDays: intIn(rule.deliveryLagDays, ...RULE_LIMITS.deliveryLagDays, 'deliveryLagDays'),
  };
  if (firstCloseMinute(compiled) < firstOpenMinute(compiled)) {
    throw new RangeError(
      'rule closes before it opens for a Monday order day; check it with validateWindowRule',
    );
  }
  lastCompiled = compiled;
  return compiled;
}

/*
 * The tightest window a rule produces is a Monday order day that no holiday moved: a shift only
 * moves the close later and the open never moves. In minutes from that Monday's 00:00.
 */
export function firstOpenMinute(r: { opensDayOffset: number; opensMinutes: number }): number {
  return r.opensDayOffset * 1440 + r.opensMinutes;
}
export function firstCloseMinute(r: { closesDaysBefore: number; closesMinutes: number }): number {
  return -r.closesDaysBefore * 1440 + r.closesMinutes;
}

interface RawWindow {
  monday: number;
  scheduled: number;
  order: number;
  opensMs: number;
  closesMs: number;
}

function orderDayNumber(
  scheduled: number,
  rule: CompiledRule,
  index: ReturnType<typeof dayIndex>,
): number {
  // Only an official day off moves the order day: a retailer whose order day is a plain Saturday
  // or Sunday keeps it.
  return rule.shift && index.holidays.has(scheduled)
    ? workingDayNumberOnOrAfter(scheduled + 1, index)
    : scheduled;
}

function closesMsOf(order: number, rule: CompiledRule): number {
  return instantMs(order - rule.closesDaysBefore, rule.closesMinutes) + CLOSE_MINUTE_END_MS;
}

function rawWindow(
  monday: number,
  orderDay: number,
  rule: CompiledRule,
  index: ReturnType<typeof dayIndex>,
): RawWindow {
  const scheduled = monday + orderDay - 1;
  const order = orderDayNumber(scheduled, rule, index);
  return {
    monday,
    scheduled,
    order,
    opensMs: instantMs(monday + rule.opensDayOffset, rule.opensMinutes),
    closesMs: closesMsOf(order, rule),
  };
}

function materialise(
  raw: RawWindow,
  week: IsoWeek,
  rule: CompiledRule,
  index: ReturnType<typeof dayIndex>,
): OrderWindow;
function materialise(
  raw: RawWindow,
  week: IsoWeek,
  rule: CompiledRule,
  index: ReturnType<typeof dayIndex>,
  open: boolean,
): OrderWindow & { open: boolean };
// One object literal per result shape: spreading a window into a new object is several times
// slower than building it (cycleAt runs for every retailer of a province).
function materialise(
  raw: RawWindow,
  week: IsoWeek,
  rule: CompiledRule,
  index: ReturnType<typeof dayIndex>,
  open?: boolean,
): OrderWindow | (OrderWindow & { open: boolean }) {
  const orderDate = formatDay(raw.order);
  const scheduledDate = raw.order === raw.scheduled ? orderDate : formatDay(raw.scheduled);
  const deliveryDate = formatDay(
    workingDayNumberOnOrAfter(raw.order + rule.deliveryLagDays, index),
  );
  if (open !== undefined) {
    return {
      week,
      scheduledDate,
      orderDate,
      shifted: raw.order !== raw.scheduled,
      opensAt: new Date(raw.opensMs),
      closesAt: new Date(raw.closesMs),
      deliveryDate,
      open,
    };
  }
  return {
    week,
    scheduledDate,
    orderDate,
    shifted: raw.order !== raw.scheduled,
    opensAt: new Date(raw.opensMs),
    closesAt: new Date(raw.closesMs),
    deliveryDate,
  };
}

function checkOrderDay(orderDay: number): void {
  if (!Number.isInteger(orderDay) || orderDay < 1 || orderDay > 7) {
    throw new RangeError(`orderDay must be 1 (Monday) … 7 (Sunday): ${orderDay}`);
  }
}

/**
 * The ordering window of one retailer for one ISO week. `orderDay` is 1 = Monday … 7 = Sunday
 * (the retailer's weekly 订货日).
 *
 * Edge rules:
 * - Only a holiday (`calendar.holidays`) moves the order date, and only with
 *   `holidayShift: 'next_working_day'`; it moves to the first working day after it, which may be
 *   a 调休 Saturday or lie in the next ISO week (`week` stays the week asked for).
 * - The window closes `closesDaysBefore` days before the *shifted* order date, at the end of the
 *   `closesAt` minute (23:59 → 23:59:59.999), so `closesAt` is always before the order date
 *   starts; it opens relative to the week's Monday and never moves.
 * - Delivery is `deliveryLagDays` after the order date, moved to the next working day when it
 *   falls on a weekend or holiday.
 * Throws RangeError for a malformed or nonexistent week, a bad order day, a rule that
 * `validateWindowRule` would refuse, or a calendar without a working day for 60 days.
 */
export function orderWindow(input: {
  week: IsoWeek;
  orderDay: number;
  rule: WindowRule;
  calendar: HolidayCalendar;
}): OrderWindow {
  checkOrderDay(input.orderDay);
  const rule = compileRule(input.rule);
  const index = dayIndex(input.calendar);
  const raw = rawWindow(mondayDay(input.week), input.orderDay, rule, index);
  return materialise(raw, input.week, rule, index);
}

/** `opensAt <= at <= closesAt`: `closesAt` is the window's last millisecond. */
export function isOpenAt(window: { opensAt: Date; closesAt: Date }, at: Date): boolean {
  const t = at.getTime();
  return window.opensAt.getTime() <= t && t <= window.closesAt.getTime();
}

/**
 * The cycle a retailer is in at an instant: the earliest week whose window has not yet closed at
 * `at` (so between one window's close and the next opening the answer is the next week, with
 * `open: false`).
 *
 * Windows of consecutive weeks can overlap — a Sunday order day's next window opens on the
 * Saturday 12:00 before the current one closes, and a holiday shift stretches a window — and then
 * the earlier, still-open week is the answer. Closing instants never decrease from week to week
 * (a shifted order date never passes the next week's), which makes "earliest not closed" a clean
 * search. When a shift makes two weeks share one order date, the later week is never returned.
 */
export function cycleAt(input: {
  at: Date;
  orderDay: number;
  rule: WindowRule;
  calendar: HolidayCalendar;
}): OrderWindow & { open: boolean } {
  const t = input.at instanceof Date ? input.at.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError('at must be a valid Date');
  checkOrderDay(input.orderDay);
  const rule = compileRule(input.rule);
  const index = dayIndex(input.calendar);
  const today = dayOfMs(t);
  const day = input.orderDay - 1;
  let monday = today - weekdayOfDay(today) + 1 - 7;
  // A long holiday shift can keep an older week's window open: walk back while it is. (Plain
  // loops, no closure: tsx/esbuild's keepNames makes a per-call arrow function costly here.)
  while (closesMsOf(orderDayNumber(monday - 7 + day, rule, index), rule) >= t) monday -= 7;
  while (closesMsOf(orderDayNumber(monday + day, rule, index), rule) < t) monday += 7;
  const raw = rawWindow(monday, input.orderDay, rule, index);
  return materialise(raw, isoWeekOfDay(monday), rule, index, raw.opensMs <= t);
}
