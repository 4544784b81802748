import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import {
  calendarFromData,
  defaultWindowRule,
  validateWindowRule,
  type HolidayCalendar,
  type WindowRule,
} from '../../../engines/calendar';
import { tablesOf } from '../../platform/db/database';
import { DatabaseLease, type LeaseHolder } from '../../platform/db/lease';
import { AppError } from '../../platform/errors';
import { dataDir } from '../org';
import {
  cityAllocationAttributes,
  orderingProfileOf,
  orderingProfiles,
  type OrderingProfile,
  type RetailState,
} from '../retail';
import { availableSupplyOf, loadQuotaBook, quotaBookSignature } from '../supply';
import { CycleLedger, type LedgerOrder } from './ordering.ledger';
import { GroupCommit } from './ordering.journal';
import { openOrderWriter, type OrderWriter } from './ordering.writer';
import { mergeBatches, type OrderBatch } from './ordering.batch.repository';
import * as repo from './ordering.repository';
import type { OrderingTables, OrderingWindowsTable } from './ordering.tables';
import { WindowCaches, type ExtraWindowState, type WindowCalendar } from './ordering.windows';

export const odb = (db: Kysely<any>) => tablesOf<OrderingTables>(db);

/** How often a ledger looks for newly published plans, pools and stock positions. */
const refreshMs = 2_000;
/** Idempotency keys are honoured for a week: longer than any window stays open. */
export const idempotencyDays = 8;

interface LedgerEntry {
  ledger: Promise<CycleLedger>;
  /** The ledger once built (eviction looks only at built ones). */
  built: CycleLedger | null;
  generation: number;
  checkedAt: number;
  checking: boolean;
  usedAt: number;
}

/** How ordering keeps its memory and its claim on the database (`Config.ordering`). */
export interface OrderingStateOptions {
  /** A ledger unused this long is dropped; the next request rebuilds it from the database. */
  idleLedgerMs: number;
  /** Ledgers kept at most; past it the least recently used idle one is dropped. */
  maxLedgers: number;
  /** How long the lease on the database's orders lasts unless renewed. */
  leaseMs: number;
}

export const orderingStateDefaults: OrderingStateOptions = {
  idleLedgerMs: 10 * 60_000,
  maxLedgers: 24,
  leaseMs: 30_000,
};

/** What `OrderingState.memory()` reports (contracts/overview.ts `memoryResponse`). */
export interface OrderingMemory {
  owner: boolean;
  maxLedgers: number;
  idleLedgerSeconds: number;
  evictions: number;
  ledgers: {
    cycleId: string;
    cityCode: string;
    idleSeconds: number;
    orders: number;
    lines: number;
    idempotencyKeys: number;
    offers: number;
    estimatedMb: number;
  }[];
  ledgersEstimatedMb: number;
  retailerCityIndex: { entries: number; estimatedMb: number };
  extraWindows: number;
}

/** Thrown by a service that finds its ledger retired before it changed anything: fetch again. */
export class StaleLedger extends Error {}

/** The lease's name: one owner of a database's orders at a time. */
export const orderingLeaseName = 'ordering.ledgers';

/**
 * Everything ordering keeps in memory for one database (docs/architecture.md#where-state-lives):
 * the ledgers of the cycles in use, the calendar, window rules and extra windows, the group
 * committer all orders go through, and the lease that makes this process the only one serving
 * the database's orders. Built in `app.ts` (or by a tool that places orders, such as the demo
 * seed), handed to the services, closed on shutdown.
 */
export class OrderingState {
  readonly journal: GroupCommit<OrderBatch>;
  private readonly writer: OrderWriter;
  /** Insertion order is use order: a used entry is moved to the end (least recent first). */
  private readonly ledgers = new Map<string, LedgerEntry>();
  private readonly cityOfRetailer = new Map<string, string>();
  private rules = new Map<string, WindowRule>();
  extras: ExtraWindowState[] = [];
  readonly windows: WindowCalendar;
  private readonly lease: DatabaseLease;
  private sweeper: NodeJS.Timeout | null = null;
  /** Ledgers dropped since opening (for the memory report and tests). */
  evictions = 0;

