import type { MyOrderResponse, OrderChannel, OrderInput } from '../../../contracts/ordering';
import { auditRow } from '../../platform/audit';
import type { Actor } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { OrderingProfile } from '../retail';
import type { OrderingEligibility, RetailerEligibility } from '../supply';
import { orderView, type CycleLedger, type LedgerOrder } from './ordering.ledger';
import { orderBatchOf } from './ordering.batch.repository';
import { availableFor, orderTotals, refusedLines, requestFingerprint } from './ordering.rules';
import { StaleLedger, type OrderingState } from './ordering.state';
import { currentCycleFor, windowFor } from './ordering.windows';

/**
 * A placed order's answer, already serialised: the same bytes are stored for idempotent retries
 * and sent, so an order is turned into JSON once.
 */
export interface PlacedOrder {
  /** `{"order":…}` as in `putOrderResponse`. */
  body: string;
}

/** What the ordering services need from app assembly. */
export interface OrderingDeps {
  /** Who may order now: the disruption layer's effective status (wired in `flows/`). */
  eligibility: OrderingEligibility;
  now: () => Date;
  /** Ledgers, windows, the group commit and the lease (built in `app.ts`). */
  state: OrderingState;
}

export const retailerEntity = { zh: '零售户', en: 'retailer' };

/** Whether the actor's data scope holds the retailer (a retailer sees only itself). */
export function retailerInScope(actor: Actor, r: OrderingProfile): boolean {
  const scope = actor.scope;
  switch (scope.kind) {
    case 'province':
      return true;
    case 'city':
      return r.cityCode === scope.cityCode;
    case 'county':
      return r.countyCode === scope.countyCode;
    case 'retailer':
      return r.id === scope.retailerId;
  }
}

interface Resolved {
  state: OrderingState;
  profile: OrderingProfile;
  cycleId: string;
  ledger: CycleLedger;
  at: Date;
}

/** Runs `work` with the retailer's profile and its city's ledger of the cycle (pinned). */
async function withRetailer<T>(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  cycleId: string | undefined,
  work: (resolved: Resolved) => Promise<T>,
): Promise<T> {
  const state = deps.state;
  if (!state.owns()) await state.assertOwner();
  const profile = await state.profileOf(retailerId);
  if (!profile || !retailerInScope(ctx.actor, profile)) throw outOfScope(retailerEntity);
  const at = deps.now();
  const cycle = cycleId ?? currentCycleFor(state.windows, profile, at);
  for (let attempt = 1; ; attempt++) {
    try {
      return await state.using(cycle, profile.cityCode, (ledger) =>
        work({ state, profile, cycleId: cycle, ledger, at }),
      );
    } catch (error) {
      if (!(error instanceof StaleLedger)) throw error;
      if (attempt >= 3) throw new AppError('UNAVAILABLE');
    }
  }
}

async function eligibilityOf(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  at: Date,
): Promise<RetailerEligibility | undefined> {
  return (await deps.eligibility(ctx.db, [retailerId], at)).get(retailerId);
}

/** The retailer's order page: window, status, the week's offer and its order (if any). */
export async function orderPage(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  cycleId?: string,
): Promise<MyOrderResponse> {
  return withRetailer(ctx, deps, retailerId, cycleId, (resolved) =>
    pageOf(ctx, deps, retailerId, resolved),
  );
}

async function pageOf(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  { state, profile, cycleId: cycle, ledger, at }: Resolved,
): Promise<MyOrderResponse> {
  const eligibility = await eligibilityOf(ctx, deps, retailerId, at);
  const window = windowFor(state.windows, cycle, profile, at);
  const order = ledger.orders.get(retailerId);
  const held = ledger.heldBy(retailerId);
  const blocked = eligibility?.ordering === 'blocked';
  const canOrder = window.open && !blocked && order?.status !== 'confirmed';
  const offer = ledger.offerOf(retailerId, eligibility);
  const priceClass = new Map(ledger.book.products.map((p) => [p.code, p.price_class]));
  return {
    now: at.toISOString(),
    cycleId: cycle,
    retailerId,
    retailerName: profile.name,
    licenceNo: profile.licenceNo,
    countyCode: profile.countyCode,
    orderDate: order?.orderDate ?? window.orderDate,
    deliveryDate: order?.deliveryDate ?? window.deliveryDate,
    shifted: window.shifted,
    window: {
      open: window.open,
      opensAt: window.opensAt.toISOString(),
      closesAt: window.closesAt.toISOString(),
      extra: window.extra,
      reason: window.reason,
    },
    ordering: eligibility?.ordering ?? 'allowed',
    offer: offer.list.map((q) => {
      const ordered = held.get(q.productCode) ?? 0;
      return {
        productCode: q.productCode,
        name: q.name,
        priceClass: priceClass.get(q.productCode) ?? 5,
        priceFen: q.priceFen,
        quota: q.quota,
        ordered,
        available: canOrder
          ? availableFor(
              q.quota,
              ordered,
              ledger.poolRemaining(q.productCode),
              ledger.stockRemaining(q.productCode),
            )
          : 0,
        reason: q.reason,
      };
    }),
    order: order ? orderView(order, cycle) : null,
  };
}

