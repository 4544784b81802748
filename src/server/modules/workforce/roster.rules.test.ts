import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, shanghaiDate, shiftWindow } from './calendar.rules';
import { gapOf, neededSkills, rankReplacements } from './roster.rules';
import { awayOn, decisionProblem } from './travel.rules';

describe('gaps', () => {
  const needs = { minHeadcount: 2, requiredSkills: ['receiving'] };

  it('has no gap when enough available people cover every skill', () => {
    expect(
      gapOf(needs, [
        { skills: ['receiving'], available: true },
        { skills: ['driver'], available: true },
      ]),
    ).toBeNull();
  });

  it('opens a gap the moment a rostered person becomes unavailable', () => {
    expect(
      gapOf(needs, [
        { skills: ['receiving'], available: false },
        { skills: ['driver'], available: true },
      ]),
    ).toEqual({ missingHeadcount: 1, missingSkills: ['receiving'] });
  });

  it('treats a minimum of zero as no head-count requirement', () => {
    expect(gapOf({ minHeadcount: 0, requiredSkills: [] }, [])).toBeNull();
  });

  it('asks for the missing skills, else the required ones, else those of who dropped out', () => {
    expect(neededSkills({ missingHeadcount: 1, missingSkills: ['dispatch'] }, needs, [])).toEqual([
      'dispatch',
    ]);
    expect(neededSkills({ missingHeadcount: 1, missingSkills: [] }, needs, [])).toEqual([
      'receiving',
    ]);
    expect(
      neededSkills(
        { missingHeadcount: 1, missingSkills: [] },
        { minHeadcount: 1, requiredSkills: [] },
        [{ skills: ['driver'], available: false }],
      ),
    ).toEqual(['driver']);
  });
});

describe('replacement ranking', () => {
  const shift = { unitCode: 'LC1', lon: 112.5, lat: 37.8 };
  const candidates = [
    { staffId: 'far', unitCode: 'C2', skills: ['receiving'], unitLon: 113.5, unitLat: 37.8 },
    { staffId: 'near', unitCode: 'C1', skills: ['receiving'], unitLon: 112.6, unitLat: 37.8 },
    { staffId: 'same-b', unitCode: 'LC1', skills: ['receiving'], unitLon: 112.5, unitLat: 37.8 },
    {
      staffId: 'same-a',
      unitCode: 'LC1',
      skills: ['receiving', 'driver'],
      unitLon: 112.5,
      unitLat: 37.8,
    },
    { staffId: 'wrong-skill', unitCode: 'LC1', skills: ['it'], unitLon: 112.5, unitLat: 37.8 },
    { staffId: 'nowhere', unitCode: 'C3', skills: ['receiving'], unitLon: null, unitLat: null },
  ];

  it('keeps only people with a needed skill, own unit first, then by distance', () => {
    const ranked = rankReplacements(candidates, shift, ['receiving'], 10);
    expect(ranked.map((r) => r.candidate.staffId)).toEqual([
      'same-a',
      'same-b',
      'near',
      'far',
      'nowhere',
    ]);
    expect(ranked[2]!.distanceKm).toBeGreaterThan(8);
    expect(ranked[2]!.distanceKm).toBeLessThan(9.5);
  });

  it('cuts the list at the limit', () => {
    expect(rankReplacements(candidates, shift, [], 2).map((r) => r.candidate.staffId)).toEqual([
      'same-a',
      'same-b',
    ]);
  });
});

describe('calendar (Asia/Shanghai)', () => {
  it('turns 16:00 UTC into the next Shanghai day', () => {
    expect(shanghaiDate(new Date('2022-04-10T15:59:59Z'))).toBe('2022-04-10');
    expect(shanghaiDate(new Date('2022-04-10T16:00:00Z'))).toBe('2022-04-11');
  });

  it('adds days across months and counts them back', () => {
    expect(addDays('2022-03-31', 1)).toBe('2022-04-01');
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28');
    expect(daysBetween('2022-03-30', '2022-04-02')).toBe(3);
  });

  it('ends a night shift the next morning', () => {
    const night = shiftWindow('2022-04-10', '16:00', '00:00');
    expect(night.startsAt.toISOString()).toBe('2022-04-10T08:00:00.000Z');
    expect(night.endsAt.toISOString()).toBe('2022-04-10T16:00:00.000Z');
    const day = shiftWindow('2022-04-10', '08:00', '08:00');
    expect(day.endsAt.getTime() - day.startsAt.getTime()).toBe(24 * 3_600_000);
  });
});

describe('travel decisions', () => {
  const base = {
    status: 'pending' as const,
    travellerStaffId: 's1',
    deciderStaffId: 's2',
    decision: 'approve' as const,
    reason: undefined,
  };

  it('lets a head approve a pending request', () => {
    expect(decisionProblem(base)).toBeNull();
  });

  it('refuses deciding twice, deciding one’s own, and a refusal without reason', () => {
    expect(decisionProblem({ ...base, status: 'approved' })).toBe('not_pending');
    expect(decisionProblem({ ...base, deciderStaffId: 's1' })).toBe('own_request');
    expect(decisionProblem({ ...base, decision: 'refuse', reason: '  ' })).toBe('reason_required');
    expect(decisionProblem({ ...base, decision: 'refuse', reason: '非必要不出行' })).toBeNull();
  });

  it('counts an approved trip away on its first and last day only', () => {
    const trip = { status: 'approved' as const, departOn: '2022-04-10', returnOn: '2022-04-12' };
    expect(awayOn(trip, '2022-04-09')).toBe(false);
    expect(awayOn(trip, '2022-04-10')).toBe(true);
    expect(awayOn(trip, '2022-04-12')).toBe(true);
    expect(awayOn({ ...trip, status: 'pending' }, '2022-04-11')).toBe(false);
  });
});
