/** A staff member's home as the commute question needs it. */
export interface CommuteHome {
  staffId: string;
  lon: number;
  lat: number;
  /** GB/T 2260 county of the home ('' when unknown). */
  countyCode: string;
}

export type CommuteEffect = 'can' | 'cannot';

/**
 * The port through which workforce asks whether people may travel from home to work at an
 * instant (docs/architecture.md#the-disruption-layer: the `commute` effect of the areas covering their homes). Workforce never
 * reads areas itself; the application assembles it with an oracle (see `flows/workforce-commute`).
 * A home missing from the answer counts as `can`.
 */
export type CommuteOracle = (homes: CommuteHome[], at: Date) => Promise<Map<string, CommuteEffect>>;

/** The oracle of a deployment without a disruption layer: nothing forbids commuting. */
export const everyoneCanCommute: CommuteOracle = async (homes) =>
  new Map(homes.map((home) => [home.staffId, 'can' as const]));
