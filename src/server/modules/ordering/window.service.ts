import type {
  ExtraWindow,
  ExtraWindowInput,
  WindowRuleInput,
  WindowRuleView,
} from '../../../contracts/ordering';
import {
  defaultWindowRule,
  isoWeekOfDate,
  localDateOf,
  validateWindowRule,
  type WindowRule,
} from '../../../engines/calendar';
import { recordAudit } from '../../platform/audit';
import { scopeCovers } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { UnitDirectory } from '../org';
import { retailerEntity, retailerInScope } from './order.service';
import * as repo from './ordering.repository';
import { extraWindowState, odb, type OrderingState } from './ordering.state';
import type { ExtraWindowState } from './ordering.windows';
import { cityOfCounty, countyEntity, requireCounty } from './cycle.service';

function windowView(w: ExtraWindowState): ExtraWindow {
  return {
    id: w.id,
    cycleId: w.cycleId,
    countyCodes: w.countyCodes ? [...w.countyCodes] : null,
    retailerIds: w.retailerIds ? [...w.retailerIds] : null,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    reason: w.reason,
    createdBy: w.createdBy,
    createdAt: w.createdAt,
  };
}

/** Longest extra window: a region reopening gets days, not weeks, to catch up. */
const maxWindowDays = 14;

/**
 * Opens an extra window (补订) for a scope of counties or named retailers — how a region that was
 * sealed orders the week it missed once it reopens (docs/architecture.md#ordering). Audited.
 */
export async function openExtraWindow(
  ctx: ServiceContext,
  state: OrderingState,
  input: ExtraWindowInput,
  now: Date,
): Promise<ExtraWindow> {
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  if (closesAt.getTime() - opensAt.getTime() > maxWindowDays * 86_400_000) {
    throw ruleRefused(
      {
        zh: `补订窗口最长 ${maxWindowDays} 天`,
        en: `an extra window lasts at most ${maxWindowDays} days`,
      },
      { field: 'closesAt' },
    );
  }
  if (closesAt <= now) {
    throw ruleRefused(
      { zh: '补订窗口的结束时间已过', en: 'the extra window would already be over' },
      { field: 'closesAt' },
    );
  }
  // Only the owner's memory learns of the window; another server's would not.
  await state.assertOwner();
  for (const code of input.countyCodes ?? []) requireCounty(ctx, code);
  const retailerIds = input.retailerIds ? [...new Set(input.retailerIds)] : null;
  for (const id of retailerIds ?? []) {
    const profile = await state.profileOf(id);
    if (!profile || !retailerInScope(ctx.actor, profile)) throw outOfScope(retailerEntity);
  }
  const cycleId = input.cycleId ?? isoWeekOfDate(localDateOf(opensAt));
  const row = {
    id: newId('win'),
    company_id: ctx.actor.companyId,
    cycle_id: cycleId,
    county_codes_json: input.countyCodes ? JSON.stringify([...new Set(input.countyCodes)]) : null,
    retailer_ids_json: retailerIds ? JSON.stringify(retailerIds) : null,
    opens_at: opensAt.toISOString(),
    closes_at: closesAt.toISOString(),
    reason: input.reason,
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertExtraWindow(odb(trx), row);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'ordering.window.open',
        entityType: 'ordering_window',
        entityId: row.id,
        after: row,
      },
    );
  });
  const window = extraWindowState(row);
  state.extras = [...state.extras, window];
  return windowView(window);
}

/** Extra windows the actor can see (its company's), newest first. */
export async function listExtraWindows(
  ctx: ServiceContext,
  state: OrderingState,
  cycleId: string | undefined,
): Promise<ExtraWindow[]> {
  await state.assertOwner();
  const scope = ctx.actor.scope;
  const visible = state.extras
    .filter((w) => !cycleId || w.cycleId === cycleId)
    .filter((w) => {
      if (scope.kind === 'province') return true;
      if (w.countyCodes) {
        return [...w.countyCodes].some((c) =>
          scope.kind === 'city' ? c.startsWith(scope.cityCode.slice(0, 4)) : c === scope.countyCode,
        );
      }
      return w.companyId === ctx.actor.companyId;
    })
    .sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime())
    .map(windowView);
  if (scope.kind !== 'county') return visible;
  // A county reads its own part of a window naming retailers: its retailers, not the others'.
  const out: ExtraWindow[] = [];
  for (const w of visible) {
    if (w.countyCodes) {
      out.push({ ...w, countyCodes: w.countyCodes.filter((c) => c === scope.countyCode) });
      continue;
    }
    const own: string[] = [];
    for (const id of w.retailerIds ?? []) {
      const profile = await state.profileOf(id);
      if (profile && retailerInScope(ctx.actor, profile)) own.push(id);
    }
    if (own.length > 0) out.push({ ...w, retailerIds: own });
  }
  return out;
}

// ------------------------------------------------------------ per-county window rules

const ruleView = (
  countyCode: string,
  row: { rule_json: string; updated_by: string | null; updated_at: string } | undefined,
): WindowRuleView => {
  const checked = row ? validateWindowRule(JSON.parse(row.rule_json)) : null;
  const rule: WindowRule = checked?.ok ? checked.rule : defaultWindowRule;
  return {
    countyCode,
    rule: { ...rule },
    isDefault: !checked?.ok,
    updatedBy: checked?.ok ? row!.updated_by : null,
    updatedAt: checked?.ok ? row!.updated_at : null,
  };
};

async function requireKnownCounty(units: UnitDirectory, countyCode: string) {
  const names = await units.unitNames();
  if (!names.has(countyCode)) throw outOfScope(countyEntity);
}

/** A county's window rule as in force: its own, or the platform default. */
export async function windowRuleOf(
  ctx: ServiceContext,
  units: UnitDirectory,
  countyCode: string,
): Promise<WindowRuleView> {
  requireCounty(ctx, countyCode);
  await requireKnownCounty(units, countyCode);
  return ruleView(countyCode, await repo.findWindowRule(odb(ctx.db), countyCode));
}

/**
 * Sets a county's window rule (audited, before and after). The next windows derived for the
 * county follow it at once: the ordering state reloads its rules, and its window caches are keyed
 * by the rule object, so the county's remembered windows go with the old one. A planner may set
 * only counties of its own scope: another county is refused outright (403), not hidden — county
 * codes are public.
 */
export async function setWindowRule(
  ctx: ServiceContext,
  state: OrderingState,
  units: UnitDirectory,
  countyCode: string,
  input: WindowRuleInput,
  now: Date,
): Promise<WindowRuleView> {
  if (!scopeCovers(ctx.actor.scope, cityOfCounty(countyCode), countyCode)) {
    throw new AppError('FORBIDDEN');
  }
  await requireKnownCounty(units, countyCode);
  const checked = validateWindowRule(input);
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', {
      details: checked.errors.map((e) => ({
        path: ['body', ...e.path].join('.'),
        code: e.code,
        message: e.message,
      })),
    });
  }
  // Only the owner's memory would learn of the rule; another server's would not.
  await state.assertOwner();
  const before = await repo.findWindowRule(odb(ctx.db), countyCode);
  const row = {
    county_code: countyCode,
    company_id: cityOfCounty(countyCode),
    rule_json: JSON.stringify(checked.rule),
    updated_by: ctx.actor.userId,
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertWindowRule(odb(trx), row);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'ordering.window_rule.set',
        entityType: 'ordering_window_rule',
        entityId: countyCode,
        companyId: row.company_id,
        before: ruleView(countyCode, before).rule,
        after: checked.rule,
      },
    );
  });
  await state.reloadWindows();
  return ruleView(countyCode, row);
}
