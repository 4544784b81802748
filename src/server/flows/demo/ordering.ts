import type { Kysely } from 'kysely';
import { createRng, provinceCode } from '../../../engines/geo';
import type { Actor } from '../../platform/auth/scope';
import { OrderingState, orderPage, placeOrder } from '../../modules/ordering';
import { createDisruptionState } from '../../modules/disruption';
import { createRetailState, orderingProfiles } from '../../modules/retail';
import { disruptionEligibility } from '../disruption-supply';

/** Who the seeded orders are recorded as placed by (audit and `updated_by`). */
const demoSeeder: Actor = {
  userId: 'usr_demo_seed',
  username: 'demo-seed',
  displayName: '演示数据',
  role: 'admin',
  unitCode: provinceCode,
  companyId: provinceCode,
  staffId: null,
  retailerId: null,
  scope: { kind: 'province' },
};

/** A retailer's own random stream: the same seed gives the same orders whatever ran first. */
function streamOf(seed: number, id: string): () => number {
  let h = seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x5bd1e995) | 0;
  return createRng(h).next;
}

export interface DemoOrdersSummary {
  placed: number;
  /** Chosen retailers whose window was not open or whose area is sealed. */
  skipped: number;
  /** Refused by the ledger (a pool or the centre's stock ran out before them). */
  refused: number;
}

/**
 * Orders of the cycle now open, so that the county view, the logistics demand and the exports
 * show a morning of ordering day: a `share` of the retailers whose window is open order about
 * three quarters of their offer, each line a part of its quota; a fifth are phone orders. They go
 * through the ordering service like any order (quotas, pools, stock, sealed areas), so the demo
 * never holds an order the rules would refuse. `exclude` keeps the demo log-ins' shops empty.
 */
export async function seedDemoOrders(
  db: Kysely<any>,
  options: {
    cityCodes: readonly string[];
    now: Date;
    seed: number;
    share: number;
    exclude: ReadonlySet<string>;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<DemoOrdersSummary> {
  // The seed runs before any app: it builds the states it needs on its own handle, and its own
  // ordering state takes the lease (the server opens its own once the seed has closed it).
  const retail = createRetailState(db);
  const disruption = createDisruptionState({ db, retail, clock: () => options.now });
  const state = await OrderingState.open(db, { retail });
  const deps = {
    eligibility: disruptionEligibility(disruption),
    now: () => options.now,
    state,
  };
  const ctx = { db, actor: demoSeeder, requestId: 'demo-seed' };
  const summary: DemoOrdersSummary = { placed: 0, skipped: 0, refused: 0 };
  const orderOne = async (id: string) => {
    const random = streamOf(options.seed + 1, id);
    const page = await orderPage(ctx, deps, id);
    if (!page.window.open || page.ordering === 'blocked') {
      summary.skipped++;
      return;
    }
    const lines = page.offer
      .filter((item) => item.available > 0 && random() < 0.75)
      .map((item) => ({
        productCode: item.productCode,
        quantity: Math.max(
          1,
          Math.min(item.available, Math.round(item.quota * (0.3 + 0.7 * random()))),
        ),
      }));
    if (lines.length === 0) {
      summary.skipped++;
      return;
    }
    try {
      await placeOrder(ctx, deps, id, { lines }, { channel: random() < 0.2 ? 'phone' : 'self' });
      summary.placed++;
    } catch {
      summary.refused++;
    }
  };
  const chosenByCity: string[][] = [];
  for (const city of options.cityCodes) {
    const profiles = await orderingProfiles(retail, city);
    chosenByCity.push(
      [...profiles.keys()]
        .sort()
        .filter((id) => !options.exclude.has(id) && streamOf(options.seed, id)() < options.share),
    );
  }
  const total = chosenByCity.reduce((n, ids) => n + ids.length, 0);
  // A few dozen at a time: enough for the group commit to gather them into few transactions.
  const batch = 48;
  let done = 0;
  try {
    for (const [c, chosen] of chosenByCity.entries()) {
      for (let i = 0; i < chosen.length; i += batch) {
        await Promise.all(chosen.slice(i, i + batch).map(orderOne));
        done += Math.min(batch, chosen.length - i);
        options.onProgress?.(done, total);
      }
      // One city's ledger at a time: at full scale all eleven held at once cost a gigabyte.
      await state.forgetCity(options.cityCodes[c]!);
    }
  } finally {
    await state.close();
    disruption.close();
    retail.close();
  }
  return summary;
}
