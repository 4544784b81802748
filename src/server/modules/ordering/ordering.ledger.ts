import type { Order, OrderChannel, OrderStatus } from '../../../contracts/ordering';
import type { RetailerQuota } from '../../../contracts/supply';
import type { AllocationAttributes, OrderingProfile } from '../retail';
import type { QuotaBook, RetailerEligibility } from '../supply';
import { orderTotals } from './ordering.rules';

export interface LedgerLine {
  productCode: string;
  quantity: number;
  priceFen: number;
  confirmedQuantity: number | null;
}

/** A retailer's order of the cycle as the ledger holds it (mirrors the committed rows). */
export interface LedgerOrder {
  id: string;
  companyId: string;
  retailerId: string;
  countyCode: string;
  status: OrderStatus;
  channel: OrderChannel;
  version: number;
  lines: LedgerLine[];
  orderDate: string;
  deliveryDate: string;
  closesAt: string;
  submittedAt: string;
  updatedAt: string;
  updatedBy: string | null;
  confirmedAt: string | null;
}

export interface IdempotentAnswer {
  hash: string;
  /** The answer as sent: `{"order":…}`, byte for byte what the first request got. */
  body: string;
}

interface CachedOffer {
  fingerprint: string;
  list: RetailerQuota[];
  byProduct: Map<string, RetailerQuota>;
}

/**
 * One city's cycle in memory: every order, what each spec has drawn from its pool and from the
 * centre's stock, and the answers of keyed requests. The server is the only writer of orders, so
 * this is the authority between commits; it is rebuilt from the database on start-up, and every
 * check-and-reserve runs without an `await` in between, so concurrent orders can never both take
 * the last unit of a pool or of stock.
 */
export class CycleLedger {
  readonly orders = new Map<string, LedgerOrder>();
  /** Σ ordered per spec over the city's live orders (submitted or confirmed). */
  private readonly drawn = new Map<string, number>();
  private readonly idempotency = new Map<string, IdempotentAnswer>();
  private readonly offers = new Map<string, CachedOffer>();
  /** Serialises the writes of one retailer: a second PUT waits for the first's commit. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Services working with this ledger now (see `OrderingState.using`); none may be evicted. */
  pins = 0;
  /** Dropped from the state: whoever still holds it must fetch the ledger again. */
  retired = false;

  constructor(
    readonly cycleId: string,
    readonly cityCode: string,
    public book: QuotaBook,
    public profiles: ReadonlyMap<string, OrderingProfile>,
    public attributes: ReadonlyMap<string, AllocationAttributes>,
    /** Pool totals per spec: a planner's setting, else a method-E plan's target. */
    public pools: Map<string, { total: number; source: 'plan' | 'set' }>,
    /** Available-to-promise per spec at the city's logistics centre; absent = not tracked. */
    public stock: Map<string, number>,
  ) {}

  /** Replaces the published quotas (a plan was published) and forgets derived offers. */
  replaceBook(book: QuotaBook): void {
    this.book = book;
    this.offers.clear();
  }

  replaceRetailers(
    profiles: ReadonlyMap<string, OrderingProfile>,
    attributes: ReadonlyMap<string, AllocationAttributes>,
  ): void {
    this.profiles = profiles;
    this.attributes = attributes;
    this.offers.clear();
  }

  load(order: LedgerOrder): void {
    this.orders.set(order.retailerId, order);
    this.draw(order, 1);
  }

  remember(retailerId: string, key: string, answer: IdempotentAnswer): void {
    this.idempotency.set(`${retailerId}|${key}`, answer);
  }

  recall(retailerId: string, key: string): IdempotentAnswer | undefined {
    return this.idempotency.get(`${retailerId}|${key}`);
  }

  /** The retailer's quotas now; cached until its eligibility or the published plans change. */
  offerOf(
    retailerId: string,
    eligibility: RetailerEligibility | undefined,
  ): { list: RetailerQuota[]; byProduct: Map<string, RetailerQuota> } {
    const fingerprint = eligibility
      ? `${eligibility.ordering}|${eligibility.areaId ?? ''}|${eligibility.multiplierClass ?? ''}`
      : '';
    const cached = this.offers.get(retailerId);
    if (cached && cached.fingerprint === fingerprint) return cached;
    const attributes = this.attributes.get(retailerId);
    // Specs without a plan this week are never offered: keeping them would only cost memory.
    const list = attributes
      ? this.book.quotasOf(attributes, eligibility, { plannedOnly: true })
      : [];
    const entry = { fingerprint, list, byProduct: new Map(list.map((q) => [q.productCode, q])) };
    this.offers.set(retailerId, entry);
    return entry;
  }

