import type { EffectiveStatus } from './types';

/** The fields of an effective status whose change is worth telling anyone about. */
export const CHANGE_FIELDS = [
  'ordering',
  'delivery',
  'commute',
  'office',
  'status',
  'scheme',
  'severity',
  'serviceState',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** One place whose effective status changed. */
export interface EffectiveChange<K> {
  /** Array index or map key of the place. */
  key: K;
  before: EffectiveStatus | undefined;
  after: EffectiveStatus | undefined;
  /** Which fields differ; all of them when the place appears on one side only. */
  fields: ChangeField[];
  /** True when an effect (ordering, delivery, commute, office) changed, not just a label. */
  effectChanged: boolean;
}

/**
 * The places whose effective status differs between two computations — what the server
 * broadcasts after an area change. Give two arrays aligned on the same places (results of
 * `effectiveStatusMany`), or two maps keyed by place id. Changes only in `areaIds` (another
 * area now also covers the place, with no consequence) are not reported. Shared result objects
 * make the common "unchanged" case a pointer comparison.
 */
export function diffEffective(
  before: readonly EffectiveStatus[],
  after: readonly EffectiveStatus[],
): EffectiveChange<number>[];
export function diffEffective(
  before: ReadonlyMap<string, EffectiveStatus>,
  after: ReadonlyMap<string, EffectiveStatus>,
): EffectiveChange<string>[];
export function diffEffective(
  before: readonly EffectiveStatus[] | ReadonlyMap<string, EffectiveStatus>,
  after: readonly EffectiveStatus[] | ReadonlyMap<string, EffectiveStatus>,
): EffectiveChange<number>[] | EffectiveChange<string>[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = before as readonly EffectiveStatus[];
    const b = after as readonly EffectiveStatus[];
    const changes: EffectiveChange<number>[] = [];
    for (let i = 0, n = Math.max(a.length, b.length); i < n; i++) {
      const change = compare(i, a[i], b[i]);
      if (change) changes.push(change);
    }
    return changes;
  }
  const a = before as ReadonlyMap<string, EffectiveStatus>;
  const b = after as ReadonlyMap<string, EffectiveStatus>;
  const changes: EffectiveChange<string>[] = [];
  for (const [key, x] of a) {
    const change = compare(key, x, b.get(key));
    if (change) changes.push(change);
  }
  for (const [key, y] of b) {
    if (!a.has(key)) changes.push(compare(key, undefined, y) as EffectiveChange<string>);
  }
  return changes;
}

function compare<K>(
  key: K,
  before: EffectiveStatus | undefined,
  after: EffectiveStatus | undefined,
): EffectiveChange<K> | null {
  if (before === after) return null;
  if (!before || !after) {
    return { key, before, after, fields: [...CHANGE_FIELDS], effectChanged: true };
  }
  // Allocation-free check first: nearly every place is unchanged after an area change.
  if (
    before.ordering === after.ordering &&
    before.delivery === after.delivery &&
    before.commute === after.commute &&
    before.office === after.office &&
    before.status === after.status &&
    before.scheme === after.scheme &&
    before.severity === after.severity &&
    before.serviceState === after.serviceState
  ) {
    return null;
  }
  const fields = CHANGE_FIELDS.filter((f) => before[f] !== after[f]);
  if (fields.length === 0) return null;
  const effectChanged = fields.some(
    (f) => f === 'ordering' || f === 'delivery' || f === 'commute' || f === 'office',
  );
  return { key, before, after, fields, effectChanged };
}