  private constructor(
    readonly db: Kysely<any>,
    readonly calendar: HolidayCalendar,
    /** The app's retail state: profiles, attributes and the write generation ledgers follow. */
    private readonly retail: RetailState,
    readonly options: OrderingStateOptions,
  ) {
    const writer = openOrderWriter(db);
    this.writer = writer;
    this.journal = new GroupCommit(
      async (batches) => {
        // Checked again at the commit: a batch checked under a lease that has since lapsed
        // (a stalled process) must not land after another server rebuilt its ledgers.
        if (!this.lease.holds()) throw new Error('the ordering lease lapsed before the commit');
        await writer.write(mergeBatches(batches));
      },
      { concurrency: writer.concurrency },
    );
    const extras = () => this.extras;
    const ruleOf = (countyCode: string) => this.rules.get(countyCode) ?? defaultWindowRule;
    this.windows = {
      calendar,
      ruleOf,
      get extras() {
        return extras();
      },
      caches: new WindowCaches(),
    };
    this.lease = new DatabaseLease(db, orderingLeaseName, { ttlMs: options.leaseMs }, (held) =>
      // Whatever was in memory may be stale once another server may have written: start afresh.
      this.retireAll(held),
    );
  }

  /**
   * Opens ordering on a database: reads the window rules, tries to take the lease (and keeps
   * trying while another server holds it) and starts the sweep of idle ledgers.
   */
  static async open(
    db: Kysely<any>,
    options: Partial<OrderingStateOptions> & { calendar?: HolidayCalendar; retail: RetailState },
  ): Promise<OrderingState> {
    const { calendar, retail, ...rest } = options;
    const state = new OrderingState(db, calendar ?? holidayCalendarFromData(), retail, {
      ...orderingStateDefaults,
      ...rest,
    });
    try {
      await state.reloadWindows();
      await state.lease.start();
    } catch (error) {
      await state.close();
      throw error;
    }
    const every = Math.max(50, Math.min(60_000, Math.floor(state.options.idleLedgerMs / 2)));
    state.sweeper = setInterval(() => state.evictIdle(Date.now()), every);
    state.sweeper.unref();
    return state;
  }

  /** Whether this process owns the database's orders now (holds the lease). */
  owns(): boolean {
    return this.lease.holds();
  }

  /** Who else owns the database's orders, as last seen (null when this process does). */
  owner(): LeaseHolder | null {
    return this.lease.holder();
  }

  /**
   * Refuses, with 423 `LEDGER_OWNED_ELSEWHERE`, anything that needs the ledgers or changes what
   * they hold while another server owns them: two ledgers of one city would each sell the same
   * last unit. A lease that lapsed while nobody took it is retaken here first.
   */
  async assertOwner(): Promise<void> {
    if (this.lease.holds()) return;
    if (await this.lease.tryAcquire().catch(() => false)) return;
    const holder = this.lease.holder();
    throw new AppError('LEDGER_OWNED_ELSEWHERE', {
      params: {
        owner: holder ? `${holder.host} (pid ${holder.pid})` : '?',
        until: holder?.expiresAt ?? '?',
      },
      details: holder
        ? { host: holder.host, pid: holder.pid, leaseExpiresAt: holder.expiresAt }
        : undefined,
    });
  }

  async reloadWindows(): Promise<void> {
    const [rules, extras] = await Promise.all([
      repo.findWindowRules(odb(this.db)),
      repo.findExtraWindows(odb(this.db), {}),
    ]);
    const parsed = new Map<string, WindowRule>();
    for (const row of rules) {
      const checked = validateWindowRule(JSON.parse(row.rule_json));
      if (checked.ok) parsed.set(row.county_code, checked.rule);
    }
    this.rules = parsed;
    this.extras = extras.map(extraWindowState);
  }

  /** The retailer's profile (its city's profiles are then in memory). */
  async profileOf(retailerId: string): Promise<OrderingProfile | null> {
    let city = this.cityOfRetailer.get(retailerId);
    if (!city) {
      const profile = await orderingProfileOf(this.db, retailerId);
      if (!profile) return null;
      city = profile.cityCode;
      this.cityOfRetailer.set(retailerId, city);
    }
    const profiles = await orderingProfiles(this.retail, city);
    return profiles.get(retailerId) ?? null;
  }

  /**
   * The ledger of a city's cycle, built from the database on first use. Newly published plans,
   * pools and stock positions are picked up within `refreshMs`; retailer writes at once.
   */
  async ledger(cycleId: string, cityCode: string): Promise<CycleLedger> {
    // (Held: no await, as on every order; the check is a clock read.)
    if (!this.lease.holds()) await this.assertOwner();
    const key = `${cycleId}|${cityCode}`;
    const entry = this.ledgers.get(key);
    const now = Date.now();
    if (!entry) {
      const created: LedgerEntry = {
        ledger: this.build(cycleId, cityCode),
        built: null,
        generation: this.retail.generation(),
        checkedAt: now,
        checking: false,
        usedAt: now,
      };
      this.ledgers.set(key, created);
      created.ledger.then(
        (built) => {
          created.built = built;
          // Its use starts now (a build can take seconds), and it is not the one to make room.
          created.usedAt = Date.now();
          this.evictOverBound(key);
        },
        () => {
          if (this.ledgers.get(key) === created) this.ledgers.delete(key);
        },
      );
      return created.ledger;
    }
    entry.usedAt = now;
    this.ledgers.delete(key);
    this.ledgers.set(key, entry);
    const ledger = await entry.ledger;
    if (entry.generation !== this.retail.generation()) {
      entry.generation = this.retail.generation();
      const [profiles, attributes] = await Promise.all([
        orderingProfiles(this.retail, cityCode),
        cityAllocationAttributes(this.retail, cityCode),
      ]);
      ledger.replaceRetailers(profiles, new Map(attributes.map((a) => [a.id, a])));
    }
    if (!entry.checking && Date.now() - entry.checkedAt > refreshMs) {
      entry.checking = true;
      const checking = entry;
      void this.refresh(ledger)
        // A failed read leaves the ledger as it was; the next request tries again.
        .catch(() => undefined)
        .finally(() => {
          checking.checking = false;
          checking.checkedAt = Date.now();
        });
    }
    return ledger;
  }