  poolRemaining(productCode: string): number | null {
    const pool = this.pools.get(productCode);
    return pool ? pool.total - (this.drawn.get(productCode) ?? 0) : null;
  }

  poolUsed(productCode: string): number {
    return this.drawn.get(productCode) ?? 0;
  }

  stockRemaining(productCode: string): number | null {
    const available = this.stock.get(productCode);
    return available === undefined ? null : available - (this.drawn.get(productCode) ?? 0);
  }

  /** Quantities on a retailer's live order (empty when none or withdrawn). */
  heldBy(retailerId: string): Map<string, number> {
    const order = this.orders.get(retailerId);
    const held = new Map<string, number>();
    if (order && order.status !== 'cancelled') {
      for (const line of order.lines) held.set(line.productCode, line.quantity);
    }
    return held;
  }

  /** Puts `next` in place of the retailer's order and moves the drawn totals by the difference. */
  apply(next: LedgerOrder): LedgerOrder | undefined {
    const previous = this.orders.get(next.retailerId);
    if (previous) this.draw(previous, -1);
    this.orders.set(next.retailerId, next);
    this.draw(next, 1);
    return previous;
  }

  /** Undoes `apply` when the commit failed. */
  revert(next: LedgerOrder, previous: LedgerOrder | undefined): void {
    this.draw(next, -1);
    if (previous) {
      this.orders.set(next.retailerId, previous);
      this.draw(previous, 1);
    } else {
      this.orders.delete(next.retailerId);
    }
  }

  /** Whether a write of the retailer is in flight. */
  busy(retailerId: string): boolean {
    return this.tails.has(retailerId);
  }

  /**
   * Whether no write at all is in flight and no service is using it: everything it holds is
   * committed, so it could be rebuilt from the database.
   */
  idle(): boolean {
    return this.tails.size === 0 && this.pins === 0;
  }

  /**
   * What it holds, counted, and roughly how many bytes (for the memory report): V8's sizes of
   * the objects and map entries per kind, measured on this code; strings at a byte a character.
   */
  size(): {
    orders: number;
    lines: number;
    idempotencyKeys: number;
    offers: number;
    estimatedBytes: number;
  } {
    let lines = 0;
    for (const o of this.orders.values()) lines += o.lines.length;
    let offers = 0;
    for (const o of this.offers.values()) offers += o.list.length;
    let keyBytes = 0;
    for (const a of this.idempotency.values()) keyBytes += 160 + a.body.length + a.hash.length;
    const estimatedBytes =
      this.orders.size * 420 + lines * 110 + keyBytes + this.offers.size * 260 + offers * 190;
    return {
      orders: this.orders.size,
      lines,
      idempotencyKeys: this.idempotency.size,
      offers,
      estimatedBytes,
    };
  }

  /** Runs `work` after the retailer's previous write has settled. */
  async serialise<T>(retailerId: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(retailerId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(retailerId, tail);
    try {
      await before;
      return await work();
    } finally {
      release();
      if (this.tails.get(retailerId) === tail) this.tails.delete(retailerId);
    }
  }

  private draw(order: LedgerOrder, sign: 1 | -1): void {
    if (order.status === 'cancelled') return;
    for (const line of order.lines) {
      this.drawn.set(
        line.productCode,
        (this.drawn.get(line.productCode) ?? 0) + sign * line.quantity,
      );
    }
  }
}

export function orderView(order: LedgerOrder, cycleId: string): Order {
  const totals = orderTotals(order.lines);
  return {
    id: order.id,
    cycleId,
    retailerId: order.retailerId,
    status: order.status,
    channel: order.channel,
    version: order.version,
    lines: order.lines.map((l) => ({
      productCode: l.productCode,
      quantity: l.quantity,
      priceFen: l.priceFen,
      confirmedQuantity: l.confirmedQuantity,
    })),
    totalQuantity: totals.quantity,
    totalFen: totals.fen,
    orderDate: order.orderDate,
    deliveryDate: order.deliveryDate,
    submittedAt: order.submittedAt,
    updatedAt: order.updatedAt,
    confirmedAt: order.confirmedAt,
  };
}
