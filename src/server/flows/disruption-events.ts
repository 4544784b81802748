import type { FastifyBaseLogger } from 'fastify';
import type { AreasChanged, AreasChangedHub } from '../modules/disruption';

/**
 * The in-process broadcast of area changes (docs/architecture.md#flows-between-modules: "after
 * saving, broadcast the change to the modules that care"). Workforce (commute oracle) and supply
 * (ordering eligibility) read effects from the disruption module's live view on their next call;
 * the modules that keep a memory of effects subscribe here, and the change is logged.
 */

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

/** Who hears of area changes besides the log: memories of effects to drop. */
export interface DisruptionListeners {
  log: FastifyBaseLogger;
  /** Supply's eligibility memory (`SupplyCaches.forgetEligibility`). */
  forgetEligibility?: () => void;
}

/**
 * Wires the listeners the application always has onto its own hub (built in `buildApp`, so two
 * apps in one process never hear each other); returns the unsubscribe function.
 */
export function wireDisruptionEvents(
  hub: AreasChangedHub,
  listeners: DisruptionListeners,
): () => void {
  return hub.on((event) => {
    listeners.forgetEligibility?.();
    listeners.log.info({ disruption: summarise(event) }, 'areas changed');
  });
}
