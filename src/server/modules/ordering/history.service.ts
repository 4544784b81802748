import type { Order } from '../../../contracts/ordering';
import type { ServiceContext } from '../../platform/context';
import { outOfScope } from '../../platform/errors';
import { orderTotals } from './ordering.rules';
import { retailerEntity, retailerInScope } from './order.service';
import * as repo from './ordering.repository';
import { odb, type OrderingState } from './ordering.state';

/** A retailer's orders, newest cycle first (its history page). */
export async function orderHistory(
  ctx: ServiceContext,
  state: OrderingState,
  retailerId: string,
  page: { page: number; pageSize: number },
): Promise<{ items: Order[]; total: number; page: number; pageSize: number }> {
  const profile = await state.profileOf(retailerId);
  if (!profile || !retailerInScope(ctx.actor, profile)) throw outOfScope(retailerEntity);
  const { orders, lines, total } = await repo.findOrderHistory(odb(ctx.db), retailerId, {
    offset: (page.page - 1) * page.pageSize,
    limit: page.pageSize,
  });
  const linesOf = new Map<string, Order['lines']>();
  for (const l of lines) {
    const list = linesOf.get(l.order_id) ?? [];
    list.push({
      productCode: l.product_code,
      quantity: l.quantity,
      priceFen: l.price_fen,
      confirmedQuantity: l.confirmed_quantity,
    });
    linesOf.set(l.order_id, list);
  }
  const items = orders.map((o): Order => {
    const orderLines = (linesOf.get(o.id) ?? []).sort((a, b) =>
      a.productCode.localeCompare(b.productCode),
    );
    const totals = orderTotals(orderLines);
    return {
      id: o.id,
      cycleId: o.cycle_id,
      retailerId: o.retailer_id,
      status: o.status,
      channel: o.channel,
      version: o.version,
      lines: orderLines,
      totalQuantity: totals.quantity,
      totalFen: totals.fen,
      orderDate: o.order_date,
      deliveryDate: o.delivery_date,
      submittedAt: o.submitted_at,
      updatedAt: o.updated_at,
      confirmedAt: o.confirmed_at,
    };
  });
  return { items, total, page: page.page, pageSize: page.pageSize };
}
