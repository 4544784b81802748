import { describe, expect, it } from 'vitest';
import {
  availableFor,
  confirmQuantities,
  orderTotals,
  refusedLines,
  requestFingerprint,
  type OrderCheck,
} from './ordering.rules';

const offer = new Map([
  ['A', { quota: 5, priceFen: 1000 }],
  ['B', { quota: 2, priceFen: 2500 }],
  ['Z', { quota: 0, priceFen: 900 }],
]);

function check(partial: Partial<OrderCheck>): OrderCheck {
  return {
    lines: [],
    current: new Map(),
    offer,
    windowOpen: true,
    blocked: false,
    poolRemaining: () => null,
    stockRemaining: () => null,
    ...partial,
  };
}

describe('refusedLines', () => {
  it('accepts lines within quota, pool and stock', () => {
    expect(
      refusedLines(
        check({
          lines: [
            { productCode: 'A', quantity: 5 },
            { productCode: 'B', quantity: 1 },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('gives each refused line its code and limit, closed window and block first', () => {
    const lines = [
      { productCode: 'A', quantity: 6 },
      { productCode: 'Z', quantity: 1 },
      { productCode: 'Q', quantity: 1 },
    ];
    expect(refusedLines(check({ lines }))).toEqual([
      { productCode: 'A', code: 'QUOTA_EXCEEDED', requested: 6, limit: 5 },
      { productCode: 'Z', code: 'NOT_OFFERED', requested: 1, limit: 0 },
      { productCode: 'Q', code: 'NOT_OFFERED', requested: 1, limit: 0 },
    ]);
    expect(refusedLines(check({ lines, windowOpen: false })).map((r) => r.code)).toEqual([
      'WINDOW_CLOSED',
      'WINDOW_CLOSED',
      'WINDOW_CLOSED',
    ]);
    expect(refusedLines(check({ lines, blocked: true })).map((r) => r.code)).toEqual([
      'AREA_BLOCKED',
      'AREA_BLOCKED',
      'AREA_BLOCKED',
    ]);
  });

  it('checks pools and stock on the increase over what the order already holds', () => {
    const current = new Map([['A', 3]]);
    // Pool has 1 left: 3 → 4 fits, 3 → 5 does not (limit 4).
    expect(
      refusedLines(
        check({ lines: [{ productCode: 'A', quantity: 4 }], current, poolRemaining: () => 1 }),
      ),
    ).toEqual([]);
    expect(
      refusedLines(
        check({ lines: [{ productCode: 'A', quantity: 5 }], current, poolRemaining: () => 1 }),
      ),
    ).toEqual([{ productCode: 'A', code: 'POOL_EXHAUSTED', requested: 5, limit: 4 }]);
    // Lowering is always possible, even with the pool overdrawn by a lowered total.
    expect(
      refusedLines(
        check({ lines: [{ productCode: 'A', quantity: 1 }], current, poolRemaining: () => -7 }),
      ),
    ).toEqual([]);
    expect(
      refusedLines(check({ lines: [{ productCode: 'B', quantity: 2 }], stockRemaining: () => 1 })),
    ).toEqual([{ productCode: 'B', code: 'OUT_OF_STOCK', requested: 2, limit: 1 }]);
  });
});

describe('availableFor', () => {
  it('is the quota bounded by what pool and stock leave beyond the held quantity', () => {
    expect(availableFor(5, 0, null, null)).toBe(5);
    expect(availableFor(5, 2, 1, null)).toBe(3);
    expect(availableFor(5, 2, null, 0)).toBe(2);
    expect(availableFor(5, 0, -3, 10)).toBe(0);
  });
});

describe('confirmQuantities', () => {
  it('confirms first come first served while stock lasts, untracked specs in full', () => {
    const stock = new Map([['A', 5]]);
    const confirmed = confirmQuantities(
      [
        {
          id: 'o1',
          lines: [
            { productCode: 'A', quantity: 3 },
            { productCode: 'B', quantity: 9 },
          ],
        },
        { id: 'o2', lines: [{ productCode: 'A', quantity: 3 }] },
        { id: 'o3', lines: [{ productCode: 'A', quantity: 1 }] },
      ],
      stock,
    );
    expect(Object.fromEntries(confirmed.get('o1')!)).toEqual({ A: 3, B: 9 });
    expect(confirmed.get('o2')!.get('A')).toBe(2);
    expect(confirmed.get('o3')!.get('A')).toBe(0);
    expect(stock.get('A')).toBe(0);
  });
});

describe('orderTotals and requestFingerprint', () => {
  it('adds quantities and fen; the fingerprint ignores line order', () => {
    expect(
      orderTotals([
        { quantity: 2, priceFen: 1000 },
        { quantity: 3, priceFen: 2500 },
      ]),
    ).toEqual({ quantity: 5, fen: 9500 });
    const a = requestFingerprint('r1', '2022-W15', [
      { productCode: 'B', quantity: 1 },
      { productCode: 'A', quantity: 2 },
    ]);
    const b = requestFingerprint('r1', '2022-W15', [
      { productCode: 'A', quantity: 2 },
      { productCode: 'B', quantity: 1 },
    ]);
    expect(a).toBe(b);
    expect(requestFingerprint('r1', '2022-W15', [{ productCode: 'A', quantity: 3 }])).not.toBe(a);
  });
});
