import { describe, expect, it } from 'vitest';
import { maxOrderLines, orderInput, parseOrderInputFast } from './ordering';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const code = () =>
    pick([
      () => `69010${Math.floor(rnd() * 30)}`,
      () => '',
      () => ' 6901028 ',
      () => '6901028\t',
      () => 'x'.repeat(40),
      () => 'x'.repeat(41),
      () => '中华（硬）',
      () => 42,
      () => null,
    ])();
  const quantity = () =>
    pick([
      () => 1 + Math.floor(rnd() * 50),
      () => 0,
      () => -3,
      () => 2.5,
      () => 100_000,
      () => 100_001,
      () => '5',
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => null,
    ])();
  const line = (): unknown =>
    pick([
      () => ({ productCode: code(), quantity: quantity() }),
      () => ({ productCode: code(), quantity: quantity() }),
      () => ({ productCode: code(), quantity: quantity() }),
      () => ({ productCode: code() }),
      () => ({ quantity: quantity() }),
      () => ({ productCode: code(), quantity: quantity(), note: 'x' }),
      () => ({ productCode: code(), price: 1 }),
      () => [code(), quantity()],
      () => null,
    ])();
  const lines = () => {
    const n = pick([0, 1, 3, 11, 12, maxOrderLines, maxOrderLines + 1]);
    // Mostly plausible lines (so valid orders are common), sometimes anything.
    const plausible = rnd() < 0.6;
    return Array.from({ length: n }, (_, i) =>
      plausible ? { productCode: `69010${i}`, quantity: 1 + (i % 7) } : line(),
    );
  };
  return (): unknown =>
    pick([
      () => ({ lines: lines() }),
      () => ({ lines: lines() }),
      () => ({ lines: lines() }),
      () => ({ lines: [...lines(), line()] }),
      () => ({ lines: lines(), extra: true }),
      () => ({}),
      () => ({ lines: 'all' }),
      () => [],
      () => null,
      () => 'lines',
    ])();
}

describe('parseOrderInputFast', () => {
  it('never accepts what orderInput refuses, and returns what it would', () => {
    const next = generator(20221416);
    let fast = 0;
    let fallback = 0;
    for (let i = 0; i < 5_000; i++) {
      const input = next();
      const quick = parseOrderInputFast(input);
      const checked = orderInput.safeParse(input);
      if (quick === null) {
        fallback++;
        continue;
      }
      fast++;
      expect(checked.success, JSON.stringify(input)).toBe(true);
      expect(quick).toEqual(checked.data);
    }
    // Both paths were exercised: the comparison above was not vacuous.
    expect(fast).toBeGreaterThan(500);
    expect(fallback).toBeGreaterThan(500);
  });

  it('takes the common order and leaves duplicates, whitespace and bad numbers to zod', () => {
    const lines = [
      { productCode: '6901028000001', quantity: 5 },
      { productCode: '6901028000002', quantity: 10 },
    ];
    expect(parseOrderInputFast({ lines })).toEqual({ lines });
    expect(parseOrderInputFast({ lines: [] })).toEqual({ lines: [] });
    expect(parseOrderInputFast({ lines: [lines[0], lines[0]] })).toBeNull();
    expect(parseOrderInputFast({ lines: [{ productCode: ' 690 ', quantity: 1 }] })).toBeNull();
    expect(parseOrderInputFast({ lines: [{ productCode: '690', quantity: 1.5 }] })).toBeNull();
    expect(parseOrderInputFast({ lines: [{ productCode: '690', quantity: 0 }] })).toBeNull();
  });
});
