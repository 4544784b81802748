import { describe, expect, it } from 'vitest';
import { validateWindowRule } from './validate';
import { defaultWindowRule } from './window';

const codes = (input: unknown) => {
  const result = validateWindowRule(input);
  return result.ok ? [] : result.errors.map((e) => [e.path.join('.'), e.code]);
};

describe('validateWindowRule', () => {
  it('accepts the default rule and fills missing fields from it', () => {
    expect(validateWindowRule(defaultWindowRule)).toEqual({ ok: true, rule: defaultWindowRule });
    expect(validateWindowRule({})).toEqual({ ok: true, rule: defaultWindowRule });
    expect(validateWindowRule({ opensAt: '09:00', holidayShift: 'none' })).toEqual({
      ok: true,
      rule: { ...defaultWindowRule, opensAt: '09:00', holidayShift: 'none' },
    });
  });

  it('names each bad field', () => {
    expect(codes(null)).toEqual([['', 'invalid_type']]);
    expect(codes([])).toEqual([['', 'invalid_type']]);
    expect(
      codes({
        opensDayOffset: '-2',
        opensAt: '9:00',
        closesDaysBefore: 1.5,
        closesAt: 2359,
        holidayShift: 'previous_working_day',
        deliveryLagDays: 15,
        opensDay: -2,
      }),
    ).toEqual([
      ['opensDay', 'unknown_field'],
      ['opensDayOffset', 'invalid_type'],
      ['opensAt', 'invalid_time'],
      ['closesDaysBefore', 'not_integer'],
      ['closesAt', 'invalid_type'],
      ['deliveryLagDays', 'out_of_range'],
      ['holidayShift', 'invalid_option'],
    ]);
    expect(codes({ closesDaysBefore: 0 })).toEqual([['closesDaysBefore', 'out_of_range']]);
    expect(codes({ opensDayOffset: -8 })).toEqual([['opensDayOffset', 'out_of_range']]);
    expect(codes({ opensDayOffset: null })).toEqual([['opensDayOffset', 'invalid_type']]);
    expect(codes({ closesAt: '24:00' })).toEqual([['closesAt', 'invalid_time']]);
  });

  it('refuses a rule that closes before it opens for a Monday order day', () => {
    // Opens Sunday 12:00, closes Sunday 10:00.
    expect(codes({ opensDayOffset: -1, closesAt: '10:00' })).toEqual([['', 'closes_before_opens']]);
    // Opens Monday (offset 0) but closes the day before.
    expect(codes({ opensDayOffset: 0 })).toEqual([['', 'closes_before_opens']]);
    // Opens Saturday, closes Saturday (two days before) 11:59: before 12:00.
    expect(codes({ closesDaysBefore: 2, closesAt: '11:59' })).toEqual([
      ['', 'closes_before_opens'],
    ]);
  });

  it('accepts the tightest window: opening and closing in the same minute', () => {
    const rule = { opensDayOffset: -1, opensAt: '23:59', closesAt: '23:59' };
    expect(validateWindowRule(rule).ok).toBe(true);
  });
});
