import type { WorkforceSettings } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { loadSettings, storeSettings, type WorkforceDeps } from './workforce.context';

/** Changes the province-wide workforce settings; the trail keeps before and after. */
export async function changeSettings(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  settings: WorkforceSettings,
): Promise<WorkforceSettings> {
  const before = await loadSettings(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await storeSettings({ ...ctx, db: trx }, settings, deps.now().toISOString());
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      { action: 'workforce.settings', entityType: 'settings', before, after: settings },
    );
  });
  return loadSettings(ctx);
}
