/** The rule checks on a plan draft that the derivation engine cannot make itself. */
import { ruleRefused } from '../../platform/errors';
import { fieldRefusal } from './plan.context';
import { planCellOf } from './plan.derive';
import type { PlanDraft } from './plan.mapping';
import type { Workspace } from './plan.workspace';

/** Rule checks the engine cannot make: method needs, known cells and retailers, supply. */
export function checkDraft(draft: PlanDraft, ws: Workspace) {
  if (draft.method === 'B' && draft.dimensions.length === 0)
    throw fieldRefusal(['dimensions'], 'required', 'method B needs one or two dimensions');
  if (draft.method !== 'B' && draft.dimensions.length > 0)
    throw fieldRefusal(['dimensions'], 'range', 'only method B crosses grades with dimensions');
  if (!Number.isFinite(draft.biweeklyWeight))
    throw fieldRefusal(['biweeklyWeight'], 'type', 'the biweekly weight is a number');
  if (!Number.isInteger(draft.biweeklyWeight))
    throw fieldRefusal(['biweeklyWeight'], 'integer', 'the biweekly weight is a whole number');
  if (draft.biweeklyWeight < 1 || draft.biweeklyWeight > 4)
    throw fieldRefusal(['biweeklyWeight'], 'range', 'the biweekly weight is between 1 and 4');
  if (new Set(draft.dimensions).size !== draft.dimensions.length)
    throw fieldRefusal(['dimensions'], 'duplicate', 'a dimension appears twice');
  if (draft.method === 'D' && draft.kind === 'regular' && draft.retailerIds.length === 0)
    throw fieldRefusal(['retailerIds'], 'required', 'method D needs the chosen retailers');
  if (draft.method === 'E' && draft.cap === null)
    throw fieldRefusal(['cap'], 'required', 'method E needs a per-customer cap');
  if (!['A', 'B', 'D'].includes(draft.method) || draft.kind === 'replenish') {
    // C and E resolve their profile from the price band unless given one.
  } else if (draft.profile === null) {
    throw fieldRefusal(['profile'], 'required', 'the plan needs a grade profile');
  }
  const cityIds =
    draft.retailerIds.length + draft.overrides.length > 0
      ? new Set(ws.retailers.map((r) => r.id))
      : new Set<string>();
  const seen = new Set<string>();
  draft.retailerIds.forEach((id, i) => {
    if (!cityIds.has(id))
      throw fieldRefusal(['retailerIds', i], 'range', `retailer ${id} is not in this city`);
    if (seen.has(id)) throw fieldRefusal(['retailerIds', i], 'duplicate', `retailer ${id} twice`);
    seen.add(id);
  });
  const overridden = new Set<string>();
  draft.overrides.forEach((o, i) => {
    if (!cityIds.has(o.retailerId))
      throw fieldRefusal(['overrides', i, 'retailerId'], 'range', 'retailer not in this city');
    if (overridden.has(o.retailerId))
      throw fieldRefusal(['overrides', i, 'retailerId'], 'duplicate', 'retailer appears twice');
    overridden.add(o.retailerId);
    if (!Number.isFinite(o.quota) || !Number.isInteger(o.quota))
      throw fieldRefusal(['overrides', i, 'quota'], 'integer', 'a quota is a whole number of 条');
    if (o.quota < 0 || o.quota > 1_000_000)
      throw fieldRefusal(['overrides', i, 'quota'], 'range', 'a quota is between 0 and 1,000,000');
  });
  const fixed = draft.overrides.reduce((s, o) => s + o.quota, 0);
  if (Number.isInteger(draft.target) && fixed > draft.target)
    throw fieldRefusal(['overrides'], 'range', 'fixed quotas add up to more than the target');
  // A multiplier for a cell no retailer of the city falls in is a typo, not a no-op.
  const keys = Object.keys(draft.cellMultipliers);
  const cells = new Set(
    keys.length > 0 ? ws.retailers.map((r) => planCellOf(r, draft.method, draft.dimensions)) : [],
  );
  cells.add('all');
  for (const key of keys) {
    if (!cells.has(key))
      throw fieldRefusal(['cellMultipliers', key], 'range', `no cell ${key} in this plan`);
  }
  for (const [where, record] of [
    ['cellMultipliers', draft.cellMultipliers],
    ['classMultipliers', draft.classMultipliers],
  ] as const) {
    for (const [key, m] of Object.entries(record)) {
      if (!Number.isFinite(m) || m < 0 || m > 1000)
        throw fieldRefusal([where, key], 'range', 'a multiplier is between 0 and 1000');
    }
  }
  if (
    ws.available !== null &&
    Number.isFinite(draft.target) &&
    draft.target > ws.available &&
    !draft.allowOverSupply
  ) {
    throw ruleRefused(
      {
        zh: `目标 ${draft.target} 条超过本周可供货源 ${ws.available} 条（需明确确认超量投放）`,
        en: `the target of ${draft.target} exceeds the ${ws.available} available this week (confirm over-supply explicitly)`,
      },
      {
        errors: [{ path: ['target'], code: 'range', message: 'over the available supply' }],
        available: ws.available,
      },
    );
  }
}
