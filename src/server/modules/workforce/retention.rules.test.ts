import { describe, expect, it } from 'vitest';
import { withoutHealthFacts } from './retention.rules';

describe('audit payloads past retention', () => {
  it('drops modes, reasons and report fields and keeps who, whose and when', () => {
    expect(
      withoutHealthFacts({ staffId: 's1', date: '2022-04-11', workMode: 'quarantined' }),
    ).toEqual({ staffId: 's1', date: '2022-04-11' });
    expect(
      withoutHealthFacts({ staffId: 's1', assignmentId: 'a1', reasons: ['health_risk'] }),
    ).toEqual({ staffId: 's1', assignmentId: 'a1' });
    expect(
      withoutHealthFacts({ nested: [{ temperature: 38.7, healthCode: 'red', id: 'r1' }] }),
    ).toEqual({ nested: [{ id: 'r1' }] });
  });

  it('turns the people of a risk-filtered read into a count, and keeps an unfiltered list', () => {
    expect(withoutHealthFacts({ date: 'd', risk: 'flagged', staffIds: ['a', 'b'] })).toEqual({
      date: 'd',
      staffCount: 2,
    });
    expect(withoutHealthFacts({ date: 'd', risk: 'all', staffIds: ['a', 'b'] })).toEqual({
      date: 'd',
      staffIds: ['a', 'b'],
    });
  });
});
