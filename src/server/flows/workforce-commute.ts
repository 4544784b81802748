import { commuteOfHomes, type DisruptionState } from '../modules/disruption';
import type { CommuteOracle } from '../modules/workforce';

/**
 * Where the application decides how workforce learns whether staff may commute from home
 * (docs/architecture.md#flows-between-modules: the `commute` effect of the areas covering a staff
 * home). It spans two modules — disruption owns areas, workforce asks — so it lives in flows. The
 * disruption state keeps its area index current after every change, so the next roster-gap check
 * sees a new sealed area.
 */
export function commuteOracleFor(disruption: DisruptionState): CommuteOracle {
  return (homes, at) => commuteOfHomes(disruption, homes, at);
}
