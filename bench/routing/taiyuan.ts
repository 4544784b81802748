/**
 * A deterministic, seeded city instance like Taiyuan's tobacco retailers: shops clustered in
 * districts around 112.55E 37.87N, demands of 5–60 条, vans of 3000 (and some 2000) 条, shop-hour
 * windows, service times, a 10-hour route limit and at most 90 stops per van. Time is in minutes
 * from midnight; distances in metres (great circle × 1.3 road factor), vans at 25 km/h.
 */
import { greatCircleMatrix, travelTimeMatrix } from '../../src/engines/routing';
import type { RoutingProblem } from '../../src/engines/routing';
import { Rng } from '../../src/engines/routing/rng';

export interface CityInstance {
  problem: RoutingProblem;
  lon: Float64Array;
  lat: Float64Array;
}

const CENTRE = { lon: 112.55, lat: 37.87 };
/** Degrees per km at this latitude. */
const DEG_LAT_PER_KM = 1 / 110.574;
const DEG_LON_PER_KM = 1 / (111.32 * Math.cos((CENTRE.lat * Math.PI) / 180));

export function taiyuanInstance(stops = 1000, seed = 2026): CityInstance {
  const rng = new Rng(seed);
  const gauss = (): number => {
    const u = Math.max(rng.float(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
  };
  // Districts: centres within ~12 km of the city centre, spread 1–3 km.
  const districts = Array.from({ length: 12 }, () => ({
    dx: (rng.float() - 0.5) * 24,
    dy: (rng.float() - 0.5) * 24,
    spread: 1 + 2 * rng.float(),
  }));
  const size = stops + 1;
  const lon = new Float64Array(size);
  const lat = new Float64Array(size);
  const demand = new Int32Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const service = new Float64Array(size);
  // The depot (logistics centre) sits at the southern edge of the city.
  lon[0] = CENTRE.lon + 2 * DEG_LON_PER_KM;
  lat[0] = CENTRE.lat - 9 * DEG_LAT_PER_KM;
  ready[0] = 7 * 60;
  due[0] = 20 * 60;
  for (let i = 1; i < size; i++) {
    const d = districts[rng.int(districts.length)]!;
    lon[i] = CENTRE.lon + (d.dx + gauss() * d.spread) * DEG_LON_PER_KM;
    lat[i] = CENTRE.lat + (d.dy + gauss() * d.spread) * DEG_LAT_PER_KM;
    demand[i] = 5 + rng.int(56);
    service[i] = 3 + Math.round(demand[i]! / 20);
    const kind = rng.float();
    if (kind < 0.6) {
      ready[i] = 8 * 60; // all-day shops
      due[i] = 19 * 60;
    } else if (kind < 0.8) {
      ready[i] = 8 * 60 + 30; // morning receiving
      due[i] = 12 * 60;
    } else if (kind < 0.95) {
      ready[i] = 13 * 60 + 30; // afternoon receiving
      due[i] = 18 * 60;
    } else {
      ready[i] = 10 * 60; // late openers
      due[i] = 19 * 60 + 30;
    }
  }
  const distance = greatCircleMatrix(lon, lat, 1.3);
  const x = Float64Array.from(lon, (v) => (v - lon[0]!) / DEG_LON_PER_KM);
  const y = Float64Array.from(lat, (v) => (v - lat[0]!) / DEG_LAT_PER_KM);
  return {
    lon,
    lat,
    problem: {
      size,
      distance,
      travelTime: travelTimeMatrix(distance, 25),
      demand,
      serviceTime: service,
      timeWindows: { ready, due },
      capacity: 3000,
      // 16 + 6 vans per thousand shops.
      fleet: [
        { capacity: 3000, count: Math.ceil((16 * stops) / 1000) },
        { capacity: 2000, count: Math.ceil((6 * stops) / 1000) },
      ],
      maxRouteDuration: 10 * 60,
      maxStops: 90,
      coordinates: { x, y },
    },
  };
}
