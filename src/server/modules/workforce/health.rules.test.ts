import { describe, expect, it } from 'vitest';
import {
  figuresOf,
  emptyModeCounts,
  isInfected,
  isSuspected,
  modeContradictsCommute,
  proposedModeFor,
  ratio,
  reportDateProblem,
  reasonsVisibleTo,
  riskFlagsOf,
  toTenths,
  unavailabilityOf,
  zeroStreakDays,
  type HealthFacts,
} from './health.rules';

const healthy: HealthFacts = {
  healthCode: 'green',
  temperatureDc: 365,
  testKind: 'pcr',
  testDate: '2022-04-10',
  testResult: 'negative',
  symptoms: [],
};

describe('risk flags', () => {
  it('raises none for a green, afebrile, recently tested person', () => {
    expect(riskFlagsOf(healthy, '2022-04-11', 3)).toEqual([]);
  });

  it('flags fever from 37.3 °C exactly, not at 37.2', () => {
    expect(riskFlagsOf({ ...healthy, temperatureDc: 373 }, '2022-04-11', 3)).toEqual(['fever']);
    expect(riskFlagsOf({ ...healthy, temperatureDc: 372 }, '2022-04-11', 3)).toEqual([]);
  });

  it('flags a test older than the interval, and no test at all', () => {
    expect(riskFlagsOf(healthy, '2022-04-13', 3)).toEqual([]);
    expect(riskFlagsOf(healthy, '2022-04-14', 3)).toEqual(['test_overdue']);
    expect(
      riskFlagsOf(
        { ...healthy, testKind: 'none', testDate: null, testResult: null },
        '2022-04-11',
        3,
      ),
    ).toEqual(['test_overdue']);
  });

  it('flags codes, a positive result and symptoms', () => {
    expect(
      riskFlagsOf(
        { ...healthy, healthCode: 'red', testResult: 'positive', symptoms: ['cough'] },
        '2022-04-11',
        3,
      ),
    ).toEqual(['red_code', 'positive', 'symptoms']);
    expect(riskFlagsOf({ ...healthy, healthCode: 'yellow' }, '2022-04-11', 3)).toEqual([
      'yellow_code',
    ]);
  });
});

describe('suspected and infected', () => {
  it('counts a positive test as infected and never also as suspected', () => {
    const positive = { ...healthy, testResult: 'positive' as const, healthCode: 'red' as const };
    expect(isInfected(positive)).toBe(true);
    expect(isSuspected(positive)).toBe(false);
  });

  it('suspects a red code, or fever with a symptom, but not fever alone or a yellow code', () => {
    expect(isSuspected({ ...healthy, healthCode: 'red' })).toBe(true);
    expect(isSuspected({ ...healthy, temperatureDc: 380, symptoms: ['cough'] })).toBe(true);
    expect(isSuspected({ ...healthy, temperatureDc: 380 })).toBe(false);
    expect(isSuspected({ ...healthy, healthCode: 'yellow' })).toBe(false);
  });
});

describe('report day', () => {
  it('refuses the future and more than a week back', () => {
    expect(reportDateProblem('2022-04-12', '2022-04-11')).toBe('future');
    expect(reportDateProblem('2022-04-11', '2022-04-11')).toBeNull();
    expect(reportDateProblem('2022-04-04', '2022-04-11')).toBeNull();
    expect(reportDateProblem('2022-04-03', '2022-04-11')).toBe('too_old');
  });
});

describe('commute', () => {
  it('proposes sealed at home only when commuting is forbidden', () => {
    expect(proposedModeFor('cannot')).toBe('sealed_at_home');
    expect(proposedModeFor('can')).toBeNull();
  });

  it('refuses on site and on duty from a sealed home, allows the rest', () => {
    expect(modeContradictsCommute('on_site', 'cannot')).toBe(true);
    expect(modeContradictsCommute('on_duty', 'cannot')).toBe(true);
    expect(modeContradictsCommute('home_office', 'cannot')).toBe(false);
    expect(modeContradictsCommute('volunteering', 'cannot')).toBe(false);
    expect(modeContradictsCommute('on_site', 'can')).toBe(false);
  });
});

describe('availability figures', () => {
  it('counts unable to work on site as reported minus on site minus on duty', () => {
    const byMode = {
      ...emptyModeCounts(),
      on_site: 5,
      on_duty: 2,
      home_office: 3,
      sealed_at_home: 4,
      volunteering: 1,
    };
    const f = figuresOf(20, byMode);
    expect(f).toMatchObject({
      headcount: 20,
      reported: 15,
      missing: 5,
      onSite: 5,
      onDuty: 2,
      homeOffice: 3,
      unableOnSite: 8,
      unableRatio: 0.4,
    });
  });

  it('keeps the ratio at four decimals and zero for an empty unit', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBe(0);
    expect(figuresOf(0, emptyModeCounts()).unableRatio).toBe(0);
  });

  it('holds unableOnSite + onSite + onDuty = reported for any counts', () => {
    for (let seed = 1; seed < 200; seed++) {
      const byMode = emptyModeCounts();
      let x = seed;
      for (const mode of Object.keys(byMode) as (keyof typeof byMode)[]) {
        x = (x * 1103515245 + 12345) % 2147483648;
        byMode[mode] = x % 17;
      }
      const f = figuresOf(500, byMode);
      expect(f.unableOnSite + f.onSite + f.onDuty).toBe(f.reported);
      expect(f.unableRatio).toBeGreaterThanOrEqual(0);
      expect(f.unableRatio).toBeLessThanOrEqual(1);
    }
  });
});

describe('availability for duty', () => {
  it('lists every obstacle and none for an unreported person at home that may commute', () => {
    expect(unavailabilityOf({ mode: null, flags: [], commute: 'can', away: false })).toEqual([]);
    expect(
      unavailabilityOf({ mode: 'on_duty', flags: ['test_overdue'], commute: 'can', away: false }),
    ).toEqual([]);
    expect(
      unavailabilityOf({ mode: 'leave', flags: ['fever'], commute: 'cannot', away: true }),
    ).toEqual(['mode', 'home_sealed', 'health_risk', 'travel']);
  });
});

describe('reasons a viewer may see', () => {
  it('folds health-derived reasons into one neutral "unavailable" without health.read', () => {
    const all = ['mode', 'home_sealed', 'health_risk', 'travel'] as const;
    expect(reasonsVisibleTo(all, true)).toEqual([...all]);
    expect(reasonsVisibleTo(all, false)).toEqual(['unavailable', 'home_sealed', 'travel']);
    expect(reasonsVisibleTo(['health_risk'], false)).toEqual(['unavailable']);
    expect(reasonsVisibleTo(['mode'], false)).toEqual(['unavailable']);
    expect(reasonsVisibleTo(['travel'], false)).toEqual(['travel']);
  });
});

describe('zero streak', () => {
  it('counts clean days back to the day after the latest alarm', () => {
    expect(zeroStreakDays('2022-04-11', '2022-03-01', '2022-04-09')).toBe(2);
    expect(zeroStreakDays('2022-04-11', '2022-03-01', '2022-04-11')).toBe(0);
  });

  it('counts every day with data when there never was an alarm, and 0 without data', () => {
    expect(zeroStreakDays('2022-04-11', '2022-04-08', null)).toBe(4);
    expect(zeroStreakDays('2022-04-11', null, null)).toBe(0);
    expect(zeroStreakDays('2022-04-11', '2022-04-12', null)).toBe(0);
  });
});

it('stores temperatures in tenths without float drift', () => {
  expect(toTenths(37.3)).toBe(373);
  expect(toTenths(36.55)).toBe(366);
});
