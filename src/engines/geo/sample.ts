import type { PreparedGeometry } from './contains';
import { METRES_PER_DEGREE } from './measure';
import type { Rng } from './rng';
import type { LonLat } from './types';

const RAD = Math.PI / 180;

/** Gives up on a shape that fills less than ~1/10,000 of its bounding box. */
const MAX_UNIFORM_TRIES = 10_000;

/**
 * One point uniformly distributed by area inside a prepared geometry: rejection sampling in
 * its bounding box, with latitude drawn uniform in sin(latitude) so that equal areas of the
 * sphere are equally likely. Throws if the shape is empty or vanishingly thin.
 */
export function samplePoint(geometry: PreparedGeometry, rng: Rng): LonLat {
  const [minLon, minLat, maxLon, maxLat] = geometry.bbox;
  if (!(minLon <= maxLon && minLat <= maxLat))
    throw new RangeError('cannot sample an empty geometry');
  const s0 = Math.sin(minLat * RAD);
  const s1 = Math.sin(maxLat * RAD);
  for (let tries = 0; tries < MAX_UNIFORM_TRIES; tries++) {
    const lon = minLon + rng.next() * (maxLon - minLon);
    const lat = Math.asin(s0 + rng.next() * (s1 - s0)) / RAD;
    if (geometry.contains(lon, lat)) return [lon, lat];
  }
  throw new RangeError('geometry too thin to sample by rejection');
}

/** `count` points uniformly distributed inside the geometry (see {@link samplePoint}). */
export function samplePoints(geometry: PreparedGeometry, count: number, rng: Rng): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i < count; i++) out.push(samplePoint(geometry, rng));
  return out;
}

/** How {@link sampleClusteredPoints} concentrates points around a centre (a county seat, say). */
export interface ClusterOptions {
  /** Where points gather, e.g. the county's `center` (seat of government). */
  center: LonLat;
  /** Probability in [0, 1] that a point is drawn near the centre rather than uniformly. */
  share: number;
  /** Standard deviation of the Gaussian spread around the centre, in metres. */
  sigmaM: number;
  /** Gaussian draws to try before falling back to a uniform point; default 32. */
  maxTries?: number;
}

/**
 * `count` points inside the geometry, "denser around towns": each point is, with probability
 * `share`, a Gaussian draw around `center` (redrawn while it falls outside the geometry), and
 * otherwise uniform over the geometry. A centre outside the geometry only makes the Gaussian
 * draws fall back to uniform more often.
 */
export function sampleClusteredPoints(
  geometry: PreparedGeometry,
  count: number,
  rng: Rng,
  options: ClusterOptions,
): LonLat[] {
  const { center, share, sigmaM } = options;
  const maxTries = options.maxTries ?? 32;
  if (!(share >= 0 && share <= 1)) throw new RangeError('share must be in [0, 1]');
  if (!(sigmaM > 0)) throw new RangeError('sigmaM must be > 0');
  const sigmaLat = sigmaM / METRES_PER_DEGREE;
  const sigmaLon = sigmaLat / Math.max(0.01, Math.cos(center[1] * RAD));
  const out: LonLat[] = [];
  for (let i = 0; i < count; i++) {
    let point: LonLat | null = null;
    if (rng.next() < share) {
      for (let tries = 0; tries < maxTries; tries++) {
        const lon = center[0] + rng.normal() * sigmaLon;
        const lat = center[1] + rng.normal() * sigmaLat;
        if (geometry.contains(lon, lat)) {
          point = [lon, lat];
          break;
        }
      }
    }
    out.push(point ?? samplePoint(geometry, rng));
  }
  return out;
}
