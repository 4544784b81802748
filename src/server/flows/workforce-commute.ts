import type { Kysely } from 'kysely';
import { commuteOfHomes } from '../modules/disruption';
import type { CommuteOracle } from '../modules/workforce';

/**
 * Where the application decides how workforce learns whether staff may commute from home
 * (docs/architecture.md#the-disruption-layer: the `commute` effect of the areas covering a staff home). It spans two modules —
 * disruption owns areas, workforce asks — so it lives in flows. The disruption module keeps its
 * area index current after every change, so the next roster-gap check sees a new sealed area.
 */
export function commuteOracleFor(db: Kysely<any>): CommuteOracle {
  return (homes, at) => commuteOfHomes(db, homes, at);
}
