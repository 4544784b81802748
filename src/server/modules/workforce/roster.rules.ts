import { haversineLonLatM } from '../../../engines/geo';

export interface ShiftNeeds {
  minHeadcount: number;
  requiredSkills: readonly string[];
}

export interface RosteredPerson {
  skills: readonly string[];
  available: boolean;
}

export interface Gap {
  missingHeadcount: number;
  missingSkills: string[];
}

/**
 * A shift has a gap when fewer available people than its minimum head-count are rostered, or when
 * a required skill is held by none of the available ones (docs/architecture.md#workforce: 24-hour 值守).
 */
export function gapOf(needs: ShiftNeeds, rostered: readonly RosteredPerson[]): Gap | null {
  const available = rostered.filter((p) => p.available);
  const missingHeadcount = Math.max(0, needs.minHeadcount - available.length);
  const missingSkills = needs.requiredSkills.filter(
    (skill) => !available.some((p) => p.skills.includes(skill)),
  );
  if (missingHeadcount === 0 && missingSkills.length === 0) return null;
  return { missingHeadcount, missingSkills };
}

/**
 * The skills a replacement should bring: the missing ones; else those the shift requires; else
 * those of the rostered people who dropped out ("same skill").
 */
export function neededSkills(
  gap: Gap,
  needs: ShiftNeeds,
  unavailable: readonly RosteredPerson[],
): string[] {
  if (gap.missingSkills.length > 0) return gap.missingSkills;
  if (needs.requiredSkills.length > 0) return [...needs.requiredSkills];
  return [...new Set(unavailable.flatMap((p) => p.skills))];
}

export interface Candidate {
  staffId: string;
  unitCode: string;
  skills: readonly string[];
  /** Coordinates of the candidate's unit (office or centre); null when unknown. */
  unitLon: number | null;
  unitLat: number | null;
}

export interface RankedCandidate<C extends Candidate> {
  candidate: C;
  distanceKm: number;
}

/**
 * Replacement suggestions: available people holding one of the needed skills (anyone when none
 * is named), from the shift's own unit first, then by distance of their unit to the shift's unit,
 * then by id so the order is stable.
 */
export function rankReplacements<C extends Candidate>(
  candidates: readonly C[],
  shift: { unitCode: string; lon: number | null; lat: number | null },
  skills: readonly string[],
  limit: number,
): RankedCandidate<C>[] {
  const ranked: RankedCandidate<C>[] = [];
  for (const candidate of candidates) {
    if (skills.length > 0 && !skills.some((s) => candidate.skills.includes(s))) continue;
    const distanceKm =
      candidate.unitCode === shift.unitCode
        ? 0
        : shift.lon === null ||
            shift.lat === null ||
            candidate.unitLon === null ||
            candidate.unitLat === null
          ? Number.POSITIVE_INFINITY
          : haversineLonLatM(shift.lon, shift.lat, candidate.unitLon, candidate.unitLat) / 1000;
    ranked.push({ candidate, distanceKm });
  }
  ranked.sort((a, b) => {
    const sameA = a.candidate.unitCode === shift.unitCode ? 0 : 1;
    const sameB = b.candidate.unitCode === shift.unitCode ? 0 : 1;
    if (sameA !== sameB) return sameA - sameB;
    if (a.distanceKm !== b.distanceKm) return a.distanceKm - b.distanceKm;
    return a.candidate.staffId < b.candidate.staffId ? -1 : 1;
  });
  return ranked.slice(0, limit);
}
