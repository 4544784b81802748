import type { Kysely } from 'kysely';
import type { EffectiveStatus, PlaceType } from '../../../engines/disruption';

/** One place whose effective status moved. */
export interface PlaceChange {
  type: PlaceType;
  id: string;
  countyCode: string;
  before: EffectiveStatus | undefined;
  after: EffectiveStatus | undefined;
  /** An effect (ordering, delivery, commute, office) changed, not only a label. */
  effectChanged: boolean;
}

/** What changed after areas were saved or ended: the places whose effective rules moved now. */
export interface AreasChanged {
  db: Kysely<any>;
  areaIds: string[];
  reason: 'created' | 'ended' | 'imported' | 'scheme' | 'service_state';
  /** Places whose effective status at the moment of the change differs from before. */
  changes: readonly PlaceChange[];
  at: string;
}

export type AreasChangedListener = (event: AreasChanged) => void | Promise<void>;

const listeners = new Set<AreasChangedListener>();

/**
 * Subscribes to area changes (in-process). Listeners run after the commit; a failing listener is
 * logged by the caller's logger and never undoes the change. Returns the unsubscribe function.
 */
export function onAreasChanged(listener: AreasChangedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function emitAreasChanged(event: AreasChanged): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const listener of [...listeners]) {
    try {
      await listener(event);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
