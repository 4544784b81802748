import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { PackedRTree } from './rtree';
import type { BBox } from './types';

function brute(boxes: BBox[], q: BBox): number[] {
  return boxes
    .map((b, i) => (b[0] <= q[2] && b[2] >= q[0] && b[1] <= q[3] && b[3] >= q[1] ? i : -1))
    .filter((i) => i >= 0);
}

describe('PackedRTree', () => {
  it('handles empty and single-item trees', () => {
    const out: number[] = [7];
    expect(PackedRTree.build([]).searchPoint(0, 0, out)).toBe(0);
    expect(out).toEqual([]);
    const one = PackedRTree.build([[0, 0, 1, 1]]);
    expect(one.searchPoint(1, 1, out)).toBe(1);
    expect(out).toEqual([0]);
    expect(one.searchPoint(1.01, 1, out)).toBe(0);
  });

  it('returns every hit when many boxes overlap (result buffer grows)', () => {
    const boxes: BBox[] = Array.from({ length: 100 }, (_, i) => [0, 0, 1 + i, 1]);
    const tree = PackedRTree.build(boxes, 4);
    expect(tree.queryPoint(0.5, 0.5)).toBe(100);
    expect([...tree.result.subarray(0, 100)].sort((a, b) => a - b)).toEqual(boxes.map((_, i) => i));
    expect(tree.queryPoint(50.5, 0.5)).toBe(50);
  });

  it('property: point and box queries equal brute force', () => {
    const rng = createRng(21);
    for (const n of [2, 15, 16, 17, 300, 2500]) {
      const boxes: BBox[] = Array.from({ length: n }, () => {
        const x = rng.next() * 100;
        const y = rng.next() * 100;
        const w = rng.next() < 0.05 ? rng.next() * 80 : rng.next() * 3;
        const h = rng.next() * 3;
        return [x, y, x + w, y + h];
      });
      const tree = PackedRTree.build(boxes, rng.pick([4, 9, 16]));
      const out: number[] = [];
      for (let k = 0; k < 200; k++) {
        const x = rng.next() * 110 - 5;
        const y = rng.next() * 110 - 5;
        tree.searchPoint(x, y, out);
        expect(out.sort((a, b) => a - b)).toEqual(brute(boxes, [x, y, x, y]));
        const q: BBox = [x, y, x + rng.next() * 10, y + rng.next() * 10];
        tree.searchBox(q[0], q[1], q[2], q[3], out);
        expect(out.sort((a, b) => a - b)).toEqual(brute(boxes, q));
      }
    }
  });
});
