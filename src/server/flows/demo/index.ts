import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../platform/auth/password';
import type { Role } from '../../platform/auth/roles';
import { insertUsersInBulk } from '../../modules/identity';
import { dataDir, insertStaffInBulk, isOrgSeeded, seedOrg } from '../../modules/org';
import { insertDeliveryLinesInBulk, insertRetailersInBulk } from '../../modules/retail';
import { insertProductsInBulk, priceClassOf } from '../../modules/supply';
import { demoScales, generateRetail, seedInstant, type DemoScale } from './province';
import { generateStaff } from './staff';
import { seedWorkforceDemo } from './workforce';
import { seedSupplyDemo } from './supply';
import { seedDisruptionDemo } from './disruption';
import { seedDemoOrders } from './ordering';
import { provinceCode } from '../../../engines/geo';

export { demoScales, type DemoScale } from './province';

/** The one published password of the demo accounts (a real deployment starts with no users). */
export const demoPassword = 'Tongxin2022';

export interface DemoLogin {
  username: string;
  role: Role;
  unitCode: string;
  note: string;
}

export interface DemoSummary {
  seeded: boolean;
  retailers: number;
  staff: number;
  products: number;
  logins: DemoLogin[];
  password: string;
}

export type SeedProgress = (step: string, done: number, total: number) => void;

interface ProductSeed {
  code: string;
  name: string;
  brand: string;
  manufacturer: string;
  allocationPriceFen: number;
  wholesalePriceFen: number;
  retailPriceFen: number;
}

/**
 * Seeds the demo province into an empty database: divisions and the org tree, ~120 brand-specs,
 * staff, retailers with account managers and delivery lines, and a demo user for every role. The
 * same seed always yields the same rows. Does nothing if the org tree already exists.
 */
export async function seedDemo(
  db: Kysely<any>,
  options: {
    scale: DemoScale;
    seed: number;
    onProgress?: SeedProgress;
    /** Also place the open cycle's first orders (the server's demo does; tests start empty). */
    orders?: boolean;
    /**
     * The demo's "now" (the server passes its clock's, so a demo set in spring 2022 by
     * `TONGXIN_CLOCK` has that week's plans); default real time.
     */
    now?: Date;
  },
): Promise<DemoSummary> {
  const progress = options.onProgress ?? (() => {});
  if (await isOrgSeeded(db)) {
    return {
      seeded: false,
      retailers: 0,
      staff: 0,
      products: 0,
      logins: demoLogins(),
      password: demoPassword,
    };
  }
  const dir = dataDir();
  const products = JSON.parse(
    fs.readFileSync(path.join(dir, 'products.json'), 'utf8'),
  ) as ProductSeed[];
  const passwordHash = await hashPassword(demoPassword);
  const demoNow = options.now ?? new Date();

  const seeded = await db.transaction().execute(async (trx) => {
    progress('org', 0, 1);
    const org = await seedOrg(trx);
    progress('org', 1, 1);

    await insertProductsInBulk(
      trx,
      products.map((p) => ({
        code: p.code,
        company_id: provinceCode,
        name: p.name,
        brand: p.brand,
        manufacturer: p.manufacturer,
        price_class: priceClassOf(p.allocationPriceFen),
        allocation_price_fen: p.allocationPriceFen,
        wholesale_price_fen: p.wholesalePriceFen,
        retail_price_fen: p.retailPriceFen,
        cartons_per_case: 50,
        barcode: p.code,
        active: 1,
        created_at: seedInstant,
      })),
    );

    const retail = generateRetail(org, dir, options.scale, options.seed, (done, total) =>
      progress('places', done, total),
    );
    const staff = [...generateStaff(org, options.scale, options.seed), ...retail.accountManagers];
    await insertStaffInBulk(trx, staff);
    await insertDeliveryLinesInBulk(trx, retail.lines);
    const chunk = 5_000;
    for (let i = 0; i < retail.retailers.length; i += chunk) {
      await insertRetailersInBulk(trx, retail.retailers.slice(i, i + chunk));
      progress('retailers', Math.min(i + chunk, retail.retailers.length), retail.retailers.length);
    }
    await seedWorkforceDemo(trx, {
      org,
      staff,
      scale: options.scale,
      seed: options.seed,
      dataDir: dir,
      now: demoNow,
      onProgress: (done, total) => progress('workforce', done, total),
    });
    progress('disruption', 0, 1);
    await seedDisruptionDemo(trx, seedInstant);
    progress('disruption', 1, 1);
    progress('supply', 0, 1);
    await seedSupplyDemo(trx, { org, scale: options.scale, now: demoNow });
    progress('supply', 1, 1);

    const xiaodianManager = retail.accountManagers.find((m) => m.unit_code === '140105')!;
    const shop = retail.retailers.find(
      (r) =>
        r.account_manager_id === xiaodianManager.id &&
        r.status === 'active' &&
        r.service_state === 'open',
    )!;
    const staffOf = (unit: string, position: string) =>
      staff.find((s) => s.unit_code === unit && s.position === position)?.id ?? null;
    const links: Record<
      string,
      { staffId: string | null; retailerId: string | null; name: string }
    > = {
      'xiaodian.am': { staffId: xiaodianManager.id, retailerId: null, name: xiaodianManager.name },
      'shop.xiaodian': { staffId: null, retailerId: shop.id, name: shop.name },
      'taiyuan.dispatch': {
        staffId: staffOf('LC140100', 'dispatcher'),
        retailerId: null,
        name: '太原物流调度',
      },
      'taiyuan.keeper': {
        staffId: staffOf('LC140100', 'warehouse_keeper'),
        retailerId: null,
        name: '太原仓库保管',
      },
      'taiyuan.driver': {
        staffId: staffOf('LC140100', 'driver'),
        retailerId: null,
        name: '太原送货员',
      },
      'taiyuan.epi': {
        staffId: staffOf('140100', 'epidemic_officer'),
        retailerId: null,
        name: '太原防控专员',
      },
      'xiaodian.licence': {
        staffId: staffOf('140105', 'licence_officer'),
        retailerId: null,
        name: '小店专卖许可',
      },
      'xiaodian.staff': { staffId: staffOf('140105', 'clerk'), retailerId: null, name: '小店员工' },
    };
    const logins = demoLogins();
    await insertUsersInBulk(
      trx,
      logins.map((login) => {
        const link = links[login.username];
        const unit = org.counties.find((c) => c.code === login.unitCode);
        const companyId = login.unitCode.startsWith('LC')
          ? login.unitCode.slice(2)
          : unit
            ? unit.cityCode
            : login.unitCode;
        return {
          id: `usr_${login.username.replace(/\./g, '_')}`,
          company_id: companyId,
          username: login.username,
          display_name: link?.name ?? login.note,
          password_hash: passwordHash,
          role: login.role,
          unit_code: login.unitCode,
          staff_id: link?.staffId ?? null,
          retailer_id: link?.retailerId ?? null,
          language: 'zh-CN',
          disabled: 0,
          created_at: seedInstant,
          last_login_at: null,
        };
      }),
    );
    const seededSummary: DemoSummary = {
      seeded: true,
      retailers: retail.retailers.length,
      staff: staff.length,
      products: products.length,
      logins,
      password: demoPassword,
    };
    return { summary: seededSummary, cityCodes: org.cities.map((c) => c.code), shopId: shop.id };
  });
  if (options.orders) {
    // After the commit: orders go through the ordering service, which reads committed plans.
    progress('orders', 0, 1);
    await seedDemoOrders(db, {
      cityCodes: seeded.cityCodes,
      now: demoNow,
      seed: options.seed,
      share: 0.6,
      exclude: new Set([seeded.shopId]),
      onProgress: (done, total) => progress('orders', done, total),
    });
  }
  return seeded.summary;
}

