import type { ProgressResponse, ProgressRow, progressFilters } from '../../../contracts/ordering';
import { scopeCovers } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import { logisticsCentreOf, type RetailerEligibility } from '../supply';
import type { OrderingDeps } from './order.service';
import type { CycleLedger, LedgerOrder } from './ordering.ledger';
import { orderTotals } from './ordering.rules';
import type { OrderingState } from './ordering.state';
import { currentCycle, windowFor } from './ordering.windows';
import { shiftWeek } from '../../../engines/calendar';

export const countyEntity = { zh: '县区', en: 'county' };
export const cityEntity = { zh: '市公司', en: 'city company' };

/** Shanxi county codes (GB/T 2260) hold their city in the first four digits. */
export const cityOfCounty = (countyCode: string) => `${countyCode.slice(0, 4)}00`;

export function requireCounty(ctx: ServiceContext, countyCode: string): void {
  if (!scopeCovers(ctx.actor.scope, cityOfCounty(countyCode), countyCode)) {
    throw outOfScope(countyEntity);
  }
}

export function requireCity(ctx: ServiceContext, cityCode: string): void {
  const scope = ctx.actor.scope;
  if (scope.kind !== 'province' && scope.cityCode !== cityCode) throw outOfScope(cityEntity);
}

export async function currentCycleOf(ctx: ServiceContext, deps: OrderingDeps) {
  const cycleId = currentCycle(deps.state.windows, deps.now());
  return { cycleId, previous: shiftWeek(cycleId, -1), next: shiftWeek(cycleId, 1) };
}

export interface CountyRow extends ProgressRow {
  order: LedgerOrder | null;
}

/** Every active retailer of a county with its order of the cycle and whether it may order. */
export async function countyRows(
  ctx: ServiceContext,
  deps: OrderingDeps,
  cycleId: string,
  countyCode: string,
): Promise<{ rows: CountyRow[]; ledger: CycleLedger }> {
  requireCounty(ctx, countyCode);
  return deps.state.using(cycleId, cityOfCounty(countyCode), (ledger) =>
    rowsOf(ctx, deps, ledger, countyCode),
  );
}

async function rowsOf(
  ctx: ServiceContext,
  deps: OrderingDeps,
  ledger: CycleLedger,
  countyCode: string,
): Promise<{ rows: CountyRow[]; ledger: CycleLedger }> {
  const state = deps.state;
  const cycleId = ledger.cycleId;
  const at = deps.now();
  const retailers = [...ledger.profiles.values()].filter(
    (p) => p.countyCode === countyCode && (p.status === 'active' || ledger.orders.has(p.id)),
  );
  const eligibility: Map<string, RetailerEligibility> = await deps.eligibility(
    ctx.db,
    retailers.map((r) => r.id),
    at,
  );
  const rows = retailers.map((p): CountyRow => {
    const order = ledger.orders.get(p.id) ?? null;
    const window = windowFor(state.windows, cycleId, p, at);
    const totals = order && order.status !== 'cancelled' ? orderTotals(order.lines) : null;
    return {
      retailerId: p.id,
      licenceNo: p.licenceNo,
      name: p.name,
      grade: p.grade,
      orderDate: order?.orderDate ?? window.orderDate,
      ordering: eligibility.get(p.id)?.ordering ?? 'allowed',
      windowOpen: window.open,
      orderId: order?.id ?? null,
      status: order?.status ?? null,
      channel: order?.channel ?? null,
      totalQuantity: totals?.quantity ?? 0,
      totalFen: totals?.fen ?? 0,
      updatedAt: order?.updatedAt ?? null,
      order,
    };
  });
  return { rows, ledger };
}

const placed = (r: CountyRow) => r.status === 'submitted' || r.status === 'confirmed';

