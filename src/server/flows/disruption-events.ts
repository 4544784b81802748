import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import {
  onAreasChanged,
  type AreasChanged,
  type AreasChangedListener,
} from '../modules/disruption';

/**
 * The in-process broadcast of area changes (docs/architecture.md#the-disruption-layer: "after saving, broadcast the change to the
 * modules that care"). Workforce (commute oracle) and supply (ordering eligibility) read effects
 * from the disruption module's live index on their next call, so they need no cache of their
 * own; this is the hook for modules that do keep one, and for the log.
 */
export { onAreasChanged, type AreasChanged, type AreasChangedListener };

/** Summarises a change for the server log: how many places changed, by type and effect. */
export function summarise(event: AreasChanged) {
  const byType: Record<string, number> = {};
  let effects = 0;
  for (const change of event.changes) {
    byType[change.type] = (byType[change.type] ?? 0) + 1;
    if (change.effectChanged) effects++;
  }
  return {
    reason: event.reason,
    areaIds: event.areaIds,
    places: event.changes.length,
    effects,
    byType,
  };
}

/**
 * Wires the listeners the application always has, for the changes of its own database (tests run
 * several apps in one process); returns the unsubscribe function.
 */
export function wireDisruptionEvents(db: Kysely<any>, log: FastifyBaseLogger): () => void {
  return onAreasChanged((event) => {
    if (event.db !== db) return;
    log.info({ disruption: summarise(event) }, 'areas changed');
  });
}
