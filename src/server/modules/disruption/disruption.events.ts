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
  areaIds: string[];
  reason: 'created' | 'ended' | 'imported' | 'scheme' | 'service_state';
  /** Places whose effective status at the moment of the change differs from before. */
  changes: readonly PlaceChange[];
  at: string;
}

export type AreasChangedListener = (event: AreasChanged) => void | Promise<void>;

/**
 * The in-process broadcast of area changes: one hub per app, built in `buildApp` and wired in
 * `src/server/flows/` (docs/architecture.md#flows-between-modules), so that nothing subscribes at
 * import and two apps in one process (tests) never hear each other. Listeners run after the
 * commit; a failing listener never undoes the change (its error is returned to the emitter).
 */
export class AreasChangedHub {
  private readonly listeners = new Set<AreasChangedListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: AreasChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async emit(event: AreasChanged): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }

  /** Drops every listener (app close). */
  close(): void {
    this.listeners.clear();
  }
}
