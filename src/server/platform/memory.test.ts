import { describe, expect, it } from 'vitest';
import { MemoryEstimator } from './memory';

describe('the memory estimate', () => {
  it('grows with what a structure holds, counts shared objects once and skips what it is told', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, grade: i % 30 }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const small = await new MemoryEstimator().estimate(new Map([...byId].slice(0, 10)));
    const large = await new MemoryEstimator().estimate(byId);
    expect(large.objects).toBe(1001);
    expect(large.bytes).toBeGreaterThan(50 * small.bytes);

    const shared = new MemoryEstimator();
    const first = await shared.estimate({ byId });
    const second = await shared.estimate({ again: byId, columns: new Float64Array(1000) });
    // The map was counted for the first root; the second holds only its own typed array.
    expect(second.bytes).toBeLessThan(first.bytes / 4);
    expect(second.bytes).toBeGreaterThanOrEqual(8000);

    // A cache's load, once settled, is followed to its value.
    const loaded = await new MemoryEstimator().estimate({ directory: Promise.resolve(byId) });
    expect(loaded.objects).toBe(1003);
    const skipped = await new MemoryEstimator({ skip: [byId] }).estimate({ byId });
    expect(skipped.objects).toBe(1);
  });

  it('says when it stopped early', async () => {
    const e = await new MemoryEstimator({ maxObjects: 5 }).estimate(
      Array.from({ length: 10 }, () => ({})),
    );
    expect(e.truncated).toBe(true);
  });
});
