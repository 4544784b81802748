import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { requireCity } from './cycle.service';
import type { CycleLedger } from './ordering.ledger';
import * as repo from './ordering.repository';
import { odb, type OrderingState } from './ordering.state';

const productEntity = { zh: '品规', en: 'brand-spec' };

/** The total-control pools (总量控制) of a city's cycle with what orders have drawn. */
export async function listPools(
  ctx: ServiceContext,
  state: OrderingState,
  cycleId: string,
  cityCode: string,
) {
  requireCity(ctx, cityCode);
  return state.using(cycleId, cityCode, async (ledger) => {
    await state.refresh(ledger);
    return poolsOf(ledger, cycleId, cityCode);
  });
}

function poolsOf(ledger: CycleLedger, cycleId: string, cityCode: string) {
  return [...ledger.pools.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([productCode, pool]) => ({
      cycleId,
      cityCode,
      productCode,
      total: pool.total,
      used: ledger.poolUsed(productCode),
      source: pool.source,
    }));
}

/**
 * Sets a spec's pool for a city's cycle: orders draw from it first come, first served. Lowering
 * it under what is already ordered refuses further increases but cancels nothing. Audited.
 */
export async function setPool(
  ctx: ServiceContext,
  state: OrderingState,
  input: { cycleId: string; cityCode: string; productCode: string; total: number },
  now: Date,
) {
  requireCity(ctx, input.cityCode);
  return state.using(input.cycleId, input.cityCode, (ledger) => setPoolIn(ctx, ledger, input, now));
}

async function setPoolIn(
  ctx: ServiceContext,
  ledger: CycleLedger,
  input: { cycleId: string; cityCode: string; productCode: string; total: number },
  now: Date,
) {
  if (!ledger.book.products.some((p) => p.code === input.productCode)) {
    throw new AppError('OUT_OF_SCOPE', { params: { entity: productEntity } });
  }
  const row = {
    cycle_id: input.cycleId,
    city_code: input.cityCode,
    product_code: input.productCode,
    company_id: ctx.actor.companyId,
    total: input.total,
    updated_by: ctx.actor.userId,
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertPool(odb(trx), row);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'ordering.pool.set',
        entityType: 'ordering_pool',
        entityId: `${input.cycleId}|${input.cityCode}|${input.productCode}`,
        before: ledger.pools.get(input.productCode) ?? null,
        after: row,
      },
    );
  });
  ledger.pools.set(input.productCode, { total: input.total, source: 'set' });
  return {
    ...input,
    used: ledger.poolUsed(input.productCode),
    source: 'set' as const,
  };
}
