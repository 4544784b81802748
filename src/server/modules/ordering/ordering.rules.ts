import type { LineRefusal, LineRefusalCode } from '../../../contracts/ordering';
import { daysBetween, mondayOf, type LocalDate } from '../../../engines/calendar';

/** What the rules need to know about one line's product for this retailer and cycle. */
export interface OfferedProduct {
  quota: number;
  priceFen: number;
}

export interface OrderCheck {
  lines: readonly { productCode: string; quantity: number }[];
  /** Quantities on the retailer's order now (empty when it has none or withdrew it). */
  current: ReadonlyMap<string, number>;
  offer: ReadonlyMap<string, OfferedProduct>;
  windowOpen: boolean;
  /** The effective status forbids ordering (a sealed area, a suspended shop). */
  blocked: boolean;
  /** Left in the product's total-control pool, or null when it has none. */
  poolRemaining: (productCode: string) => number | null;
  /** Left of the logistics centre's available-to-promise stock, or null when it is not tracked. */
  stockRemaining: (productCode: string) => number | null;
}

/**
 * The refused lines of an order (docs/architecture.md#ordering): a line is accepted only if the window is
 * open for the retailer, its effective status allows ordering, the quantity is within its quota,
 * the pool is not exhausted and stock covers it. Pools and stock are checked on the increase over
 * what the order already holds, so lowering a line is always possible. Empty means accepted.
 */
export function refusedLines(check: OrderCheck): LineRefusal[] {
  const refused: LineRefusal[] = [];
  const refuse = (productCode: string, code: LineRefusalCode, requested: number, limit: number) =>
    refused.push({ productCode, code, requested, limit: Math.max(0, limit) });
  for (const line of check.lines) {
    const { productCode, quantity } = line;
    const held = check.current.get(productCode) ?? 0;
    const offered = check.offer.get(productCode);
    if (!check.windowOpen) {
      refuse(productCode, 'WINDOW_CLOSED', quantity, 0);
      continue;
    }
    if (check.blocked) {
      refuse(productCode, 'AREA_BLOCKED', quantity, 0);
      continue;
    }
    if (!offered || offered.quota <= 0) {
      refuse(productCode, 'NOT_OFFERED', quantity, 0);
      continue;
    }
    if (quantity > offered.quota) {
      refuse(productCode, 'QUOTA_EXCEEDED', quantity, offered.quota);
      continue;
    }
    const increase = quantity - held;
    if (increase <= 0) continue;
    const pool = check.poolRemaining(productCode);
    if (pool !== null && increase > pool) {
      refuse(productCode, 'POOL_EXHAUSTED', quantity, Math.min(offered.quota, held + pool));
      continue;
    }
    const stock = check.stockRemaining(productCode);
    if (stock !== null && increase > stock) {
      refuse(productCode, 'OUT_OF_STOCK', quantity, Math.min(offered.quota, held + stock));
    }
  }
  return refused;
}

/** The most a retailer could put on a line now: its quota, bounded by what pool and stock leave. */
export function availableFor(
  quota: number,
  held: number,
  poolRemaining: number | null,
  stockRemaining: number | null,
): number {
  let most = Math.max(0, quota);
  if (poolRemaining !== null) most = Math.min(most, held + Math.max(0, poolRemaining));
  if (stockRemaining !== null) most = Math.min(most, held + Math.max(0, stockRemaining));
  return most;
}

export function orderTotals(lines: readonly { quantity: number; priceFen: number }[]): {
  quantity: number;
  fen: number;
} {
  let quantity = 0;
  let fen = 0;
  for (const line of lines) {
    quantity += line.quantity;
    fen += line.quantity * line.priceFen;
  }
  return { quantity, fen };
}

/**
 * Confirmed quantities at closing: each line gets what it asked for while the centre's stock for
 * the product lasts, in the order the orders were submitted (first come, first served); stock not
 * tracked confirms in full. Fill rate = confirmed ÷ requested.
 */
export function confirmQuantities(
  orders: readonly { id: string; lines: readonly { productCode: string; quantity: number }[] }[],
  stockLeft: Map<string, number>,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const order of orders) {
    const confirmed = new Map<string, number>();
    for (const line of order.lines) {
      const left = stockLeft.get(line.productCode);
      if (left === undefined) {
        confirmed.set(line.productCode, line.quantity);
        continue;
      }
      const q = Math.max(0, Math.min(line.quantity, left));
      stockLeft.set(line.productCode, left - q);
      confirmed.set(line.productCode, q);
    }
    out.set(order.id, confirmed);
  }
  return out;
}

/** Stable fingerprint of a request body for idempotency: the same lines in any order match. */
export function requestFingerprint(
  retailerId: string,
  cycleId: string,
  lines: readonly { productCode: string; quantity: number }[],
): string {
  const sorted = [...lines]
    .sort((a, b) => (a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0))
    .map((l) => `${l.productCode}=${l.quantity}`)
    .join(',');
  return `${retailerId}|${cycleId}|${sorted}`;
}

/** How far from now a cycle a request names may lie, either way: a year of history or plans. */
export const cycleReachDays = 366;

/**
 * Whether a cycle lies within reach of `today` (a local date): its Monday at most
 * `cycleReachDays` away. A cycle further off is refused before anything is built for it, so a
 * request cannot make the server build (and keep) ledgers for arbitrary weeks.
 */
export function cycleWithinReach(cycleId: string, today: LocalDate): boolean {
  const monday = mondayOf(cycleId);
  return monday !== null && Math.abs(daysBetween(today, monday)) <= cycleReachDays;
}
