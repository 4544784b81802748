import fs from 'node:fs';
import path from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import type { HealthCode, Symptom, VolunteerType, WorkMode } from '../../../contracts/workforce';
import { volunteerTypes } from '../../../contracts/workforce';
import { createRegionLocator, loadRegions, provinceCode, unitPath } from '../../../engines/geo';
import type { SeededOrg } from '../../modules/org';
import {
  addDays,
  healthAlarmOf,
  seedWorkforceHistory,
  shanghaiDate,
  shiftWindow,
  type WorkforceSeedSummary,
  type WorkforceTables,
} from '../../modules/workforce';
import type { DemoScale, StaffSeed } from './province';

type Row<T extends keyof WorkforceTables> = Insertable<WorkforceTables[T]>;

/** Days of report history per scale: the tiny demo serves the tests and must stay quick. */
const historyDays: Record<DemoScale, number> = { tiny: 3, small: 30, full: 60 };

const logisticsPositions = new Set(['dispatcher', 'warehouse_keeper', 'sorter', 'driver']);

/** A stable number in [0, 1) from text (FNV-1a), so a seed gives the same history every time. */
function unit01(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

function smoothstep(x: number): number {
  const t = Math.min(1, Math.max(0, x));
  return t * t * (3 - 2 * t);
}

/**
 * Spring 2022 in Shanxi: absence rises from a few per cent to a plateau over the first two thirds
 * of the window. The provincial and Taiyuan offices work mostly from home; the rest of Taiyuan is
 * hit harder than the other cities; province-wide about 32 % cannot work on site at the plateau.
 */
function peakOf(unitCode: string, cityCode: string | null): number {
  if (unitCode === provinceCode || unitCode === '140100') return 0.85;
  if (cityCode === '140100') return 0.52;
  return 0.33;
}

export interface WorkforceDemoInput {
  org: SeededOrg;
  staff: StaffSeed[];
  scale: DemoScale;
  seed: number;
  dataDir: string;
  /** The demo's today; the history ends on it. */
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Generates and writes the workforce demo: the registry from the seeded staff, weeks of daily
 * reports in the spring-2022 pattern (today partly reported), a 24-hour roster per logistics
 * centre and city office for the coming week, travel requests and volunteer service.
 */
export async function seedWorkforceDemo(
  db: Kysely<any>,
  input: WorkforceDemoInput,
): Promise<WorkforceSeedSummary> {
  const { org, staff, seed } = input;
  const today = shanghaiDate(input.now);
  const days = historyDays[input.scale];
  const first = addDays(today, -(days - 1));
  const cityOf = new Map<string, string | null>([[provinceCode, null]]);
  for (const c of org.cities) cityOf.set(c.code, c.code);
  for (const lc of org.logisticsCentres) cityOf.set(lc.code, lc.cityCode);
  for (const k of org.counties) cityOf.set(k.code, k.cityCode);
  const pathOf = (code: string) => unitPath(code, cityOf.get(code) ?? null);
  const countyName = new Map(org.counties.map((k) => [k.code, k.name]));
  const shapes = loadRegions(
    JSON.parse(fs.readFileSync(path.join(input.dataDir, 'geo/shanxi-counties.geojson'), 'utf8')),
  );
  const locator = createRegionLocator(shapes);

  const nowIso = input.now.toISOString();
  const members: Row<'workforce_members'>[] = staff.map((s) => ({
    staff_id: s.id,
    company_id: s.company_id,
    unit_code: s.unit_code,
    unit_path: pathOf(s.unit_code),
    name: s.name,
    position: s.position,
    phone: s.phone,
    home_address: s.home_address,
    home_lon: s.home_lon,
    home_lat: s.home_lat,
    home_county_code:
      (s.home_lon !== null && s.home_lat !== null
        ? locator.locate(s.home_lon, s.home_lat)?.code
        : null) ?? (countyName.has(s.unit_code) ? s.unit_code : null),
    skills: s.skills,
    active: s.active,
    updated_at: nowIso,
  }));
  const memberById = new Map(members.map((m) => [m.staff_id, m]));

  const volunteerRows: Row<'volunteer_logs'>[] = [];
  const total = days * staff.length;

  function* batches(): Generator<Row<'health_reports'>[]> {
    for (let d = 0; d < days; d++) {
      const date = addDays(first, d);
      const phase = days === 1 ? 1 : d / (days - 1);
      const intensity = smoothstep(phase / 0.65);
      const isToday = date === today;
      const rows: Row<'health_reports'>[] = [];
      for (const s of staff) {
        const m = memberById.get(s.id)!;
        const missingRoll = unit01(`${s.id}|${date}|m`, seed);
        if (missingRoll < (isToday ? 0.08 : 0.01)) continue;
        const city = cityOf.get(s.unit_code) ?? null;
        const p = 0.04 + (peakOf(s.unit_code, city) - 0.04) * intensity;
        const away = unit01(s.id, seed) < p;
        const logistics = logisticsPositions.has(s.position);
        const week = Math.floor(d / 7);
        let mode: WorkMode;
        if (away) {
          const pick = unit01(`${s.id}|${week}`, seed + 1);
          if ((s.unit_code === provinceCode || s.unit_code === '140100') && pick < 0.85) {
            mode = 'home_office';
          } else if (pick < 0.42) mode = 'sealed_at_home';
          else if (pick < 0.62) mode = logistics ? 'quarantined' : 'home_office';
          else if (pick < 0.78) mode = 'quarantined';
          else if (pick < 0.9) mode = 'leave';
          else mode = 'volunteering';
        } else {
          const dutyRoll = unit01(`${s.id}|${date}|d`, seed + 2);
          mode =
            (s.position === 'dispatcher' || s.position === 'warehouse_keeper') && dutyRoll < 0.5
              ? 'on_duty'
              : 'on_site';
        }
        // Suspicions and one positive case sit early in the window, so the 双零 board counts
        // a streak of clean days up to today.
        const early = phase < 0.3;
        const riskRoll = unit01(`${s.id}|${date}|r`, seed + 3);
        let healthCode: HealthCode = 'green';
        let temperatureDc = 362 + Math.floor(unit01(`${s.id}|${date}|t`, seed) * 7);
        const symptoms: Symptom[] = [];
        let testResult: 'negative' | 'positive' = 'negative';
        if (mode === 'sealed_at_home' || mode === 'quarantined') {
          if (riskRoll < 0.04) healthCode = 'yellow';
          if (early && riskRoll < 0.003) healthCode = 'red';
        }
        if (early && riskRoll > 0.9993) {
          temperatureDc = 378;
          symptoms.push('fever', 'cough');
        }
        if (early && d === 1 && riskRoll > 0.99985) testResult = 'positive';
        const testDate = addDays(date, -Math.floor(unit01(`${s.id}|${date}|x`, seed) * 3));
        const home = m.home_county_code ? countyName.get(m.home_county_code) : undefined;
        const facts = {
          healthCode,
          temperatureDc,
          testKind: 'pcr' as const,
          testDate,
          testResult,
          symptoms,
        };
        rows.push({
          id: `hr_${date.replace(/-/g, '')}_${s.id}`,
          company_id: s.company_id,
          staff_id: s.id,
          unit_code: s.unit_code,
          unit_path: m.unit_path,
          report_date: date,
          // Between 08:30 and 10:30 Shanghai time, but never after the seed's clock: just after
          // midnight, today's demo reports must not outrank a report the user files now.
          submitted_at: new Date(
            Math.min(
              Date.parse(`${date}T00:30:00Z`) + riskRoll * 7_200_000,
              Date.parse(nowIso) - 60_000,
            ),
          ).toISOString(),
          submitted_by: null,
          on_behalf: 0,
          location: mode === 'on_site' || mode === 'on_duty' ? '单位' : (home ?? '家中'),
          health_code: healthCode,
          temperature_dc: temperatureDc,
          test_kind: 'pcr',
          test_date: testDate,
          test_result: testResult,
          symptoms: JSON.stringify(symptoms),
          work_mode: mode,
          proposed_mode: null,
          note: null,
          alarm: healthAlarmOf(facts),
          is_current: 1,
        });
        if (mode === 'volunteering' && unit01(`${s.id}|${date}|v`, seed) < 0.6) {
          const type: VolunteerType =
            volunteerTypes[Math.floor(unit01(`${s.id}|${week}|vt`, seed) * volunteerTypes.length)]!;
          volunteerRows.push({
            id: `vol_${date.replace(/-/g, '')}_${s.id}`,
            company_id: s.company_id,
            staff_id: s.id,
            unit_code: s.unit_code,
            unit_path: m.unit_path,
            community: `${home ?? '本地'}${['幸福', '和平', '建设', '解放', '迎泽'][Math.floor(riskRoll * 5)]}社区`,
            service_date: date,
            minutes: 120 + 30 * Math.floor(unit01(`${s.id}|${date}|h`, seed) * 12),
            service_type: type,
            note: null,
            photo_path: null,
            created_by: null,
            created_at: nowIso,
          });
        }
      }
      input.onProgress?.((d + 1) * staff.length, total);
      yield rows;
    }
  }

  // Rosters for the coming week: three 8-hour shifts a day at each logistics centre, and a
  // 24-hour 值守 at each city company's office.
  const shifts: Row<'duty_shifts'>[] = [];
  const assignments: Row<'duty_assignments'>[] = [];
  const byUnit = new Map<string, StaffSeed[]>();
  for (const s of staff) {
    const list = byUnit.get(s.unit_code) ?? [];
    list.push(s);
    byUnit.set(s.unit_code, list);
  }
  const plan = (
    unitCode: string,
    companyId: string,
    label: string,
    start: string,
    end: string,
    minHeadcount: number,
    requiredSkills: string[],
    pool: StaffSeed[],
    perShift: number,
    offset: number,
  ) => {
    if (pool.length === 0) return;
    for (let d = 0; d < 7; d++) {
      const date = addDays(today, d);
      const { startsAt, endsAt } = shiftWindow(date, start, end);
      const id = `sft_${unitCode}_${date.replace(/-/g, '')}_${start.replace(':', '')}`;
      shifts.push({
        id,
        company_id: companyId,
        unit_code: unitCode,
        unit_path: pathOf(unitCode),
        shift_date: date,
        label,
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
        min_headcount: minHeadcount,
        required_skills: JSON.stringify(requiredSkills),
        created_by: null,
        created_at: nowIso,
      });
      for (let k = 0; k < Math.min(perShift, pool.length); k++) {
        const person = pool[(d * perShift + k + offset) % pool.length]!;
        assignments.push({
          id: `asg_${id.slice(4)}_${k}`,
          company_id: companyId,
          shift_id: id,
          staff_id: person.id,
          status: 'active',
          replaced_by: null,
          assigned_by: null,
          assigned_at: nowIso,
        });
      }
    }
  };
  for (const lc of org.logisticsCentres) {
    const people = byUnit.get(lc.code) ?? [];
    const dispatchers = people.filter((s) => s.position === 'dispatcher');
    const receivers = people.filter((s) => s.position === 'warehouse_keeper');
    const crew = [...dispatchers, ...receivers];
    plan(lc.code, lc.cityCode, '白班', '08:00', '16:00', 3, ['dispatch', 'receiving'], crew, 3, 0);
    plan(lc.code, lc.cityCode, '中班', '16:00', '00:00', 2, ['receiving'], receivers, 2, 1);
    plan(lc.code, lc.cityCode, '夜班', '00:00', '08:00', 2, ['receiving'], receivers, 2, 3);
  }
  for (const city of org.cities) {
    const managers = (byUnit.get(city.code) ?? []).filter(
      (s) => s.position === 'manager' || s.position === 'clerk',
    );
    plan(city.code, city.code, '24小时值守', '08:00', '08:00', 2, ['management'], managers, 2, 0);
  }

  // Travel: about one request per 150 staff, mostly decided; a few approved trips cover today.
  const travel: Row<'travel_requests'>[] = [];
  const destinations = ['北京市', '石家庄市', '西安市', '郑州市', '呼和浩特市', '大同市', '运城市'];
  staff.forEach((s, i) => {
    if (unit01(`${s.id}|trv`, seed) > 1 / 150) return;
    const roll = unit01(`${s.id}|trv2`, seed);
    const depart = addDays(today, Math.floor(roll * 20) - 12);
    const status = roll < 0.2 ? 'pending' : roll < 0.8 ? 'approved' : 'refused';
    const outOfProvince = roll < 0.6;
    travel.push({
      id: `trv_demo_${i}`,
      company_id: s.company_id,
      staff_id: s.id,
      unit_code: s.unit_code,
      unit_path: pathOf(s.unit_code),
      destination: destinations[Math.floor(roll * destinations.length)]!,
      scope: outOfProvince ? 'out_of_province' : 'out_of_city',
      purpose: roll < 0.5 ? '家属就医' : '业务协调',
      essential: roll < 0.7 ? 1 : 0,
      depart_on: depart,
      return_on: addDays(depart, 2 + Math.floor(roll * 6)),
      status,
      decided_by: status === 'pending' ? null : 'usr_taiyuan',
      decided_at: status === 'pending' ? null : nowIso,
      decision_reason: status === 'refused' ? '非必要不出行' : null,
      created_at: nowIso,
    });
  });

  return seedWorkforceHistory(db, {
    members,
    reportBatches: batches(),
    shifts,
    assignments,
    travel,
    volunteer: () => volunteerRows,
  });
}
