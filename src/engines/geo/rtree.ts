import type { BBox } from './types';

/**
 * A static, packed R-tree over bounding boxes (Sort-Tile-Recursive bulk load). Built once from
 * a list of boxes and then only queried: the disruption engine rebuilds it when areas change,
 * which for a few thousand areas takes well under a millisecond. Queries are not re-entrant
 * (one shared traversal stack), which is fine on one JavaScript thread.
 */
export class PackedRTree {
  /** Number of indexed boxes. */
  readonly size: number;
  private readonly nodeSize: number;
  /** Node boxes, 4 numbers per slot: items (leaves) first, then each upper level, root last. */
  private readonly boxes: Float64Array;
  /** For a leaf slot the item index; for a node slot the slot of its first child. */
  private readonly indices: Int32Array;
  /** Slot just past the end of each level, from the leaves up. */
  private readonly levelEnds: number[];
  private stack: Int32Array;

  private constructor(
    size: number,
    nodeSize: number,
    boxes: Float64Array,
    indices: Int32Array,
    levelEnds: number[],
  ) {
    this.size = size;
    this.nodeSize = nodeSize;
    this.boxes = boxes;
    this.indices = indices;
    this.levelEnds = levelEnds;
    this.stack = new Int32Array(Math.max(16, levelEnds.length * nodeSize * 2));
  }

  /** Indexes `boxes`; item i of every query result is the index of a box in this array. */
  static build(items: readonly BBox[], nodeSize = 16): PackedRTree {
    const n = items.length;
    const order = strOrder(items, nodeSize);
    const boxes: number[] = [];
    const indices: number[] = [];
    for (const item of order) {
      const b = items[item];
      boxes.push(b[0], b[1], b[2], b[3]);
      indices.push(item);
    }
    const levelEnds = [n];
    let start = 0;
    let end = n;
    while (end - start > 1) {
      for (let i = start; i < end; i += nodeSize) {
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (let c = i, stop = Math.min(i + nodeSize, end); c < stop; c++) {
          minX = Math.min(minX, boxes[c * 4]);
          minY = Math.min(minY, boxes[c * 4 + 1]);
          maxX = Math.max(maxX, boxes[c * 4 + 2]);
          maxY = Math.max(maxY, boxes[c * 4 + 3]);
        }
        boxes.push(minX, minY, maxX, maxY);
        indices.push(i);
      }
      start = end;
      end = indices.length;
      levelEnds.push(end);
    }
    return new PackedRTree(
      n,
      nodeSize,
      Float64Array.from(boxes),
      Int32Array.from(indices),
      levelEnds,
    );
  }

  /**
   * Writes into `out` (cleared first) the indices of the boxes containing the point, boundary
   * included, in no particular order; returns how many.
   */
  searchPoint(lon: number, lat: number, out: number[]): number {
    return this.searchBox(lon, lat, lon, lat, out);
  }

  /** Like {@link searchPoint} for the boxes intersecting the closed query box. */
  searchBox(minX: number, minY: number, maxX: number, maxY: number, out: number[]): number {
    const n = this.queryBox(minX, minY, maxX, maxY);
    out.length = n;
    for (let i = 0; i < n; i++) out[i] = this.result[i];
    return n;
  }

  /**
   * Allocation-free form of {@link searchPoint} for hot loops: returns how many boxes contain
   * the point and leaves their indices in `result[0 .. count)`, valid until the next query.
   */
  queryPoint(lon: number, lat: number): number {
    return this.queryBox(lon, lat, lon, lat);
  }

  /** Indices of the last query's hits (see {@link queryPoint}); overwritten by every query. */
  result: Int32Array = new Int32Array(16);

  private queryBox(minX: number, minY: number, maxX: number, maxY: number): number {
    if (this.size === 0) return 0;
    let result = this.result;
    let count = 0;
    const { boxes, indices, levelEnds, nodeSize } = this;
    let stack = this.stack;
    let top = 0;
    // Stack entries are (slot, level) pairs.
    stack[top++] = indices.length - 1;
    stack[top++] = levelEnds.length - 1;
    while (top > 0) {
      const level = stack[--top];
      const slot = stack[--top];
      const o = slot * 4;
      if (boxes[o] > maxX || boxes[o + 1] > maxY || boxes[o + 2] < minX || boxes[o + 3] < minY) {
        continue;
      }
      if (level === 0) {
        if (count === result.length) {
          const bigger = new Int32Array(result.length * 2);
          bigger.set(result);
          result = this.result = bigger;
        }
        result[count++] = indices[slot];
        continue;
      }
      const first = indices[slot];
      const last = Math.min(first + nodeSize, levelEnds[level - 1]);
      if (top + 2 * (last - first) > stack.length) {
        const bigger = new Int32Array(stack.length * 2 + 2 * nodeSize);
        bigger.set(stack);
        stack = this.stack = bigger;
      }
      for (let c = first; c < last; c++) {
        stack[top++] = c;
        stack[top++] = level - 1;
      }
    }
    return count;
  }
}

/** Sort-Tile-Recursive leaf order: vertical slices by centre x, each sorted by centre y. */
function strOrder(items: readonly BBox[], nodeSize: number): number[] {
  const n = items.length;
  const cx = (i: number) => items[i][0] + items[i][2];
  const cy = (i: number) => items[i][1] + items[i][3];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cx(a) - cx(b) || a - b);
  const leaves = Math.ceil(n / nodeSize);
  const sliceSize = Math.ceil(Math.sqrt(leaves)) * nodeSize;
  const result: number[] = [];
  for (let s = 0; s < n; s += sliceSize) {
    const slice = order.slice(s, s + sliceSize).sort((a, b) => cy(a) - cy(b) || a - b);
    for (const i of slice) result.push(i);
  }
  return result;
}
