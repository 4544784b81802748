import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { expandGrant } from './remainder';
import { randomProblem, rng } from './testkit';
import type { AllocationProblem } from './types';

const capped: AllocationProblem = {
  target: 30,
  cap: 3,
  profile: [1, 2, 3, 4],
  cells: [{ key: 'a', counts: [5, 4, 3, 2] }],
};

describe('remainder rotation', () => {
  it('gives the leftover to the lowest grade still at its floor, rotating by week', () => {
    // Optimal rounding allocates 28 (see allocate.test.ts); 2 units go to D1 (5 slots).
    const w0 = allocate({ ...capped, remainder: { mode: 'rotate', week: 0 } });
    expect(w0.cells[0]!.quotas).toEqual([1, 2, 3, 3]);
    expect(w0.grants).toEqual([{ cell: 0, key: 'a', grade: 0, units: 2, offset: 0, slots: 5 }]);
    expect(w0.allocated).toBe(30);
    expect(w0.idle).toBe(0);
    const w1 = allocate({ ...capped, remainder: { mode: 'rotate', week: 1 } });
    expect(w1.grants[0]!.offset).toBe(2);
    const w2 = allocate({ ...capped, remainder: { mode: 'rotate', week: 2 } });
    expect(w2.grants[0]!.offset).toBe(4);
  });

  it('leaves nothing to rotate when every cap binds', () => {
    const r = allocate({
      target: 100,
      cap: 2,
      profile: [1, 1],
      cells: [{ key: 'a', counts: [3, 3] }],
      remainder: { mode: 'rotate', week: 3 },
    });
    expect(r.grants).toEqual([]);
    expect(r.idle).toBe(88);
  });

  it('places the whole leftover on random instances, only on fractional grades at the floor', () => {
    const rand = rng(11);
    for (let n = 0; n < 200; n++) {
      const problem = randomProblem(rand, n % 2 ? 'multi' : 'mixed');
      const plain = allocate(problem);
      const r = allocate({ ...problem, remainder: { mode: 'rotate', week: n } });
      expect(r.cells).toEqual(plain.cells);
      const granted = r.grants.reduce((s, g) => s + g.units, 0);
      expect(r.allocated).toBe(plain.allocated + granted);
      for (const g of r.grants) {
        expect(g.units).toBeGreaterThan(0);
        expect(g.units).toBeLessThanOrEqual(g.slots);
        expect(g.offset).toBeLessThan(g.slots);
      }
      // Grants go grade by grade from the bottom.
      for (let i = 1; i < r.grants.length; i++)
        expect(r.grants[i]!.grade).toBeGreaterThanOrEqual(r.grants[i - 1]!.grade);
      // Only full caps or nobody eligible can leave supply idle.
      if (r.idle > 0) expect(r.lambda === Infinity || r.lambda === 0).toBe(true);
    }
  });
});

describe('expandGrant', () => {
  it('maps slots to customers, a weight-2 customer holding two slots, wrapping around', () => {
    const grant = { cell: 0, key: 'a', grade: 0, units: 3, offset: 3, slots: 5 };
    const customers = [
      { id: 'r1', weight: 1 },
      { id: 'r2', weight: 2 },
      { id: 'r3', weight: 2 },
    ];
    // Slots: r1=[0], r2=[1,2], r3=[3,4]; granted slots 3, 4, 0.
    expect(expandGrant(grant, customers)).toEqual([
      { id: 'r1', extra: 1 },
      { id: 'r3', extra: 2 },
    ]);
  });

  it('refuses customers that do not match the slot count', () => {
    const grant = { cell: 0, key: 'a', grade: 0, units: 1, offset: 0, slots: 2 };
    expect(() => expandGrant(grant, [{ id: 'r1', weight: 1 }])).toThrow(/slots/);
  });
});
