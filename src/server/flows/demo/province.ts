import fs from 'node:fs';
import path from 'node:path';
import {
  createRng,
  loadRegions,
  prepareGeometry,
  sampleClusteredPoints,
  type Rng,
} from '../../../engines/geo';
import type {
  BusinessType,
  CreditRating,
  MarketType,
  ServiceState,
} from '../../../contracts/retail';
import { businessTypes, creditRatings } from '../../../contracts/retail';
import type { SeededOrg } from '../../modules/org';
import type { DeliveryLinesTable, RetailersTable } from '../../modules/retail';
import { address, mobile, personName, shopName } from './names';

// `tiny` serves the test suite; the CLI offers small and full.
export const demoScales = { tiny: 2_000, small: 15_000, full: 130_000 } as const;
export type DemoScale = keyof typeof demoScales;

/** A fixed clock for seeded rows, so that a seed always produces the same database. */
export const seedInstant = '2022-04-01T00:00:00.000Z';

export interface StaffSeed {
  id: string;
  company_id: string;
  unit_code: string;
  name: string;
  position: string;
  phone: string | null;
  home_address: string | null;
  home_lon: number | null;
  home_lat: number | null;
  skills: string;
  active: number;
  created_at: string;
}

interface CountyPlan {
  code: string;
  name: string;
  cityCode: string;
  center: [number, number];
  retailers: number;
}

// Urban districts hold more shops per county than rural counties; Taiyuan most of all.
function countyWeight(name: string, cityCode: string): number {
  let weight = name.endsWith('区') ? 1.7 : name.endsWith('市') ? 1.3 : 0.8;
  if (cityCode === '140100') weight *= 1.4;
  return weight;
}

export function planCounties(org: SeededOrg, total: number): CountyPlan[] {
  const weights = org.counties.map((c) => countyWeight(c.name, c.cityCode));
  const sum = weights.reduce((a, b) => a + b, 0);
  const plans = org.counties.map((c, i) => ({
    code: c.code,
    name: c.name,
    cityCode: c.cityCode,
    center: c.center,
    retailers: Math.max(20, Math.round((total * weights[i]!) / sum)),
  }));
  return plans;
}

const businessWeights = [45, 20, 10, 1, 15, 4, 5]; // same order as businessTypes
const creditWeights = [10, 30, 40, 15, 5]; // AAA … C

/** Grades skewed toward the low end (most shops are small), lifted for larger formats. */
function gradeOf(rng: Rng, businessType: BusinessType, urban: boolean): number {
  const lift = businessType === 'supermarket' || businessType === 'mall' ? 0.25 : 0;
  const u = Math.min(0.999, rng.next() ** (urban ? 1.7 : 2.2) + lift * rng.next());
  return 1 + Math.floor(u * 30);
}

function serviceStateOf(rng: Rng): ServiceState {
  const u = rng.next();
  if (u < 0.006) return 'road_closed';
  if (u < 0.01) return 'isolated';
  if (u < 0.02) return 'cash_payer';
  if (u < 0.025) return 'suspended';
  return 'open';
}

const serviceStateReasons: Record<Exclude<ServiceState, 'open'>, string> = {
  road_closed: '所在村道路临时封闭，改为定点交接',
  isolated: '经营者居家隔离',
  cash_payer: '客户申请现金结算',
  suspended: '店面装修，暂停营业',
};

/** Share of rural retailers an account manager visits every two weeks (两周一访). */
const biweeklyRuralShare = 0.15;

/**
 * The 营销部 (marketing departments) of a county: 2 to 4, more where there are more shops, each
 * serving a contiguous patch by bearing from the county seat (like the account managers). Codes
 * are `<county code>YX<n>`; supply release labels them `<county>营销<n>部`.
 */
function marketingDeptCount(retailers: number): number {
  return Math.min(4, Math.max(2, Math.round(retailers / 700)));
}

export interface RetailSeed {
  retailers: RetailersTable[];
  lines: DeliveryLinesTable[];
  accountManagers: StaffSeed[];
}

function readCountyShapes(dataDir: string) {
  const raw = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'geo/shanxi-counties.geojson'), 'utf8'),
  );
  return new Map(loadRegions(raw).map((region) => [region.code, region]));
}

/**
 * Generates the retailers of every county inside its shape (denser around the county seat), their
 * account managers (about one per 300 shops, each with a contiguous patch) and delivery lines
 * (about 100 shops each, by bearing from the seat, one delivery day each).
 */
