import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engines/geo';
import type { AllocationAttributes } from '../retail';
import type { RetailerEligibility } from './eligibility';
import { customerWeight, derivePlan, planCellOf, prepareCity, type PlanSpec } from './plan.derive';

function city(n: number, seed: number): AllocationAttributes[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i): AllocationAttributes => {
    const county = ['140105', '140106', '140121'][rng.int(0, 2)]!;
    return {
      id: `r${String(i).padStart(5, '0')}`,
      licenceNo: `${county}${String(i).padStart(6, '0')}`,
      cityCode: '140100',
      countyCode: county,
      grade: rng.int(1, 30),
      marketType: rng.next() < 0.5 ? 'urban' : 'rural',
      businessType: 'grocery',
      creditRating: 'A',
      marketingDept: rng.next() < 0.05 ? null : `${county}YX${rng.int(1, 3)}`,
      visitCycle: rng.next() < 0.2 ? 'biweekly' : 'weekly',
      serviceState: 'open',
      status: rng.next() < 0.95 ? 'active' : 'closed',
    };
  });
}

const spec = (over: Partial<PlanSpec> = {}): PlanSpec => ({
  method: 'A',
  target: 9000,
  cap: 40,
  profile: { preset: 'linear', minGrade: 2, start: 1, step: 0.5 },
  priceClass: 4,
  dimensions: [],
  cellMultipliers: {},
  classMultipliers: {},
  blockedPolicy: 'reserve',
  remainder: 'rotate',
  selected: null,
  overrides: new Map(),
  weekSerial: 2614,
  ...over,
});

/** Each retailer's quota as ordering would read it: its cell's grade quota × weight, plus extras. */
function quotas(
  s: PlanSpec,
  retailers: AllocationAttributes[],
  eligibility: Map<string, RetailerEligibility>,
) {
  const outcome = derivePlan(s, retailers, eligibility);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const plan = outcome.plan;
  const byKey = new Map(plan.cells.map((c) => [c.key, c]));
  let total = 0;
  for (const r of retailers) {
    if (r.status !== 'active' || eligibility.get(r.id)?.ordering === 'blocked') continue;
    const cell = byKey.get(planCellOf(r, s.method, s.dimensions))!;
    total += cell.quotas[r.grade - 1]! * customerWeight(r, s) + (plan.extras.get(r.id) ?? 0);
  }
  return { plan, total };
}

describe('derivePlan', () => {
  const retailers = city(3000, 11);
  const none = new Map<string, RetailerEligibility>();

  it('hands out exactly what it says it allocated, with and without the biweekly weight', () => {
    for (const biweeklyWeight of [1, 2, 3]) {
      const s = spec({ biweeklyWeight });
      const { plan, total } = quotas(s, retailers, none);
      expect(total).toBe(plan.allocated);
      expect(plan.allocated + plan.reserved + plan.idle).toBe(9000);
      expect(plan.idle).toBe(0); // the remainder is rotated
    }
  });

  it('counts a biweekly customer w times in c_j but once as a head', () => {
    const { plan } = quotas(spec({ biweeklyWeight: 2, remainder: 'none' }), retailers, none);
    const active = retailers.filter((r) => r.status === 'active');
    const cell = plan.cells[0]!;
    for (let j = 0; j < 30; j++) {
      const inGrade = active.filter((r) => r.grade === j + 1);
      expect(cell.heads![j]).toBe(inGrade.length);
      expect(cell.counts[j]).toBe(
        inGrade.length + inGrade.filter((r) => r.visitCycle === 'biweekly').length,
      );
    }
    expect(plan.customers).toBe(active.length);
  });

  it('cuts method B by 营销部, an unassigned shop in its own `-` cell', () => {
    const s = spec({ method: 'B', dimensions: ['marketing_dept'] });
    const { plan, total } = quotas(s, retailers, none);
    const depts = new Set(
      retailers.filter((r) => r.status === 'active').map((r) => r.marketingDept ?? '-'),
    );
    expect(new Set(plan.cells.map((c) => c.key))).toEqual(depts);
    expect(depts.has('-')).toBe(true);
    expect(total).toBe(plan.allocated);
  });

  it('holds a blocked biweekly shop’s weighted share in reserve under its area', () => {
    const blocked = retailers.filter((r) => r.status === 'active' && r.countyCode === '140121');
    const eligibility = new Map<string, RetailerEligibility>(
      blocked.map((r) => [r.id, { ordering: 'blocked', areaId: 'area_x', areaName: '测试封控区' }]),
    );
    const s = spec({ biweeklyWeight: 2 });
    const { plan, total } = quotas(s, retailers, eligibility);
    expect(plan.blocked).toBe(blocked.length);
    expect(plan.reserve).toEqual([
      { areaKey: 'area_x', retailers: blocked.length, quantity: plan.reserved, name: '测试封控区' },
    ]);
    const weighted = plan.blockedRetailers.filter(
      (b) => blocked.find((r) => r.id === b.id)!.visitCycle === 'biweekly',
    );
    expect(weighted.length).toBeGreaterThan(0);
    expect(total).toBe(plan.allocated);
    expect(plan.allocated + plan.reserved + plan.idle).toBe(9000);
  });

  it('prepares the city once per snapshot and gives the same answer however often it is asked', () => {
    const prepared = prepareCity(retailers, none);
    const a = derivePlan(
      spec({ method: 'B', dimensions: ['county', 'market_type'] }),
      retailers,
      none,
    );
    const b = derivePlan(
      spec({ method: 'B', dimensions: ['county', 'market_type'] }),
      retailers,
      none,
    );
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // Still the first preparation after two derivations over the same snapshots.
    expect(prepareCity(retailers, none)).toBe(prepared);
    // A new snapshot of either input (a retailer write, a disruption change) is prepared afresh.
    expect(prepareCity([...retailers], none)).not.toBe(prepared);
    expect(prepareCity(retailers, new Map(none))).not.toBe(prepared);
  });
});
