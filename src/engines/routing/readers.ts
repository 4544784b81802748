/**
 * Readers for the two public benchmark formats. Both take the file's text (no I/O here) and give a
 * `RoutingProblem` with the depot as node 0, plus the label under which each node is reported.
 */
import { euclideanMatrix, roundedEuclideanMatrix } from './distance';
import type { RoutingProblem } from './types';

export interface ParsedInstance {
  name: string;
  format: 'cvrplib' | 'solomon';
  problem: RoutingProblem;
  /**
   * Output label of each node: CVRPLIB customers are 1..n in file order with the depot omitted
   * (the `.sol` convention); Solomon customers keep their CUST NO.
   */
  labels: number[];
}

/** Detects the format from the text (falling back to the file name) and parses it. */
export function parseInstance(text: string, fileName = ''): ParsedInstance {
  if (/NODE_COORD_SECTION|DEMAND_SECTION|^\s*DIMENSION\s*:/m.test(text)) return parseCvrplib(text);
  if (/CUST\s*NO\.|^\s*VEHICLE\s*$/m.test(text)) return parseSolomon(text);
  if (/\.vrp$/i.test(fileName)) return parseCvrplib(text);
  if (/\.txt$/i.test(fileName)) return parseSolomon(text);
  throw new Error('unknown instance format (expected CVRPLIB .vrp or Solomon text)');
}

/** CVRPLIB `.vrp` (TSPLIB-style) with EUC_2D weights, rounded to integers as CVRPLIB does. */
export function parseCvrplib(text: string): ParsedInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = new Map<string, string>();
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const depots: number[] = [];
  let section = '';
  for (const line of lines) {
    if (line === '' || line === 'EOF') continue;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      header.set(kv[1]!, kv[2]!.trim());
      section = '';
      continue;
    }
    if (/^[A-Z_]+$/.test(line)) {
      section = line;
      continue;
    }
    const nums = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') coords.set(nums[0]!, [nums[1]!, nums[2]!]);
    else if (section === 'DEMAND_SECTION') demands.set(nums[0]!, nums[1]!);
    else if (section === 'DEPOT_SECTION' && nums[0]! > 0) depots.push(nums[0]!);
  }
  const dimension = Number(header.get('DIMENSION'));
  const capacity = Number(header.get('CAPACITY'));
  const weightType = header.get('EDGE_WEIGHT_TYPE') ?? 'EUC_2D';
  if (!Number.isInteger(dimension) || dimension < 2) throw new Error('CVRPLIB: bad DIMENSION');
  if (!(capacity > 0)) throw new Error('CVRPLIB: bad CAPACITY');
  if (weightType !== 'EUC_2D')
    throw new Error(`CVRPLIB: unsupported EDGE_WEIGHT_TYPE ${weightType}`);
  const depot = depots[0] ?? 1;
  // File ids in model order: the depot first, then the customers in file order.
  const ids = [depot];
  for (let id = 1; id <= dimension; id++) if (id !== depot) ids.push(id);
  const x = new Float64Array(dimension);
  const y = new Float64Array(dimension);
  const demand = new Int32Array(dimension);
  const labels: number[] = [0];
  ids.forEach((id, k) => {
    const c = coords.get(id);
    if (!c) throw new Error(`CVRPLIB: node ${id} has no coordinates`);
    x[k] = c[0];
    y[k] = c[1];
    const d = demands.get(id) ?? 0;
    if (!Number.isInteger(d) || d < 0) throw new Error(`CVRPLIB: bad demand for node ${id}`);
    demand[k] = k === 0 ? 0 : d;
    if (k > 0) labels.push(k);
  });
  const problem: RoutingProblem = {
    size: dimension,
    distance: roundedEuclideanMatrix(x, y),
    demand,
    capacity,
    coordinates: { x, y },
  };
  const distanceLimit = header.get('DISTANCE');
  if (distanceLimit !== undefined) problem.maxRouteDuration = Number(distanceLimit);
  const service = header.get('SERVICE_TIME');
  if (service !== undefined) {
    const st = new Float64Array(dimension).fill(Number(service));
    st[0] = 0;
    problem.serviceTime = st;
  }
  const vehicles = header.get('VEHICLES');
  if (vehicles !== undefined) problem.fleet = [{ capacity, count: Number(vehicles) }];
  return { name: header.get('NAME') ?? '', format: 'cvrplib', problem, labels };
}

/** Solomon / Gehring–Homberger VRPTW text: Euclidean doubles, travel time = distance. */
export function parseSolomon(text: string): ParsedInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l !== '') ?? '';
  let vehicleCount = 0;
  let capacity = 0;
  const rows: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      const nums = (lines[i + 1] ?? '').split(/\s+/).map(Number);
      vehicleCount = nums[0]!;
      capacity = nums[1]!;
      i++;
      continue;
    }
    if (/^-?\d/.test(line)) {
      const nums = line.split(/\s+/).map(Number);
      if (nums.length >= 7 && nums.every((v) => Number.isFinite(v))) rows.push(nums);
    }
  }
  if (!(capacity > 0) || !(vehicleCount > 0)) throw new Error('Solomon: missing VEHICLE section');
  if (rows.length < 2) throw new Error('Solomon: no customers');
  const size = rows.length;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const demand = new Int32Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const service = new Float64Array(size);
  const labels: number[] = [];
  rows.forEach((r, k) => {
    labels.push(r[0]!);
    x[k] = r[1]!;
    y[k] = r[2]!;
    demand[k] = k === 0 ? 0 : r[3]!;
    ready[k] = r[4]!;
    due[k] = r[5]!;
    service[k] = k === 0 ? 0 : r[6]!;
  });
  return {
    name,
    format: 'solomon',
    labels,
    problem: {
      size,
      distance: euclideanMatrix(x, y),
      demand,
      serviceTime: service,
      timeWindows: { ready, due },
      capacity,
      fleet: [{ capacity, count: vehicleCount }],
      coordinates: { x, y },
    },
  };
}

/** A CVRPLIB `.sol` file: routes of customer labels and the stated cost. */
export function parseCvrplibSolution(text: string): { routes: number[][]; cost: number } {
  const routes: number[][] = [];
  let cost = NaN;
  for (const line of text.split(/\r?\n/)) {
    const r = /^Route\s*#\d+\s*:(.*)$/i.exec(line.trim());
    if (r) routes.push(r[1]!.trim().split(/\s+/).filter(Boolean).map(Number));
    const c = /^Cost\s+([\d.]+)/i.exec(line.trim());
    if (c) cost = Number(c[1]);
  }
  return { routes, cost };
}
