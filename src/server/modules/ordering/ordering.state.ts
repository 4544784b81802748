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
import { dataDir } from '../org';
import {
  cityAllocationAttributes,
  createRetailState,
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
import type { ExtraWindowState, WindowCalendar } from './ordering.windows';

export const odb = (db: Kysely<any>) => tablesOf<OrderingTables>(db);

/** How often a ledger looks for newly published plans, pools and stock positions. */
const refreshMs = 2_000;
/** Idempotency keys are honoured for a week: longer than any window stays open. */
export const idempotencyDays = 8;

interface LedgerEntry {
  ledger: Promise<CycleLedger>;
  generation: number;
  checkedAt: number;
  checking: boolean;
}

/**
 * Everything ordering keeps in memory for one database: the ledgers of the cycles in use, the
 * calendar, window rules and extra windows, and the group committer all orders go through.
 */
export class OrderingState {
  readonly journal: GroupCommit<OrderBatch>;
  private readonly writer: OrderWriter;
  private readonly ledgers = new Map<string, LedgerEntry>();
  private readonly cityOfRetailer = new Map<string, string>();
  private rules = new Map<string, WindowRule>();
  extras: ExtraWindowState[] = [];
  readonly windows: WindowCalendar;

  private constructor(
    readonly db: Kysely<any>,
    readonly calendar: HolidayCalendar,
    /** The app's retail state: profiles, attributes and the write generation ledgers follow. */
    private readonly retail: RetailState,
  ) {
    const writer = openOrderWriter(db);
    this.writer = writer;
    this.journal = new GroupCommit((batches) => writer.write(mergeBatches(batches)), {
      concurrency: writer.concurrency,
    });
    const extras = () => this.extras;
    const ruleOf = (countyCode: string) => this.rules.get(countyCode) ?? defaultWindowRule;
    this.windows = {
      calendar,
      ruleOf,
      get extras() {
        return extras();
      },
    };
  }

  static async open(
    db: Kysely<any>,
    calendar: HolidayCalendar,
    retail: RetailState,
  ): Promise<OrderingState> {
    const state = new OrderingState(db, calendar, retail);
    await state.reloadWindows();
    return state;
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
    const key = `${cycleId}|${cityCode}`;
    let entry = this.ledgers.get(key);
    if (!entry) {
      entry = {
        ledger: this.build(cycleId, cityCode),
        generation: this.retail.generation(),
        checkedAt: Date.now(),
        checking: false,
      };
      this.ledgers.set(key, entry);
      const failed = entry;
      entry.ledger.catch(() => {
        if (this.ledgers.get(key) === failed) this.ledgers.delete(key);
      });
      return entry.ledger;
    }
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

  async close(): Promise<void> {
    await this.writer.close();
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
      if (ledger?.cityCode === cityCode && ledger.idle()) this.ledgers.delete(key);
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

let sharedCalendar: HolidayCalendar | null = null;

/** The PRC holiday calendar shipped in `data/calendar` (read once). */
export function holidayCalendarFromData(): HolidayCalendar {
  sharedCalendar ??= calendarFromData(
    JSON.parse(fs.readFileSync(path.join(dataDir(), 'calendar', 'holidays-cn.json'), 'utf8')),
  );
  return sharedCalendar;
}

const states = new WeakMap<Kysely<any>, Promise<OrderingState>>();

/** Stops the ordering state of a database (its writer thread), if it was opened. */
export async function closeOrderingState(db: Kysely<any>): Promise<void> {
  const state = states.get(db);
  if (!state) return;
  states.delete(db);
  await (await state.catch(() => null))?.close();
}

/** Drops a city's idle ledgers (a demo seed, done with a city, frees its memory). */
export async function forgetOrderingCity(db: Kysely<any>, cityCode: string): Promise<void> {
  const state = states.get(db);
  if (state) await (await state.catch(() => null))?.forgetCity(cityCode);
}

/**
 * Opens the ordering state of a database with the app's retail state (the routes do, so that
 * retailer writes through the app reach the ledgers).
 */
export function openOrderingState(db: Kysely<any>, retail: RetailState): Promise<OrderingState> {
  const state = OrderingState.open(db, holidayCalendarFromData(), retail);
  states.set(db, state);
  state.catch(() => {
    if (states.get(db) === state) states.delete(db);
  });
  return state;
}

/**
 * The ordering state of a database, opened on first use; without an app (a seed, a bench) with a
 * retail state of its own.
 */
export function orderingStateOf(db: Kysely<any>): Promise<OrderingState> {
  let state = states.get(db);
  if (!state) {
    state = OrderingState.open(db, holidayCalendarFromData(), createRetailState(db));
    states.set(db, state);
    const opening = state;
    state.catch(() => {
      if (states.get(db) === opening) states.delete(db);
    });
  }
  return state;
}
