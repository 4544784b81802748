/** Distance-matrix builders. Every matrix is row-major `n × n` with a zero diagonal. */

/** CVRPLIB / TSPLIB EUC_2D: Euclidean distance rounded to the nearest integer, nint(d) = ⌊d + 0.5⌋. */
export function roundedEuclideanMatrix(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  return build(x.length, (i, j) => Math.floor(Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!) + 0.5));
}

/** Plain double-precision Euclidean distance (the Solomon convention). */
export function euclideanMatrix(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  return build(x.length, (i, j) => Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!));
}

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Road distance estimate in metres for real coordinates: the haversine great-circle distance
 * times a road (detour) factor, rounded to whole metres. 1.3 is a common urban detour factor.
 */
export function greatCircleMatrix(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  roadFactor = 1.3,
): Float64Array {
  const n = lon.length;
  const phi = new Float64Array(n);
  const lam = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    phi[i] = (lat[i]! * Math.PI) / 180;
    lam[i] = (lon[i]! * Math.PI) / 180;
  }
  return build(n, (i, j) => {
    const dp = phi[j]! - phi[i]!;
    const dl = lam[j]! - lam[i]!;
    const h = Math.sin(dp / 2) ** 2 + Math.cos(phi[i]!) * Math.cos(phi[j]!) * Math.sin(dl / 2) ** 2;
    return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))) * roadFactor);
  });
}

/** Travel times (in the unit of `perMetre`, e.g. minutes) from a metre matrix at a flat speed. */
export function travelTimeMatrix(distanceMetres: Float64Array, speedKmh: number): Float64Array {
  const out = new Float64Array(distanceMetres.length);
  const minutesPerMetre = 60 / (speedKmh * 1000);
  for (let k = 0; k < out.length; k++) out[k] = distanceMetres[k]! * minutesPerMetre;
  return out;
}

function build(n: number, f: (i: number, j: number) => number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = f(i, j);
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return m;
}
