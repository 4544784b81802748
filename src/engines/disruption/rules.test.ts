import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SCHEMES,
  checkScheme,
  EFFECT_LABELS,
  findStatus,
  SERVICE_STATE_RULES,
} from './rules';
import {
  DELIVERY_MODES,
  NORMAL_EFFECTS,
  ORDERING_EFFECTS,
  SERVICE_STATES,
  stricterDelivery,
  stricterEffects,
  stricterOrdering,
} from './vocab';

describe('rule data', () => {
  it('built-in schemes are sound and labelled in both languages', () => {
    expect(BUILT_IN_SCHEMES.map((s) => s.id)).toEqual([
      'epidemic-2022',
      'risk-2022',
      'flood',
      'road-closure',
    ]);
    for (const scheme of BUILT_IN_SCHEMES) {
      expect(checkScheme(scheme), scheme.id).toEqual([]);
      expect(scheme.label.zh && scheme.label.en).toBeTruthy();
      for (const s of scheme.statuses) expect(s.label.zh && s.label.en).toBeTruthy();
    }
    expect(findStatus(BUILT_IN_SCHEMES, 'epidemic-2022', 'sealed')?.label.zh).toBe('封控区');
    expect(findStatus(BUILT_IN_SCHEMES, 'epidemic-2022', 'high')).toBeUndefined();
    expect(findStatus(BUILT_IN_SCHEMES, 'nope', 'sealed')).toBeUndefined();
  });

  it('sealed areas stop everything; precaution areas keep ordering and work going', () => {
    expect(findStatus(BUILT_IN_SCHEMES, 'epidemic-2022', 'sealed')?.effects).toEqual({
      ordering: 'blocked',
      delivery: 'none',
      commute: 'cannot',
      office: 'closed',
    });
    expect(findStatus(BUILT_IN_SCHEMES, 'epidemic-2022', 'precaution')?.effects).toMatchObject({
      ordering: 'allowed',
      commute: 'can',
      office: 'open',
    });
  });

  it('within each scheme, a more severe status is never more permissive', () => {
    for (const scheme of BUILT_IN_SCHEMES) {
      for (let i = 1; i < scheme.statuses.length; i++) {
        const more = scheme.statuses[i - 1].effects;
        const less = scheme.statuses[i].effects;
        expect(stricterEffects(more, less), `${scheme.id}/${scheme.statuses[i].id}`).toEqual(more);
      }
    }
  });

  it('maps every service state, and only cash payers pay cash', () => {
    expect(Object.keys(SERVICE_STATE_RULES).sort()).toEqual([...SERVICE_STATES].sort());
    expect(SERVICE_STATE_RULES.suspended).toMatchObject({ ordering: 'blocked', delivery: 'none' });
    expect(SERVICE_STATE_RULES.road_closed.delivery).toBe('fixed_point');
    expect(SERVICE_STATES.filter((s) => SERVICE_STATE_RULES[s].cashOnDelivery)).toEqual([
      'cash_payer',
    ]);
    expect(EFFECT_LABELS.delivery.fixed_point.zh).toBe('定点送货');
  });

  it('checkScheme reports each kind of problem', () => {
    const problems = checkScheme({
      id: 'x',
      label: { zh: 'x', en: 'x' },
      statuses: [
        { id: 'a', label: { zh: 'a', en: 'a' }, severity: 5, effects: { ...NORMAL_EFFECTS } },
        { id: 'a', label: { zh: 'a', en: 'a' }, severity: 10, effects: { ...NORMAL_EFFECTS } },
        {
          id: 'c',
          label: { zh: 'c', en: 'c' },
          severity: 1.5,
          effects: { ...NORMAL_EFFECTS, delivery: 'teleport' as 'none' },
        },
      ],
    });
    expect(problems).toEqual([
      'status a is listed twice',
      'status a: statuses must be listed most severe first',
      'status c: severity must be a positive integer',
      'status c: unknown delivery mode teleport',
    ]);
    expect(checkScheme({ id: '', label: { zh: '', en: '' }, statuses: [] })).toEqual([
      'scheme id is empty',
      'scheme has no status',
    ]);
  });
});

describe('strictness', () => {
  it('orders ordering and delivery effects as listed', () => {
    expect(stricterOrdering('allowed', 'deferred')).toBe('deferred');
    expect(stricterOrdering('blocked', 'deferred')).toBe('blocked');
    expect(stricterDelivery('fixed_time', 'fixed_point')).toBe('fixed_point');
    expect(stricterDelivery('fixed_point', 'deferred')).toBe('deferred');
    expect(stricterDelivery('none', 'normal')).toBe('none');
    for (const a of ORDERING_EFFECTS) {
      for (const b of ORDERING_EFFECTS) expect(stricterOrdering(a, b)).toBe(stricterOrdering(b, a));
    }
    for (const a of DELIVERY_MODES) {
      expect(stricterDelivery(a, 'normal')).toBe(a);
      expect(stricterDelivery(a, 'none')).toBe('none');
    }
  });
});
