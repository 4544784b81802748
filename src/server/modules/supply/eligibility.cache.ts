import type { Kysely } from 'kysely';
import type { RetailState } from '../retail';
import type { OrderingEligibility, RetailerEligibility } from './eligibility';

/**
 * A short-lived memory of a city's eligibility, for the editor's live preview only.
 *
 * Why: a planner drags a slider and every step re-derives the plan over the whole city (~20,000
 * retailers at full scale); asking the disruption layer who may order costs more than the whole
 * derivation. Between two steps nothing usually changed, so the answer is kept per (rule, database,
 * city, instant) and dropped when a retailer is written or when areas change (the disruption
 * layer's broadcast, which `src/server/flows/disruption-events.ts` wires to `forgetEligibility`); after `maxAgeMs` it is refreshed in the background (areas lapse by the clock;
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

/**
 * Supply's memory for one app (docs/architecture.md#where-state-lives): the preview's eligibility
 * answers per (rule, city). Built by the app with the retail state whose writes drop it, released
 * on close. Answers are per rule (tests assemble apps with their own rule); one app has one
 * database, so the handle a caller holds does not key them.
 */
export class SupplyCaches {
  private readonly entries = new WeakMap<OrderingEligibility, Map<string, Entry>>();
  private rules: OrderingEligibility[] = [];
  private areasGeneration = 0;

  constructor(private readonly retail: RetailState) {}

  /** Drops every remembered answer (areas changed, or a change the broadcast does not cover). */
  forgetEligibility(): void {
    this.areasGeneration++;
  }

  private slot(rule: OrderingEligibility) {
    let byCity = this.entries.get(rule);
    if (!byCity) {
      this.entries.set(rule, (byCity = new Map()));
      this.rules.push(rule);
    }
    return byCity;
  }

  /**
   * The eligibility of a city's retailers at `at` (`atKey` names the instant: `now` for the
   * current and future weeks, so that a slider's steps share one answer). `fresh` asks the rule
   * again and remembers its answer.
   */
  cityEligibility(
    rule: OrderingEligibility,
    db: Kysely<any>,
    cityCode: string,
    at: Date,
    atKey: string,
    fresh: boolean,
  ): Promise<Map<string, RetailerEligibility>> {
    const byCity = this.slot(rule);
    const key = `${cityCode}@${atKey}`;
    const seen = byCity.get(cityCode);
    // Ages in real time: a fixed server clock must not freeze the refresh.
    const now = Date.now();
    const ask = () => {
      const entry: Entry = {
        key,
        retail: this.retail.generation(),
        areas: this.areasGeneration,
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
      seen.retail === this.retail.generation() &&
      seen.areas === this.areasGeneration;
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

  /** Releases every answer (app close). */
  close(): void {
    for (const rule of this.rules) this.entries.get(rule)?.clear();
    this.rules = [];
    this.areasGeneration++;
  }
}

export function createSupplyCaches(retail: RetailState): SupplyCaches {
  return new SupplyCaches(retail);
}
