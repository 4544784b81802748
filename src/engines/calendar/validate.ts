import { tryParseMinutes } from './dates';
import type { WindowRule } from './types';
import { defaultWindowRule, firstCloseMinute, firstOpenMinute, RULE_LIMITS } from './window';

export type WindowRuleErrorCode =
  | 'invalid_type'
  | 'not_integer'
  | 'out_of_range'
  | 'invalid_time'
  | 'invalid_option'
  | 'unknown_field'
  | 'closes_before_opens';

export interface WindowRuleError {
  path: (string | number)[];
  code: WindowRuleErrorCode;
  message: string;
}

export type WindowRuleValidation =
  { ok: true; rule: WindowRule } | { ok: false; errors: WindowRuleError[] };

const KEYS = Object.keys(defaultWindowRule) as (keyof WindowRule)[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a window rule as stored or received (parsed JSON). A missing field takes its value from
 * `defaultWindowRule`, so a county setting may hold only what it overrides; an unknown field is
 * an error (it is usually a misspelt one). Integers: `opensDayOffset` −7…0, `closesDaysBefore`
 * 1…7 (a window always closes before its order day starts), `deliveryLagDays` 0…14; times
 * `HH:mm` 00:00–23:59.
 *
 * A rule whose window would close before it opens is refused, not clamped (`closes_before_opens`):
 * it is checked on the tightest case, a Monday order day with no holiday shift, because a rule is
 * set per county and must hold for every retailer's order day; shifts only move the close later.
 */
export function validateWindowRule(rule: unknown): WindowRuleValidation {
  const errors: WindowRuleError[] = [];
  const fail = (path: (string | number)[], code: WindowRuleErrorCode, message: string) =>
    errors.push({ path, code, message });
  if (!isRecord(rule)) {
    fail([], 'invalid_type', 'the window rule must be an object');
    return { ok: false, errors };
  }
  for (const key of Object.keys(rule)) {
    if (!(KEYS as string[]).includes(key)) fail([key], 'unknown_field', `unknown field ${key}`);
  }
  const value = <K extends keyof WindowRule>(key: K): unknown =>
    rule[key] === undefined ? defaultWindowRule[key] : rule[key];

  const integer = (key: keyof typeof RULE_LIMITS, meaning: string): number | null => {
    const v = value(key);
    const [min, max] = RULE_LIMITS[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail([key], 'invalid_type', `${key} must be a number (${meaning})`);
    } else if (!Number.isInteger(v)) {
      fail([key], 'not_integer', `${key} must be a whole number of days`);
    } else if (v < min || v > max) {
      fail([key], 'out_of_range', `${key} must be from ${min} to ${max} (${meaning})`);
    } else return v;
    return null;
  };
  const time = (key: 'opensAt' | 'closesAt'): number | null => {
    const v = value(key);
    if (typeof v !== 'string') {
      fail([key], 'invalid_type', `${key} must be a time HH:mm`);
      return null;
    }
    const minutes = tryParseMinutes(v);
    if (Number.isNaN(minutes)) {
      fail([key], 'invalid_time', `${key} must be a time HH:mm from 00:00 to 23:59: ${v}`);
      return null;
    }
    return minutes;
  };

  const opensDayOffset = integer(
    'opensDayOffset',
    'days from the Monday of the order week; -2 is the Saturday before',
  );
  const opensMinutes = time('opensAt');
  const closesDaysBefore = integer('closesDaysBefore', 'days before the order date');
  const closesMinutes = time('closesAt');
  integer('deliveryLagDays', 'days from order date to delivery');
  const holidayShift = value('holidayShift');
  if (holidayShift !== 'next_working_day' && holidayShift !== 'none') {
    fail(['holidayShift'], 'invalid_option', 'holidayShift must be next_working_day or none');
  }

  if (
    opensDayOffset !== null &&
    opensMinutes !== null &&
    closesDaysBefore !== null &&
    closesMinutes !== null &&
    firstCloseMinute({ closesDaysBefore, closesMinutes }) <
      firstOpenMinute({ opensDayOffset, opensMinutes })
  ) {
    fail(
      [],
      'closes_before_opens',
      'for a Monday order day this window would close before it opens: open earlier or close later',
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  const valid = Object.fromEntries(KEYS.map((k) => [k, value(k)])) as unknown as WindowRule;
  return { ok: true, rule: valid };
}
