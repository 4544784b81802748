import type { Kysely } from 'kysely';
import type { OrderingDeps } from './order.service';
import type { CycleLedger, LedgerOrder } from './ordering.ledger';
import * as repo from './ordering.repository';
import { confirmQuantities, orderTotals } from './ordering.rules';
import { odb } from './ordering.state';

/** Confirms a ledger's orders whose window has closed by `at`; returns how many. */
async function closeLedger(db: Kysely<any>, ledger: CycleLedger, at: Date): Promise<number> {
  const due: LedgerOrder[] = [];
  for (const order of ledger.orders.values()) {
    // An order with a write in flight is confirmed on the next run, once that write settled.
    if (order.status !== 'submitted' || ledger.busy(order.retailerId)) continue;
    if (Date.parse(order.closesAt) <= at.getTime()) due.push(order);
  }
  if (due.length === 0) return 0;
  due.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));

  // Stock left for confirmation: what the centre has less what is already confirmed.
  const stockLeft = new Map(ledger.stock);
  for (const order of ledger.orders.values()) {
    if (order.status !== 'confirmed') continue;
    for (const line of order.lines) {
      const left = stockLeft.get(line.productCode);
      if (left !== undefined) stockLeft.set(line.productCode, left - (line.confirmedQuantity ?? 0));
    }
  }
  const confirmed = confirmQuantities(due, stockLeft);
  const stamp = at.toISOString();
  const updates: { before: LedgerOrder; after: LedgerOrder }[] = due.map((order) => {
    const quantities = confirmed.get(order.id)!;
    return {
      before: order,
      after: {
        ...order,
        status: 'confirmed',
        confirmedAt: stamp,
        lines: order.lines.map((l) => ({
          ...l,
          confirmedQuantity: quantities.get(l.productCode) ?? 0,
        })),
      },
    };
  });
  for (const u of updates) ledger.apply(u.after);
  try {
    await db.transaction().execute(async (trx) => {
      await repo.writeConfirmations(
        odb(trx),
        updates.map((u) => ({
          orderId: u.after.id,
          confirmedAt: stamp,
          lines: u.after.lines.map((l) => ({
            productCode: l.productCode,
            confirmedQuantity: l.confirmedQuantity ?? 0,
          })),
        })),
      );
      await repo.upsertFigures(odb(trx), figuresOf(ledger, stamp));
    });
  } catch (error) {
    for (const u of updates) ledger.revert(u.after, u.before);
    throw error;
  }
  return updates.length;
}

/** Ordering figures per county of the ledger's city (for monitoring), as of `stamp`. */
function figuresOf(ledger: CycleLedger, stamp: string) {
  const byCounty = new Map<
    string,
    { active: number; ordered: number; requested: number; confirmed: number; amount: number }
  >();
  const of = (county: string) => {
    let f = byCounty.get(county);
    if (!f) {
      f = { active: 0, ordered: 0, requested: 0, confirmed: 0, amount: 0 };
      byCounty.set(county, f);
    }
    return f;
  };
  for (const p of ledger.profiles.values()) if (p.status === 'active') of(p.countyCode).active++;
  for (const order of ledger.orders.values()) {
    if (order.status === 'cancelled') continue;
    const f = of(order.countyCode);
    const totals = orderTotals(order.lines);
    f.ordered++;
    f.requested += totals.quantity;
    f.amount += totals.fen;
    for (const line of order.lines) f.confirmed += line.confirmedQuantity ?? 0;
  }
  return [...byCounty.entries()].map(([county, f]) => ({
    cycle_id: ledger.cycleId,
    county_code: county,
    company_id: [...ledger.profiles.values()][0]?.companyId ?? ledger.cityCode,
    active_retailers: f.active,
    ordered_retailers: f.ordered,
    requested_quantity: f.requested,
    confirmed_quantity: f.confirmed,
    amount_fen: f.amount,
    recorded_at: stamp,
  }));
}

/**
 * Closing (docs/architecture.md#ordering): every submitted order whose window has closed is confirmed — in full while
 * the centre's stock lasts, first come first served — and each county's figures (ordering rate,
 * requested, confirmed, fill rate) are recorded. Runs every minute in the server and on demand.
 */
export async function closeDueOrders(
  db: Kysely<any>,
  deps: Pick<OrderingDeps, 'now' | 'state'>,
  only?: { cycleId?: string; cityCode?: string },
): Promise<number> {
  const at = deps.now();
  const state = deps.state;
  await state.assertOwner();
  const due = await repo.findCyclesToClose(odb(db), at.toISOString());
  let confirmed = 0;
  for (const { cycle_id, city_code } of due) {
    if (only?.cycleId && only.cycleId !== cycle_id) continue;
    // A city company closes its own city's orders; only the province (and the job) close all.
    if (only?.cityCode && only.cityCode !== city_code) continue;
    confirmed += await state.using(cycle_id, city_code, (ledger) => closeLedger(db, ledger, at));
  }
  return confirmed;
}
