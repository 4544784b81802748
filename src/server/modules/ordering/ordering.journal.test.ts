import { describe, expect, it } from 'vitest';
import { GroupCommit } from './ordering.journal';

/** A commit that waits until released, recording the batches it was given. */
function gatedCommit(failOn?: number) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let open = 0;
  let mostOpen = 0;
  const commit = async (items: number[]) => {
    batches.push(items);
    open++;
    mostOpen = Math.max(mostOpen, open);
    await new Promise<void>((resolve) => gates.push(resolve));
    open--;
    if (failOn !== undefined && items.includes(failOn)) throw new Error(`bad ${failOn}`);
  };
  const releaseAll = async () => {
    while (gates.length > 0 || open > 0) {
      gates.splice(0).forEach((g) => g());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { commit, batches, releaseAll, mostOpen: () => mostOpen };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('gathers what arrives during a commit into the next batch', async () => {
    const gate = gatedCommit();
    const journal = new GroupCommit<number>(gate.commit);
    const first = journal.submit(1);
    await tick();
    const rest = [2, 3, 4].map((n) => journal.submit(n));
    await gate.releaseAll();
    await Promise.all([first, ...rest]);
    expect(gate.batches).toEqual([[1], [2, 3, 4]]);
    expect(journal.stats).toEqual({ commits: 2, items: 4 });
  });

  it('keeps at most `concurrency` commits in flight', async () => {
    const gate = gatedCommit();
    const journal = new GroupCommit<number>(gate.commit, { concurrency: 2, maxBatch: 2 });
    const all = Array.from({ length: 9 }, (_, i) => journal.submit(i));
    await tick();
    await gate.releaseAll();
    await Promise.all(all);
    expect(gate.mostOpen()).toBe(2);
    expect(gate.batches.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Math.max(...gate.batches.map((b) => b.length))).toBe(2);
  });

  it('fails only the bad write of a batch, committing its neighbours', async () => {
    const gate = gatedCommit(3);
    const journal = new GroupCommit<number>(gate.commit);
    const settling = Promise.allSettled([1, 2, 3, 4].map((n) => journal.submit(n)));
    await tick();
    await gate.releaseAll();
    const settled = await settling;
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(journal.stats.items).toBe(3);
  });
});
