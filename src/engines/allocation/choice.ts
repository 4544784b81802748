/** Per group, the index of the picked option plus one (0 = nothing picked), and their total. */
export interface ChoiceResult {
  picks: Int32Array;
  total: number;
  method: 'trivial' | 'greedy' | 'dp';
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Largest index i with list[i] ≤ limit, or -1. `list` is increasing. */
function largestFitting(list: readonly number[], limit: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= limit) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Exact multiple-choice subset sum: from each group pick one option (option 0 weighs 0), so that
 * the total weight is as large as possible without exceeding `budget`. `weights[g]` lists group
 * g's non-zero option weights, strictly increasing.
 */
export function maxChoice(weights: readonly (readonly number[])[], budget: number): ChoiceResult {
  const n = weights.length;
  const picks = new Int32Array(n);
  let all = 0;
  for (const w of weights) all += w.length > 0 ? w[w.length - 1]! : 0;
  if (all <= budget) {
    weights.forEach((w, g) => (picks[g] = w.length));
    return { picks, total: all, method: 'trivial' };
  }

  // Every reachable total is a multiple of the weights' gcd (even counts when all customers are
  // weighted twice, say); dividing by it shrinks the DP without changing the answer.
  let d = 0;
  for (const w of weights) for (const v of w) d = gcd(d, v);
  const scaled = d > 1 ? weights.map((w) => w.map((v) => v / d)) : weights;
  const cap = Math.floor(budget / d);

  // Greedy by largest option first: when it lands exactly on the budget no solution can do better
  // and the DP is skipped (about one plan in six of the benchmark week; the DP settles the rest).
  const order = [...scaled.keys()].sort(
    (a, b) => (scaled[b]!.at(-1) ?? 0) - (scaled[a]!.at(-1) ?? 0) || a - b,
  );
  let left = cap;
  for (const g of order) {
    const i = largestFitting(scaled[g]!, left);
    if (i >= 0) {
      picks[g] = i + 1;
      left -= scaled[g]![i]!;
    }
  }
  if (left === 0) return { picks, total: cap * d, method: 'greedy' };
  const lowerBound = cap - left;

  const best = subsetSumDp(scaled, cap, lowerBound, picks);
  return { picks, total: best * d, method: 'dp' };
}

/**
 * Bitset DP over reachable totals 0..cap, 32 totals per machine word. Each total remembers the
 * group (in processing order) and option that first reached it; a total first reached at group g
 * came from one reachable before g, so walking back yields each group at most once. Overwrites
 * `picks` with the optimal choice and returns the optimal (scaled) total.
 */
function subsetSumDp(
  weights: readonly (readonly number[])[],
  cap: number,
  lowerBound: number,
  picks: Int32Array,
): number {
  // Small groups first: the reachable range then grows slowly, so early groups touch few words.
  const order = [...weights.keys()]
    .filter((g) => weights[g]!.length > 0)
    .sort((a, b) => weights[a]!.at(-1)! - weights[b]!.at(-1)! || a - b);
  const m = order.length;
  const remainingAfter = new Float64Array(m + 1);
  for (let k = m - 1; k >= 0; k--)
    remainingAfter[k] = remainingAfter[k + 1]! + weights[order[k]!]!.at(-1)!;

  const lastWord = cap >>> 5;
  const validBits = (cap & 31) + 1;
  const lastMask = validBits === 32 ? -1 : (1 << validBits) - 1;
  const bits = new Int32Array(lastWord + 1);
  const snapshot = new Int32Array(lastWord + 1);
  const firstGroup = new Int32Array(cap + 1);
  const firstOption = new Uint8Array(cap + 1);
  bits[0] = 1;
  let reach = 0;

  for (let k = 0; k < m; k++) {
    const w = weights[order[k]!]!;
    reach = Math.min(cap, reach + w.at(-1)!);
    const hiWord = reach >>> 5;
    // Totals that cannot reach the greedy value even with every later group maxed are useless.
    const loTotal = lowerBound - remainingAfter[k + 1]!;
    const loWord = loTotal > 0 ? loTotal >>> 5 : 0;
    // Options of one group must not combine, so they all shift the pre-group bits (a snapshot).
    const copyFrom = Math.max(0, loWord - (w.at(-1)! >>> 5) - 1);
    snapshot.set(bits.subarray(copyFrom, hiWord + 1), copyFrom);
    for (let s = 0; s < w.length; s++) {
      const wt = w[s]!;
      const q = wt >>> 5;
      const b = wt & 31;
      const from = Math.max(loWord, q);
      for (let i = hiWord; i >= from; i--) {
        const src = i - q;
        let v =
          b === 0
            ? snapshot[src]!
            : (snapshot[src]! << b) | (src > 0 ? snapshot[src - 1]! >>> (32 - b) : 0);
        if (i === lastWord) v &= lastMask;
        const cur = bits[i]!;
        let fresh = v & ~cur;
        if (fresh === 0) continue;
        bits[i] = cur | fresh;
        const base = i << 5;
        while (fresh !== 0) {
          const t = fresh & -fresh;
          const total = base + 31 - Math.clz32(t);
          firstGroup[total] = k;
          firstOption[total] = s + 1;
          fresh ^= t;
        }
      }
    }
    if ((bits[lastWord]! >>> (cap & 31)) & 1) break;
  }

  let best = cap;
  while (best > 0 && ((bits[best >>> 5]! >>> (best & 31)) & 1) === 0) best--;
  picks.fill(0);
  let t = best;
  while (t > 0) {
    const g = order[firstGroup[t]!]!;
    const s = firstOption[t]!;
    picks[g] = s;
    t -= weights[g]![s - 1]!;
  }
  return best;
}