  /**
   * Runs `work` with the city's ledger of the cycle, which stays resident meanwhile. A ledger
   * dropped between being fetched and being pinned is fetched again, so no service ever works
   * on a ledger the state no longer holds (its replacement would not see that work).
   */
  async using<T>(
    cycleId: string,
    cityCode: string,
    work: (ledger: CycleLedger) => Promise<T>,
  ): Promise<T> {
    for (;;) {
      const ledger = await this.ledger(cycleId, cityCode);
      if (ledger.retired) continue;
      ledger.pins++;
      try {
        return await work(ledger);
      } finally {
        ledger.pins--;
      }
    }
  }

  /**
   * Drops ledgers unused for `idleLedgerMs`, then the least recently used beyond `maxLedgers`.
   * Only idle ledgers go (no write in flight, no service using them): all they hold is committed.
   */
  evictIdle(now: number): void {
    for (const [key, entry] of this.ledgers) {
      if (now - entry.usedAt >= this.options.idleLedgerMs) this.evict(key, entry);
    }
    this.evictOverBound();
  }

  private evictOverBound(keep?: string): void {
    if (this.ledgers.size <= this.options.maxLedgers) return;
    for (const [key, entry] of this.ledgers) {
      if (this.ledgers.size <= this.options.maxLedgers) return;
      if (key !== keep) this.evict(key, entry);
    }
  }

  private evict(key: string, entry: LedgerEntry): boolean {
    const ledger = entry.built;
    if (!ledger || !ledger.idle()) return false;
    ledger.retired = true;
    this.ledgers.delete(key);
    this.evictions++;
    return true;
  }

  private retireAll(reload: boolean): void {
    for (const entry of this.ledgers.values()) if (entry.built) entry.built.retired = true;
    this.ledgers.clear();
    this.cityOfRetailer.clear();
    // Extra windows another server opened meanwhile.
    if (reload) void this.reloadWindows().catch(() => undefined);
  }

  /** What ordering holds in memory now, counted (the benchmark prints it). */
  memory(): OrderingMemory {
    const mb = (bytes: number) => Math.round(bytes / 10_485.76) / 100;
    const ledgers: OrderingMemory['ledgers'] = [];
    let total = 0;
    for (const entry of this.ledgers.values()) {
      if (!entry.built) continue;
      const { estimatedBytes, ...counts } = entry.built.size();
      total += estimatedBytes;
      ledgers.push({
        cycleId: entry.built.cycleId,
        cityCode: entry.built.cityCode,
        idleSeconds: Math.round((Date.now() - entry.usedAt) / 1000),
        ...counts,
        estimatedMb: mb(estimatedBytes),
      });
    }
    // A map entry of two short strings.
    const index = this.cityOfRetailer.size * 120;
    return {
      owner: this.owns(),
      maxLedgers: this.options.maxLedgers,
      idleLedgerSeconds: Math.round(this.options.idleLedgerMs / 1000),
      evictions: this.evictions,
      ledgers,
      ledgersEstimatedMb: mb(total),
      retailerCityIndex: { entries: this.cityOfRetailer.size, estimatedMb: mb(index) },
      extraWindows: this.extras.length,
    };
  }

