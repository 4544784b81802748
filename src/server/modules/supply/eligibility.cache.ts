import type { Kysely } from 'kysely';
import { onAreasChanged } from '../disruption';
import { retailerGeneration } from '../retail';
import type { OrderingEligibility, RetailerEligibility } from './eligibility';

/**
 * A short-lived memory of a city's eligibility, for the editor's live preview only.
 *
 * Why: a planner drags a slider and every step re-derives the plan over the whole city (~20,000
 * retailers at full scale); asking the disruption layer who may order costs more than the whole
 * derivation. Between two steps nothing usually changed, so the answer is kept per (rule, database,
 * city, instant) and dropped when a retailer is written or when areas change (the disruption
 * layer's broadcast); after `maxAgeMs` it is refreshed in the background (areas lapse by the clock;
 * scheme edits are not broadcast), the step that finds it old still getting the last answer.
 * Writes — create, update, publish, import — never read it: they ask afresh and refresh it.
 */
const maxAgeMs = 15_000;

interface Entry {
  key: string;
  retail: number;
  areas: number;
  storedAt: number;
  value: Promise<Map<string, RetailerEligibility>>;
}

const entries = new WeakMap<OrderingEligibility, WeakMap<Kysely<any>, Map<string, Entry>>>();
let areasGeneration = 0;
onAreasChanged(() => {
  areasGeneration++;
});

/** Drops every remembered answer (after changes the broadcast does not cover). */
export function forgetEligibility(): void {
  areasGeneration++;
}

function slot(rule: OrderingEligibility, db: Kysely<any>) {
  let byDb = entries.get(rule);
  if (!byDb) entries.set(rule, (byDb = new WeakMap()));
  let byCity = byDb.get(db);
  if (!byCity) byDb.set(db, (byCity = new Map()));
  return byCity;
}

/**
 * The eligibility of a city's retailers at `at` (`atKey` names the instant: `now` for the current
 * and future weeks, so that a slider's steps share one answer). `fresh` asks the rule again and
 * remembers its answer.
 */
export function cityEligibility(
  rule: OrderingEligibility,
  db: Kysely<any>,
  cityCode: string,
  at: Date,
  atKey: string,
  fresh: boolean,
): Promise<Map<string, RetailerEligibility>> {
  const byCity = slot(rule, db);
  const key = `${cityCode}@${atKey}`;
  const seen = byCity.get(cityCode);
  const now = Date.now();
  const ask = () => {
    const entry: Entry = {
      key,
      retail: retailerGeneration(),
      areas: areasGeneration,
      storedAt: now,
      value: rule(db, { cityCode }, at),
    };
    byCity.set(cityCode, entry);
    entry.value.catch(() => {
      if (byCity.get(cityCode) === entry) byCity.delete(cityCode);
    });
    return entry;
  };
  const current =
    seen !== undefined &&
    seen.key === key &&
    seen.retail === retailerGeneration() &&
    seen.areas === areasGeneration;
  if (fresh || !current) return ask().value;
  if (seen.storedAt < now - maxAgeMs) {
    // Old by the clock only: this step gets the last answer while the next one is asked for, so
    // that a slider never waits on the periodic refresh (stale by one step at most).
    const previous = seen.value;
    ask().value.catch(() => undefined);
    return previous;
  }
  return seen.value;
}
