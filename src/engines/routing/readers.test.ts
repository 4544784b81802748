import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { parseCvrplib, parseCvrplibSolution, parseInstance, parseSolomon } from './readers';

const VRP = [
  'NAME : \ttoy\t',
  'TYPE : \tCVRP\t',
  'DIMENSION : \t4\t',
  'EDGE_WEIGHT_TYPE : \tEUC_2D\t',
  'CAPACITY : \t10\t',
  'NODE_COORD_SECTION\t\t',
  '1\t0\t0',
  '2\t3\t4',
  '3\t0\t7',
  '4\t1\t1',
  'DEMAND_SECTION\t\t',
  '1\t0',
  '2\t4',
  '3\t6',
  '4\t5',
  'DEPOT_SECTION\t\t',
  '\t1\t',
  '\t-1\t',
  'EOF',
].join('\r\n');

const SOLOMON = `TOY

VEHICLE
NUMBER     CAPACITY
  2         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0       100          0
    7      3         4          5         10        20         2
    9      6         8          6          0        50         3
`;

describe('CVRPLIB reader', () => {
  it('reads nodes with the depot first and rounded Euclidean distances', () => {
    const inst = parseCvrplib(VRP);
    expect(inst.name).toBe('toy');
    expect(inst.format).toBe('cvrplib');
    expect(inst.problem.size).toBe(4);
    expect(inst.problem.capacity).toBe(10);
    expect(Array.from(inst.problem.demand)).toEqual([0, 4, 6, 5]);
    const d = inst.problem.distance;
    expect(d[0 * 4 + 1]).toBe(5);
    expect(d[0 * 4 + 3]).toBe(1); // √2 = 1.41 rounds to 1
    expect(d[1 * 4 + 2]).toBe(4); // √18 = 4.24
    expect(inst.labels).toEqual([0, 1, 2, 3]);
  });

  it('detects the format by content', () => {
    expect(parseInstance(VRP).format).toBe('cvrplib');
    expect(parseInstance(SOLOMON).format).toBe('solomon');
  });
});

describe('Solomon reader', () => {
  it('reads the fleet, windows, service times and customer numbers', () => {
    const inst = parseSolomon(SOLOMON);
    const p = inst.problem;
    expect(inst.name).toBe('TOY');
    expect(p.size).toBe(3);
    expect(p.fleet).toEqual([{ capacity: 20, count: 2 }]);
    expect(Array.from(p.demand)).toEqual([0, 5, 6]);
    expect(Array.from(p.timeWindows!.ready)).toEqual([0, 10, 0]);
    expect(Array.from(p.timeWindows!.due)).toEqual([100, 20, 50]);
    expect(Array.from(p.serviceTime!)).toEqual([0, 2, 3]);
    expect(inst.labels).toEqual([0, 7, 9]);
    expect(p.distance[1]).toBe(5);
    expect(p.distance[1 * 3 + 2]).toBe(5);
  });
});

const DATA = resolve(__dirname, '../../../../shared/data/benchmarks');

describe.runIf(existsSync(DATA))('published best-known solutions', () => {
  it('X-n101-k25: the .sol routes are feasible and cost what the file says', () => {
    const inst = parseInstance(readFileSync(`${DATA}/cvrp/X-n101-k25.vrp`, 'utf8'));
    const sol = parseCvrplibSolution(readFileSync(`${DATA}/cvrp/X-n101-k25.sol`, 'utf8'));
    const check = checkSolution(inst.problem, sol.routes);
    expect(check.violations).toEqual([]);
    expect(check.cost).toBe(27591);
    expect(sol.cost).toBe(27591);
  });
});