/** The audit entry of an order's change, kept with the order's rows in the same commit. */
function auditOf(ctx: ServiceContext, next: LedgerOrder) {
  return auditRow(
    { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
    {
      action: next.status === 'cancelled' ? 'ordering.order.withdraw' : 'ordering.order.put',
      entityType: 'order',
      entityId: next.id,
      companyId: next.companyId,
      after: {
        version: next.version,
        channel: next.channel,
        lines: next.lines.map((l) => [l.productCode, l.quantity]),
      },
    },
  );
}

/**
 * Places or replaces a retailer's order of the cycle (docs/architecture.md#ordering): all lines are
 * accepted or the whole order is refused with a reason per line; the answer is given only after
 * the order is durably committed. A retry with the same idempotency key returns the first answer
 * and applies nothing; the same key with other lines is refused.
 */
export async function placeOrder(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  input: OrderInput,
  options: { channel: OrderChannel; idempotencyKey?: string | undefined; cycleId?: string },
): Promise<PlacedOrder> {
  return withRetailer(ctx, deps, retailerId, options.cycleId, (resolved) =>
    place(ctx, deps, retailerId, input, options, resolved),
  );
}

async function place(
  ctx: ServiceContext,
  deps: OrderingDeps,
  retailerId: string,
  input: OrderInput,
  options: { channel: OrderChannel; idempotencyKey?: string | undefined },
  { state, profile, cycleId, ledger, at }: Resolved,
): Promise<PlacedOrder> {
  const eligibility = await eligibilityOf(ctx, deps, retailerId, at);
  const key = options.idempotencyKey;
  const hash = requestFingerprint(retailerId, cycleId, input.lines);

  return ledger.serialise(retailerId, async () => {
    // A lease that changed hands since the ledger was fetched retired it: it may be stale.
    if (!state.owns()) await state.assertOwner();
    if (ledger.retired) throw new StaleLedger();
    if (key) {
      const earlier = ledger.recall(retailerId, key);
      if (earlier) {
        if (earlier.hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        return { body: earlier.body };
      }
    }
    const window = windowFor(state.windows, cycleId, profile, at);
    const current = ledger.orders.get(retailerId);
    const confirmed = current?.status === 'confirmed';
    const offer = ledger.offerOf(retailerId, eligibility);
    const held = ledger.heldBy(retailerId);
    if (input.lines.length === 0) {
      if (!window.open || confirmed) {
        throw ruleRefused(
          { zh: '订货窗口已关闭，订单不能撤回', en: 'the ordering window is closed' },
          { lines: [], code: 'WINDOW_CLOSED' },
        );
      }
      if (!current || current.status === 'cancelled') {
        throw ruleRefused({ zh: '没有可撤回的订单', en: 'there is no order to withdraw' });
      }
    }
    const refused = refusedLines({
      lines: input.lines,
      current: held,
      offer: offer.byProduct,
      windowOpen: window.open && !confirmed,
      blocked: eligibility?.ordering === 'blocked',
      poolRemaining: (code) => ledger.poolRemaining(code),
      stockRemaining: (code) => ledger.stockRemaining(code),
    });
    if (refused.length > 0) {
      throw new AppError('ORDER_REFUSED', {
        params: { count: refused.length },
        details: { lines: refused },
      });
    }

    const stamp = at.toISOString();
    const next: LedgerOrder = {
      id: current?.id ?? newId('ord'),
      companyId: profile.companyId,
      retailerId,
      countyCode: profile.countyCode,
      status: input.lines.length > 0 ? 'submitted' : 'cancelled',
      channel: options.channel,
      version: (current?.version ?? 0) + 1,
      lines: input.lines
        .map((l) => ({
          productCode: l.productCode,
          quantity: l.quantity,
          priceFen: offer.byProduct.get(l.productCode)!.priceFen,
          confirmedQuantity: null,
        }))
        .sort((a, b) =>
          a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0,
        ),
      orderDate: window.orderDate,
      deliveryDate: window.deliveryDate,
      closesAt: window.closesAt.toISOString(),
      submittedAt: current && current.status !== 'cancelled' ? current.submittedAt : stamp,
      updatedAt: stamp,
      updatedBy: ctx.actor.userId,
      confirmedAt: null,
    };
    const body = JSON.stringify({ order: orderView(next, cycleId) });
    // Reserve first, with no await since the checks: no other order can take the same units.
    const previous = ledger.apply(next);
    try {
      await state.journal.submit(
        orderBatchOf({
          order: next,
          cycleId,
          cityCode: profile.cityCode,
          totals: orderTotals(next.lines),
          audit: auditOf(ctx, next),
          keyed: key ? { key, hash, body } : null,
        }),
      );
    } catch {
      ledger.revert(next, previous);
      throw new AppError('UNAVAILABLE');
    }
    if (key) ledger.remember(retailerId, key, { hash, body });
    return { body };
  });
}
