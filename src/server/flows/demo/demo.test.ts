import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegionLocator, loadRegions } from '../../../engines/geo';
import { seedOrg } from '../../modules/org';
import { openTestDatabase } from '../../../../test/support/database';
import { generateRetail } from './province';
import { generateStaff } from './staff';

async function org() {
  const handle = await openTestDatabase();
  try {
    return await seedOrg(handle.db);
  } finally {
    await handle.dispose();
  }
}

const shapes = loadRegions(
  JSON.parse(fs.readFileSync(path.resolve('data/geo/shanxi-counties.geojson'), 'utf8')),
);

describe('the demo province', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const seeded = await org();
    const a = generateRetail(seeded, path.resolve('data'), 'tiny', 11);
    const b = generateRetail(seeded, path.resolve('data'), 'tiny', 11);
    const c = generateRetail(seeded, path.resolve('data'), 'tiny', 12);
    expect(JSON.stringify(a.retailers)).toBe(JSON.stringify(b.retailers));
    expect(JSON.stringify(a.retailers)).not.toBe(JSON.stringify(c.retailers));
    expect(JSON.stringify(generateStaff(seeded, 'small', 3))).toBe(
      JSON.stringify(generateStaff(seeded, 'small', 3)),
    );
  });

  it('places every retailer inside its own county’s shape', async () => {
    const seeded = await org();
    const { retailers } = generateRetail(seeded, path.resolve('data'), 'tiny', 5);
    const locate = createRegionLocator(shapes);
    let outside = 0;
    for (const r of retailers) {
      // Coordinates are rounded to 1e-6°, which can push a border shop a few centimetres over.
      if (locate.locate(r.lon, r.lat)?.code !== r.county_code) outside++;
    }
    expect(outside / retailers.length).toBeLessThan(0.002);
  });

  it('skews grades low, keeps ~300 shops per account manager and ~100 per delivery line', async () => {
    const seeded = await org();
    const { retailers, accountManagers, lines } = generateRetail(
      seeded,
      path.resolve('data'),
      'full',
      2022,
    );
    expect(retailers.length).toBeGreaterThan(125_000);
    expect(retailers.length).toBeLessThan(135_000);
    const low = retailers.filter((r) => r.grade <= 10).length;
    const high = retailers.filter((r) => r.grade > 20).length;
    expect(low).toBeGreaterThan(2 * high);
    expect(retailers.every((r) => r.grade >= 1 && r.grade <= 30)).toBe(true);
    // About 300 shops a manager, and at least one manager in every county however small.
    const shopsPerManager = new Map<string, number>();
    for (const r of retailers)
      shopsPerManager.set(
        r.account_manager_id!,
        (shopsPerManager.get(r.account_manager_id!) ?? 0) + 1,
      );
    expect(shopsPerManager.size).toBe(accountManagers.length);
    const shopsPerCounty = new Map<string, number>();
    for (const r of retailers)
      shopsPerCounty.set(r.county_code, (shopsPerCounty.get(r.county_code) ?? 0) + 1);
    for (const [id, shops] of shopsPerManager) {
      const countyShops = shopsPerCounty.get(id.slice(4, 10))!;
      expect(shops).toBeLessThanOrEqual(Math.max(450, countyShops));
      if (countyShops >= 600) expect(shops).toBeGreaterThan(200);
    }
    const perLine = retailers.length / lines.length;
    expect(perLine).toBeGreaterThan(80);
    expect(perLine).toBeLessThan(130);
    expect(new Set(retailers.map((r) => r.licence_no)).size).toBe(retailers.length);
    expect(retailers.every((r) => r.order_day >= 1 && r.order_day <= 5)).toBe(true);
  });
});
