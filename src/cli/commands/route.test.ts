import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeCommand } from './route';

const dir = mkdtempSync(join(tmpdir(), 'tongxin-route-'));

const VRP = `NAME : toy
TYPE : CVRP
DIMENSION : 5
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 0 10
3 0 20
4 10 0
5 20 0
DEMAND_SECTION
1 0
2 5
3 5
4 5
5 5
DEPOT_SECTION
1
-1
EOF
`;

const SOLOMON = `TOY

VEHICLE
NUMBER     CAPACITY
  3         100

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0       1000          0
   11      3         4         10          0       1000         10
   12      6         8         10          0       1000         10
   13     -3        -4         10          0         10         10
`;

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await routeCommand(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('tongxin route solve', () => {
  it('prints one JSON object with CVRPLIB .sol numbering (depot omitted, customers 1..n)', async () => {
    const file = join(dir, 'toy.vrp');
    writeFileSync(file, VRP);
    const { code, out } = await run(['solve', file, '--time-limit', '1', '--seed', '3']);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out) as { cost: number; routes: number[][] };
    expect(result.cost).toBe(80);
    expect(result.routes.map((r) => [...r].sort()).sort()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('numbers Solomon customers by their CUST NO. and detects the format by content', async () => {
    const file = join(dir, 'toy.data');
    writeFileSync(file, SOLOMON);
    const { code, out } = await run(['solve', file, '--time-limit', '1']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { cost: number; routes: number[][] };
    expect(result.routes.flat().sort()).toEqual([11, 12, 13]);
    // 13 must be served by time 10, so it cannot follow 11–12 (back at 30): two routes.
    expect(result.routes).toHaveLength(2);
    expect(result.cost).toBeCloseTo(20 + 10, 6);
  });

  it('rejects a missing file argument', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await routeCommand(['solve'])).toBe(2);
    spy.mockRestore();
  });
});
