import { createRng, provinceCode } from '../../../engines/geo';
import type { SeededOrg } from '../../modules/org';
import { address, mobile, personName } from './names';
import { seedInstant, type DemoScale, type StaffSeed } from './province';

interface PositionMix {
  position: string;
  count: number;
  skills: string[];
}

// Head-counts per unit kind; the full scale carries the whole company (~8,000 people).
function mixFor(
  level: 'province' | 'city' | 'county' | 'logistics',
  scale: DemoScale,
): PositionMix[] {
  const f = scale === 'full' ? 1 : 0.25;
  const n = (count: number) => Math.max(1, Math.round(count * f));
  switch (level) {
    case 'province':
      return [
        { position: 'manager', count: n(30), skills: ['management'] },
        { position: 'analyst', count: n(40), skills: ['marketing', 'it'] },
        { position: 'clerk', count: n(60), skills: ['office'] },
        { position: 'epidemic_officer', count: n(5), skills: ['health'] },
        { position: 'it', count: n(15), skills: ['it'] },
      ];
    case 'city':
      return [
        { position: 'manager', count: n(15), skills: ['management'] },
        { position: 'planner', count: n(20), skills: ['marketing'] },
        { position: 'clerk', count: n(40), skills: ['office'] },
        { position: 'licence_officer', count: n(12), skills: ['licensing'] },
        { position: 'epidemic_officer', count: n(3), skills: ['health'] },
        { position: 'it', count: n(5), skills: ['it'] },
      ];
    case 'county':
      return [
        { position: 'manager', count: n(4), skills: ['management'] },
        { position: 'planner', count: n(4), skills: ['marketing'] },
        { position: 'licence_officer', count: n(8), skills: ['licensing'] },
        { position: 'clerk', count: n(20), skills: ['office'] },
        { position: 'epidemic_officer', count: 1, skills: ['health'] },
      ];
    case 'logistics':
      return [
        { position: 'dispatcher', count: n(8), skills: ['dispatch', 'receiving'] },
        { position: 'warehouse_keeper', count: n(25), skills: ['warehouse', 'receiving'] },
        { position: 'sorter', count: n(40), skills: ['warehouse'] },
        { position: 'driver', count: n(60), skills: ['driver'] },
      ];
  }
}

/** Everyone but the account managers (who are generated with their retailers). */
export function generateStaff(org: SeededOrg, scale: DemoScale, seed: number): StaffSeed[] {
  const rng = createRng(seed * 7 + 11);
  const staff: StaffSeed[] = [];
  const add = (
    unitCode: string,
    companyId: string,
    level: 'province' | 'city' | 'county' | 'logistics',
    home: [number, number],
    placeName: string,
  ) => {
    for (const mix of mixFor(level, scale)) {
      for (let i = 0; i < mix.count; i++) {
        staff.push({
          id: `stf_${unitCode}_${mix.position}${String(i + 1).padStart(3, '0')}`,
          company_id: companyId,
          unit_code: unitCode,
          name: personName(rng),
          position: mix.position,
          phone: mobile(rng),
          home_address: address(rng, placeName, true),
          home_lon: Math.round((home[0] + rng.normal() * 0.03) * 1e6) / 1e6,
          home_lat: Math.round((home[1] + rng.normal() * 0.025) * 1e6) / 1e6,
          skills: JSON.stringify(mix.skills),
          active: 1,
          created_at: seedInstant,
        });
      }
    }
  };
  const taiyuan = org.cities.find((c) => c.code === '140100')!;
  add(provinceCode, provinceCode, 'province', taiyuan.center, '太原市');
  for (const city of org.cities) add(city.code, city.code, 'city', city.center, city.name);
  for (const centre of org.logisticsCentres) {
    const city = org.cities.find((c) => c.code === centre.cityCode)!;
    add(centre.code, centre.cityCode, 'logistics', [centre.lon, centre.lat], city.name);
  }
  for (const county of org.counties)
    add(county.code, county.cityCode, 'county', county.center, county.name);
  return staff;
}