  /**
   * Stops the sweep and the writer thread, then gives up the lease: no write of this process
   * can land once another server may have taken over.
   */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    try {
      await this.writer.close();
    } finally {
      await this.lease.release().catch(() => undefined);
      this.retireAll(false);
    }
  }

  /**
   * Drops a city's ledgers from memory if no write is in flight in them; the next order rebuilds
   * them from the database. (With a write in flight, a rebuild could miss it and let its units
   * be taken twice, so such a ledger stays.)
   */
  async forgetCity(cityCode: string): Promise<void> {
    for (const [key, entry] of this.ledgers) {
      // (A ledger that failed to build has already removed itself.)
      const ledger = await entry.ledger.catch(() => null);
      if (ledger?.cityCode === cityCode && entry.built) this.evict(key, entry);
    }
  }

  /** Ledgers already in memory (closing walks them). */
  async loadedLedgers(): Promise<CycleLedger[]> {
    const out: CycleLedger[] = [];
    for (const entry of this.ledgers.values()) {
      try {
        out.push(await entry.ledger);
      } catch {
        // A ledger that failed to build is rebuilt on its next use.
      }
    }
    return out;
  }

  /** Reads the newest pools and stock, and the plans if one was published since. */
  async refresh(ledger: CycleLedger): Promise<void> {
    const [signature, pools, stock] = await Promise.all([
      quotaBookSignature(this.db, ledger.cityCode, ledger.cycleId),
      repo.findPools(odb(this.db), ledger.cycleId, ledger.cityCode),
      availableSupplyOf(this.db, ledger.cityCode, ledger.cycleId),
    ]);
    let book = ledger.book;
    if (signature !== book.signature) {
      book = await loadQuotaBook(this.db, ledger.cityCode, ledger.cycleId);
      ledger.replaceBook(book);
    }
    ledger.pools = poolsOf(book.poolTargets, pools);
    ledger.stock = stock;
  }

  private async build(cycleId: string, cityCode: string): Promise<CycleLedger> {
    const since = new Date(Date.now() - idempotencyDays * 86_400_000).toISOString();
    const [book, profiles, attributes, pools, stock, stored, keys] = await Promise.all([
      loadQuotaBook(this.db, cityCode, cycleId),
      orderingProfiles(this.retail, cityCode),
      cityAllocationAttributes(this.retail, cityCode),
      repo.findPools(odb(this.db), cycleId, cityCode),
      availableSupplyOf(this.db, cityCode, cycleId),
      repo.findCycleOrders(odb(this.db), cycleId, cityCode),
      repo.findRecentIdempotency(odb(this.db), cityCode, since),
    ]);
    for (const id of profiles.keys()) this.cityOfRetailer.set(id, cityCode);
    const ledger = new CycleLedger(
      cycleId,
      cityCode,
      book,
      profiles,
      new Map(attributes.map((a) => [a.id, a])),
      poolsOf(book.poolTargets, pools),
      stock,
    );
    const linesOf = new Map<string, LedgerOrder['lines']>();
    for (const l of stored.lines) {
      const list = linesOf.get(l.order_id) ?? [];
      list.push({
        productCode: l.product_code,
        quantity: l.quantity,
        priceFen: l.price_fen,
        confirmedQuantity: l.confirmed_quantity,
      });
      linesOf.set(l.order_id, list);
    }
    for (const o of stored.orders) {
      ledger.load({
        id: o.id,
        companyId: o.company_id,
        retailerId: o.retailer_id,
        countyCode: o.county_code,
        status: o.status,
        channel: o.channel,
        version: o.version,
        lines: (linesOf.get(o.id) ?? []).sort((a, b) =>
          a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0,
        ),
        orderDate: o.order_date,
        deliveryDate: o.delivery_date,
        closesAt: o.closes_at,
        submittedAt: o.submitted_at,
        updatedAt: o.updated_at,
        updatedBy: o.updated_by,
        confirmedAt: o.confirmed_at,
      });
    }
    for (const k of keys) {
      ledger.remember(k.retailer_id, k.idem_key, { hash: k.request_hash, body: k.response_json });
    }
    return ledger;
  }
}

function poolsOf(
  planTargets: ReadonlyMap<string, number>,
  rows: readonly { product_code: string; total: number }[],
): Map<string, { total: number; source: 'plan' | 'set' }> {
  const pools = new Map<string, { total: number; source: 'plan' | 'set' }>();
  for (const [code, total] of planTargets) pools.set(code, { total, source: 'plan' });
  for (const row of rows) pools.set(row.product_code, { total: row.total, source: 'set' });
  return pools;
}

export function extraWindowState(row: OrderingWindowsTable): ExtraWindowState {
  const set = (json: string | null) => (json ? new Set(JSON.parse(json) as string[]) : null);
  return {
    id: row.id,
    companyId: row.company_id,
    cycleId: row.cycle_id,
    countyCodes: set(row.county_codes_json),
    retailerIds: set(row.retailer_ids_json),
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The PRC holiday calendar shipped in `data/calendar`. */
export function holidayCalendarFromData(): HolidayCalendar {
  return calendarFromData(
    JSON.parse(fs.readFileSync(path.join(dataDir(), 'calendar', 'holidays-cn.json'), 'utf8')),
  );
}