export function generateRetail(
  org: SeededOrg,
  dataDir: string,
  scale: DemoScale,
  seed: number,
  onCounty?: (done: number, total: number) => void,
): RetailSeed {
  const shapes = readCountyShapes(dataDir);
  const plans = planCounties(org, demoScales[scale]);
  const retailers: RetailersTable[] = [];
  const lines: DeliveryLinesTable[] = [];
  const accountManagers: StaffSeed[] = [];
  plans.forEach((county, countyIndex) => {
    const rng = createRng(seed * 1_000_003 + Number(county.code));
    const shape = shapes.get(county.code);
    if (!shape) throw new Error(`no shape for county ${county.code}`);
    const prepared = prepareGeometry(shape.geometry);
    const urbanShare = county.name.endsWith('区') ? 0.85 : 0.55;
    const points = sampleClusteredPoints(prepared, county.retailers, rng, {
      center: county.center,
      share: urbanShare,
      sigmaM: county.name.endsWith('区') ? 2_500 : 3_500,
    });
    // Order by bearing from the seat, then by distance, so that consecutive shops are neighbours.
    const withAngle = points.map((p) => {
      const dx = p[0] - county.center[0];
      const dy = p[1] - county.center[1];
      return { p, angle: Math.atan2(dy, dx), dist: Math.hypot(dx, dy) };
    });
    withAngle.sort((a, b) => a.angle - b.angle || a.dist - b.dist);

    const managerCount = Math.max(1, Math.round(county.retailers / 300));
    const managers: string[] = [];
    for (let m = 0; m < managerCount; m++) {
      const id = `stf_${county.code}_am${String(m + 1).padStart(2, '0')}`;
      managers.push(id);
      const home = withAngle[Math.floor(((m + 0.5) * withAngle.length) / managerCount)]!.p;
      accountManagers.push({
        id,
        company_id: county.cityCode,
        unit_code: county.code,
        name: personName(rng),
        position: 'account_manager',
        phone: mobile(rng),
        home_address: address(rng, county.name, true),
        home_lon: home[0] + rng.normal() * 0.01,
        home_lat: home[1] + rng.normal() * 0.01,
        skills: JSON.stringify(['marketing']),
        active: 1,
        created_at: seedInstant,
      });
    }
    const lineCount = Math.max(1, Math.round(county.retailers / 100));
    for (let l = 0; l < lineCount; l++) {
      lines.push({
        id: `dln_${county.code}_${String(l + 1).padStart(3, '0')}`,
        company_id: county.cityCode,
        logistics_code: `LC${county.cityCode}`,
        county_code: county.code,
        name: `${county.name}${String(l + 1).padStart(2, '0')}线`,
        delivery_day: 2 + (l % 5),
      });
    }
    const firstLine = lines.length - lineCount;
    // A separate stream, so that adding these attributes left every other seeded value unchanged.
    const visitRng = createRng(seed * 1_000_033 + Number(county.code) + 9);
    const deptCount = marketingDeptCount(county.retailers);
    withAngle.forEach(({ p, dist }, i) => {
      const urban = dist < 0.045 || county.name.endsWith('区');
      const businessType = businessTypes[rng.weighted(businessWeights)]!;
      const holder = personName(rng);
      const lineIndex = Math.min(lineCount - 1, Math.floor((i * lineCount) / withAngle.length));
      const line = lines[firstLine + lineIndex]!;
      const grade = gradeOf(rng, businessType, urban);
      const serial = String(i + 1).padStart(6, '0');
      const licenceNo = `${county.code}${serial}`;
      const statusRoll = rng.next();
      const serviceState = serviceStateOf(rng);
      retailers.push({
        id: `rtl_${licenceNo}`,
        company_id: county.cityCode,
        licence_no: licenceNo,
        name: shopName(rng, businessType, holder),
        holder,
        phone: mobile(rng),
        address: address(rng, county.name, urban),
        lon: Math.round(p[0] * 1e6) / 1e6,
        lat: Math.round(p[1] * 1e6) / 1e6,
        city_code: county.cityCode,
        county_code: county.code,
        market_type: (urban ? 'urban' : 'rural') as MarketType,
        business_type: businessType,
        credit_rating: creditRatings[rng.weighted(creditWeights)] as CreditRating,
        grade,
        account_manager_id:
          managers[Math.min(managerCount - 1, Math.floor((i * managerCount) / withAngle.length))]!,
        delivery_line_id: line.id,
        order_day: line.delivery_day - 1,
        service_state: serviceState,
        service_state_reason: serviceState === 'open' ? null : serviceStateReasons[serviceState],
        service_state_at: serviceState === 'open' ? null : seedInstant,
        status: statusRoll < 0.975 ? 'active' : statusRoll < 0.993 ? 'suspended' : 'closed',
        licence_valid_until: `${rng.int(2022, 2027)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        weekly_volume: Math.max(1, Math.round(grade * 1.6 + rng.next() * 6)),
        marketing_dept: `${county.code}YX${1 + Math.min(deptCount - 1, Math.floor((i * deptCount) / withAngle.length))}`,
        visit_cycle: !urban && visitRng.next() < biweeklyRuralShare ? 'biweekly' : 'weekly',
        created_at: seedInstant,
        updated_at: seedInstant,
      });
    });
    onCounty?.(countyIndex + 1, plans.length);
  });
  return { retailers, lines, accountManagers };
}