/** The demo accounts: one per role, scoped to show the hierarchy (province, Taiyuan, 小店区). */
export function demoLogins(): DemoLogin[] {
  return [
    { username: 'admin', role: 'admin', unitCode: provinceCode, note: '系统管理员 · 全省' },
    {
      username: 'analyst',
      role: 'province_analyst',
      unitCode: provinceCode,
      note: '经济运行分析 · 全省',
    },
    { username: 'taiyuan', role: 'city_manager', unitCode: '140100', note: '太原市公司经理' },
    { username: 'datong', role: 'city_manager', unitCode: '140200', note: '大同市公司经理' },
    {
      username: 'taiyuan.planner',
      role: 'county_planner',
      unitCode: '140100',
      note: '太原市公司营销中心',
    },
    {
      username: 'xiaodian.planner',
      role: 'county_planner',
      unitCode: '140105',
      note: '小店区营销计划',
    },
    {
      username: 'xiaodian.am',
      role: 'account_manager',
      unitCode: '140105',
      note: '小店区客户经理',
    },
    {
      username: 'taiyuan.dispatch',
      role: 'logistics_dispatcher',
      unitCode: 'LC140100',
      note: '太原物流中心调度',
    },
    {
      username: 'taiyuan.keeper',
      role: 'warehouse_keeper',
      unitCode: 'LC140100',
      note: '太原物流中心仓管',
    },
    { username: 'taiyuan.driver', role: 'driver', unitCode: 'LC140100', note: '太原送货员' },
    {
      username: 'taiyuan.epi',
      role: 'epidemic_officer',
      unitCode: '140100',
      note: '太原市公司防控办',
    },
    {
      username: 'xiaodian.licence',
      role: 'licence_officer',
      unitCode: '140105',
      note: '小店区专卖许可',
    },
    { username: 'xiaodian.staff', role: 'staff', unitCode: '140105', note: '小店区员工' },
    { username: 'shop.xiaodian', role: 'retailer', unitCode: '140105', note: '小店区零售户' },
  ];
}

export function demoRetailerTarget(scale: DemoScale): number {
  return demoScales[scale];
}