export function summarise(rows: readonly CountyRow[]): ProgressResponse['summary'] {
  let ordered = 0;
  let blocked = 0;
  let requested = 0;
  let confirmedRequested = 0;
  let confirmed = 0;
  let amount = 0;
  let anyConfirmed = false;
  let active = 0;
  for (const r of rows) {
    active++;
    if (r.ordering === 'blocked') blocked++;
    if (!placed(r)) continue;
    ordered++;
    requested += r.totalQuantity;
    amount += r.totalFen;
    if (r.status === 'confirmed' && r.order) {
      anyConfirmed = true;
      for (const line of r.order.lines) {
        confirmedRequested += line.quantity;
        confirmed += line.confirmedQuantity ?? 0;
      }
    }
  }
  return {
    activeRetailers: active,
    orderedRetailers: ordered,
    blockedRetailers: blocked,
    orderingRate: active > 0 ? ordered / active : 0,
    requestedQuantity: requested,
    confirmedQuantity: confirmed,
    fillRate: anyConfirmed && confirmedRequested > 0 ? confirmed / confirmedRequested : null,
    amountFen: amount,
  };
}

/** The county view of a cycle: who has ordered, who has not, who cannot; the live rate. */
export async function cycleProgress(
  ctx: ServiceContext,
  deps: OrderingDeps,
  cycleId: string,
  query: {
    countyCode: string;
    filter: (typeof progressFilters)[number];
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<ProgressResponse> {
  const { rows } = await countyRows(ctx, deps, cycleId, query.countyCode);
  const needle = query.q?.toLowerCase();
  const shown = rows.filter((r) => {
    if (query.filter === 'ordered' && !placed(r)) return false;
    if (query.filter === 'not_ordered' && placed(r)) return false;
    if (query.filter === 'blocked' && r.ordering !== 'blocked') return false;
    if (needle && !r.name.toLowerCase().includes(needle) && !r.licenceNo.includes(needle))
      return false;
    return true;
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    cycleId,
    countyCode: query.countyCode,
    summary: summarise(rows),
    page: {
      items: shown.slice(start, start + query.pageSize).map(({ order: _order, ...row }) => row),
      total: shown.length,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}

/** What the city's logistics centre loads: demand per brand-spec and delivery date. */
export async function cycleDemand(
  ctx: ServiceContext,
  state: OrderingState,
  cycleId: string,
  cityCode: string,
) {
  requireCity(ctx, cityCode);
  const ledger = await state.ledger(cycleId, cityCode);
  // Synchronous from here on: the ledger cannot be dropped while it is read.
  const names = new Map(ledger.book.products.map((p) => [p.code, p.name]));
  const rows = new Map<
    string,
    {
      productCode: string;
      deliveryDate: string;
      orders: number;
      requestedQuantity: number;
      confirmedQuantity: number;
    }
  >();
  // A county-scoped reader gets its county's part of the city's demand, never the other counties'.
  const scope = ctx.actor.scope;
  const county = scope.kind === 'county' ? scope.countyCode : null;
  for (const order of ledger.orders.values()) {
    if (order.status === 'cancelled') continue;
    if (county !== null && order.countyCode !== county) continue;
    for (const line of order.lines) {
      const key = `${line.productCode}|${order.deliveryDate}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          productCode: line.productCode,
          deliveryDate: order.deliveryDate,
          orders: 0,
          requestedQuantity: 0,
          confirmedQuantity: 0,
        };
        rows.set(key, row);
      }
      row.orders++;
      row.requestedQuantity += line.quantity;
      row.confirmedQuantity += line.confirmedQuantity ?? 0;
    }
  }
  const items = [...rows.values()]
    .sort((a, b) =>
      a.deliveryDate === b.deliveryDate
        ? a.productCode.localeCompare(b.productCode)
        : a.deliveryDate.localeCompare(b.deliveryDate),
    )
    .map((r) => ({ ...r, name: names.get(r.productCode) ?? r.productCode }));
  return { cycleId, cityCode, logisticsCode: logisticsCentreOf(cityCode), items };
}
