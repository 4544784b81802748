/**
 * Disruption engine benchmark at demo full scale: 130,000 retailers placed inside the real
 * Shanxi county shapes (denser around county seats), 8,000 staff homes, 11 warehouses and 128
 * offices, under a realistic area set (Taiyuan districts partly sealed, controlled rings, a
 * county-coded area, compounds as circles, and a history of ended areas).
 *
 * Measures: sampler time for the 130k retailers, index build, recompute of every place's
 * effective status after one area change (rebuild + effectiveStatusMany + diffEffective),
 * single-place lookups, and an impact preview. Readable table on stderr; one JSON line last.
 *
 *   npx tsx bench/disruption/run.ts [--reps 40] [--seed 1]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  AreaIndex,
  BUILT_IN_SCHEMES,
  diffEffective,
  findStatus,
  type EffectiveStatus,
  impactOf,
  type Area,
  type AreaCoverage,
  type Place,
  type ServiceState,
} from '../../src/engines/disruption';
import {
  createRng,
  geodesicAreaM2,
  prepareGeometry,
  sampleClusteredPoints,
  type LonLat,
  type PreparedGeometry,
  type Rng,
  loadRegions,
  type RegionRecord,
} from '../../src/engines/geo';

const { values } = parseArgs({
  options: { reps: { type: 'string', default: '40' }, seed: { type: 'string', default: '1' } },
});
const REPS = Number(values.reps);
const SEED = Number(values.seed);

const RETAILERS = 130_000;
const STAFF_HOMES = 8_000;
const NOW = '2022-04-10T02:00:00Z';

function readRegions(file: string): RegionRecord[] {
  const url = new URL(`../../data/geo/${file}`, import.meta.url);
  return loadRegions(JSON.parse(readFileSync(url, 'utf8')));
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Splits `total` over weights by largest remainder, so the counts add up exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

// ---------------------------------------------------------------- places
const counties = readRegions('shanxi-counties.geojson');
const cities = readRegions('shanxi-cities.geojson');
const rng = createRng(SEED);

let t0 = process.hrtime.bigint();
const prepared = new Map<string, PreparedGeometry>(
  counties.map((c) => [c.code, prepareGeometry(c.geometry)]),
);
const prepareMs = ms(t0);

// Urban districts (区) and county-level cities are denser than rural counties.
const weights = counties.map(
  (c) =>
    (geodesicAreaM2(c.geometry) / 1e6) *
    (c.name.endsWith('区') ? 6 : c.name.endsWith('市') ? 2 : 1),
);
const retailerCounts = apportion(RETAILERS, weights);
const homeCounts = apportion(STAFF_HOMES, weights);

function sample(c: RegionRecord, n: number, r: Rng, share: number, sigmaM: number): LonLat[] {
  const geometry = prepared.get(c.code);
  if (!geometry) throw new Error(`no shape for ${c.code}`);
  return sampleClusteredPoints(geometry, n, r, { center: c.center, share, sigmaM });
}

t0 = process.hrtime.bigint();
const retailerPoints = counties.map((c, i) =>
  sample(c, retailerCounts[i], rng, 0.65, c.name.endsWith('区') ? 2500 : 4000),
);
const samplerMs = ms(t0);

const STATES: ServiceState[] = ['open', 'road_closed', 'isolated', 'cash_payer', 'suspended'];
const places: Place[] = [];
counties.forEach((c, i) => {
  retailerPoints[i].forEach(([lon, lat], k) => {
    const state = STATES[rng.weighted([93.5, 2, 1, 3, 0.5])];
    places.push({
      type: 'retailer',
      id: `rtl_${c.code}_${k}`,
      lon,
      lat,
      countyCode: c.code,
      serviceState: state,
    });
  });
});
counties.forEach((c, i) => {
  sample(c, homeCounts[i], rng, 0.8, 3000).forEach(([lon, lat], k) =>
    places.push({ type: 'staff_home', id: `stf_${c.code}_${k}`, lon, lat, countyCode: c.code }),
  );
  const [lon, lat] = c.center;
  places.push({ type: 'office', id: `off_${c.code}`, lon, lat, countyCode: c.code });
});
for (const city of cities) {
  // The city company's office and logistics centre sit in the seat's county.
  const seat = counties.find(
    (c) => c.parentCode === city.code && prepared.get(c.code)?.contains(...city.center),
  );
  const countyCode = seat?.code ?? `${city.code.slice(0, 4)}01`;
  const [lon, lat] = city.center;
  places.push({ type: 'office', id: `off_${city.code}`, lon, lat, countyCode });
  places.push({
    type: 'warehouse',
    id: `wh_${city.code}`,
    lon: lon + 0.05,
    lat: lat - 0.03,
    countyCode,
  });
}
const counts = places.reduce<Record<string, number>>((acc, p) => {
  acc[p.type] = (acc[p.type] ?? 0) + 1;
  return acc;
}, {});

// ---------------------------------------------------------------- areas
function star(r: Rng, center: LonLat, radiusM: number, n = 24): AreaCoverage {
  const dLat = radiusM / 111_195;
  const dLon = dLat / Math.cos((center[1] * Math.PI) / 180);
  const ring: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = 0.6 + 0.4 * r.next();
    ring.push([center[0] + k * dLon * Math.cos(a), center[1] + k * dLat * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { kind: 'geometry', geometry: { type: 'Polygon', coordinates: [ring] } };
}

function area(
  id: string,
  coverage: AreaCoverage,
  scheme: string,
  status: string,
  validFrom: string,
  validUntil: string | null = null,
  endedAt: string | null = null,
): Area {
  const rule = findStatus(BUILT_IN_SCHEMES, scheme, status);
  if (!rule) throw new Error(`${scheme}/${status}`);
  return {
    id,
    scheme,
    status,
    severity: rule.severity,
    effects: rule.effects,
    coverage,
    validFrom,
    validUntil,
    endedAt,
  };
}

const county = (code: string) => {
  const c = counties.find((x) => x.code === code);
  if (!c) throw new Error(code);
  return c;
};
const areaRng = createRng(SEED + 1);
const areas: Area[] = [];
// Taiyuan: five urban districts partly sealed, each inside a controlled ring; the city a precaution area.
for (const code of ['140105', '140106', '140107', '140108', '140109']) {
  const c = county(code);
  for (let k = 0; k < 3; k++) {
    const at: LonLat = [
      c.center[0] + (areaRng.next() - 0.5) * 0.06,
      c.center[1] + (areaRng.next() - 0.5) * 0.06,
    ];
    areas.push(
      area(
        `sealed_${code}_${k}`,
        star(areaRng, at, 1200 + areaRng.next() * 1500),
        'epidemic-2022',
        'sealed',
        '2022-04-02T16:00:00Z',
      ),
    );
  }
  areas.push(
    area(
      `ctl_${code}`,
      star(areaRng, c.center, 6000, 40),
      'epidemic-2022',
      'controlled',
      '2022-04-02T16:00:00Z',
    ),
  );
}
areas.push(
  area(
    'pre_taiyuan',
    { kind: 'counties', countyCodes: ['140100'] },
    'epidemic-2022',
    'precaution',
    '2022-04-01T00:00:00Z',
  ),
);
areas.push(
  area(
    'ctl_yuci',
    { kind: 'counties', countyCodes: ['140702'] },
    'epidemic-2022',
    'controlled',
    '2022-04-05T00:00:00Z',
  ),
);
// Compounds elsewhere as circles.
for (const code of ['140213', '140214', '140702', '140403', '140802', '141002']) {
  const c = county(code);
  areas.push(
    area(
      `compound_${code}`,
      { kind: 'circle', center: c.center, radiusM: 800 },
      'risk-2022',
      'high',
      '2022-04-06T00:00:00Z',
      '2022-04-20T00:00:00Z',
    ),
  );
}
areas.push(
  area(
    'road_g5',
    star(areaRng, county('140423').center, 8000),
    'road-closure',
    'closed',
    '2022-04-08T00:00:00Z',
  ),
);
// History: 200 ended areas of the previous weeks anywhere in the province.
for (let k = 0; k < 200; k++) {
  const c = areaRng.pick(counties);
  const from = Date.UTC(2022, 2, 1) + areaRng.int(0, 30) * 86_400_000;
  const coverage: AreaCoverage =
    k % 4 === 0
      ? { kind: 'counties', countyCodes: [c.code] }
      : k % 4 === 1
        ? { kind: 'circle', center: c.center, radiusM: 2000 }
        : star(areaRng, c.center, 3000);
  areas.push(
    area(
      `hist_${k}`,
      coverage,
      'epidemic-2022',
      areaRng.pick(['sealed', 'controlled', 'precaution']),
      new Date(from).toISOString(),
      null,
      new Date(from + 7 * 86_400_000).toISOString(),
    ),
  );
}

// ---------------------------------------------------------------- measurements
// Warm-up: JIT the hot paths before timing.
let index = AreaIndex.build(areas);
let previous = index.effectiveStatusMany(places, NOW);
for (let i = 0; i < 3; i++) AreaIndex.build(areas).effectiveStatusMany(places, NOW);

const buildTimes: number[] = [];
const manyTimes: number[] = [];
const diffTimes: number[] = [];
const changeTimes: number[] = [];
// CPU time of this process too: the machine is shared, and wall time then includes waiting.
const changeCpu: number[] = [];
let changed = 0;
let spare: EffectiveStatus[] | undefined;
let current = areas;
for (let rep = 0; rep < REPS; rep++) {
  // Alternate: publish a new sealed compound in Taiyuan, then lift it.
  const extraId = `extra_${rep}`;
  const next =
    rep % 2 === 0
      ? [
          ...current,
          area(
            extraId,
            star(areaRng, county('140105').center, 2500),
            'epidemic-2022',
            'sealed',
            '2022-04-09T00:00:00Z',
          ),
        ]
      : current.map((a) =>
          a.id === `extra_${rep - 1}` ? { ...a, endedAt: '2022-04-10T00:00:00Z' } : a,
        );
  const cpuStart = process.cpuUsage();
  const tStart = process.hrtime.bigint();
  index = AreaIndex.build(next);
  const tBuilt = process.hrtime.bigint();
  // Double-buffered like a server keeping the current and the previous snapshot.
  const statuses = index.effectiveStatusMany(places, NOW, spare);
  const tMany = process.hrtime.bigint();
  const changes = diffEffective(previous, statuses);
  const tEnd = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuStart);
  changeCpu.push((cpu.user + cpu.system) / 1000);
  buildTimes.push(Number(tBuilt - tStart) / 1e6);
  manyTimes.push(Number(tMany - tBuilt) / 1e6);
  diffTimes.push(Number(tEnd - tMany) / 1e6);
  changeTimes.push(Number(tEnd - tStart) / 1e6);
  changed += changes.length;
  spare = previous;
  previous = statuses;
  current = next;
}

// Single lookups on the last index, now and at past instants (replay).
const lookupRng = createRng(SEED + 2);
const singles: number[] = [];
const LOOKUPS = 20_000;
const sample1 = Array.from({ length: LOOKUPS }, () => places[lookupRng.int(0, places.length - 1)]);
for (const p of sample1.slice(0, 2000)) index.effectiveStatus(p, NOW);
let tBatch = process.hrtime.bigint();
for (const p of sample1) index.effectiveStatus(p, NOW);
const singleMeanMs = ms(tBatch) / LOOKUPS;
for (const p of sample1) {
  const s = process.hrtime.bigint();
  index.effectiveStatus(p, NOW);
  singles.push(Number(process.hrtime.bigint() - s) / 1e6);
}
const pastInstants = Array.from(
  { length: LOOKUPS },
  () => Date.UTC(2022, 2, 1) + lookupRng.next() * 45 * 86_400_000,
);
tBatch = process.hrtime.bigint();
for (let i = 0; i < LOOKUPS; i++) index.effectiveStatus(sample1[i], pastInstants[i]);
const replayMeanMs = ms(tBatch) / LOOKUPS;

// Impact preview of a new district-sized polygon.
const weeklyVolume = new Map(
  places.filter((p) => p.type === 'retailer').map((p, i) => [p.id, 5 + (i % 40)]),
);
const candidate = area(
  'candidate',
  star(areaRng, county('140106').center, 5000, 60),
  'epidemic-2022',
  'sealed',
  NOW,
);
tBatch = process.hrtime.bigint();
const impact = impactOf(candidate, places, weeklyVolume);
const impactMs = ms(tBatch);

const finalStatuses = previous;
const blocked = finalStatuses.filter(
  (s, i) => places[i].type === 'retailer' && s.ordering === 'blocked',
).length;
const covered = finalStatuses.filter((s) => s.areaIds.length > 0).length;

const recomputeP50 = quantile(changeTimes, 0.5);
const recomputeP99 = quantile(changeTimes, 0.99);
const singleP99 = quantile(singles, 0.99);
const figures = {
  bench: 'disruption',
  loadAvg1m: round(loadavg()[0], 2),
  seed: SEED,
  reps: REPS,
  places: places.length,
  retailers: counts.retailer,
  staffHomes: counts.staff_home,
  offices: counts.office,
  warehouses: counts.warehouse,
  areas: current.length,
  activeAreas: index.activeAreas(NOW).length,
  coveredPlaces: covered,
  retailersBlocked: blocked,
  prepareCountiesMs: round(prepareMs),
  sampler130kMs: round(samplerMs),
  indexBuildP50Ms: round(quantile(buildTimes, 0.5)),
  effectiveManyP50Ms: round(quantile(manyTimes, 0.5)),
  diffP50Ms: round(quantile(diffTimes, 0.5)),
  recomputeAllP50Ms: round(recomputeP50),
  recomputeAllP99Ms: round(recomputeP99),
  recomputeAllCpuP50Ms: round(quantile(changeCpu, 0.5)),
  recomputeAllCpuP99Ms: round(quantile(changeCpu, 0.99)),
  recomputeTargetMs: 200,
  recomputeP99VsTarget: round(recomputeP99 / 200),
  changedPerRecompute: Math.round(changed / REPS),
  singleLookupMeanMs: round(singleMeanMs, 5),
  singleLookupP99Ms: round(singleP99, 5),
  singleTargetMs: 1,
  singleP99VsTarget: round(singleP99 / 1, 5),
  replayLookupMeanMs: round(replayMeanMs, 5),
  impactPreviewMs: round(impactMs),
  impactRetailers: impact.counts.retailer,
  impactVolumeShare: round(impact.weightShare, 4),
};

console.error(
  `recompute cpu ms, sorted: ${[...changeCpu]
    .sort((a, b) => a - b)
    .map((x) => x.toFixed(0))
    .join(' ')}`,
);
console.error('disruption benchmark (one core):');
for (const [k, v] of Object.entries(figures)) console.error(`  ${k.padEnd(22)} ${v}`);
console.log(JSON.stringify(figures));
