import type { Migration } from 'kysely';
import * as m0001 from './2026_11_30_0001_platform';
import * as m0002 from './2026_11_30_0002_org';
import * as m0003 from './2026_11_30_0003_identity';
import * as m0004 from './2026_11_30_0004_retail';
import * as m0005 from './2026_11_30_0005_products';
import * as m0006 from './2026_11_30_0006_disruption';
import * as m0007 from './2026_11_30_0007_workforce';
import * as m0008 from './2026_11_30_0008_supply';
import * as m0009 from './2026_11_30_0009_retail_attributes';
import * as m0010 from './2026_11_30_0010_ordering';
import * as m0011 from './2026_12_08_0011_leases';
import * as m0012 from './2026_12_08_0012_login_throttle';

/** The one migration timeline, in order. Append only; landed entries are frozen. */
export const migrations: Record<string, Migration> = {
  '2026_11_30_0001_platform': m0001,
  '2026_11_30_0002_org': m0002,
  '2026_11_30_0003_identity': m0003,
  '2026_11_30_0004_retail': m0004,
  '2026_11_30_0005_products': m0005,
  '2026_11_30_0006_disruption': m0006,
  '2026_11_30_0007_workforce': m0007,
  '2026_11_30_0008_supply': m0008,
  '2026_11_30_0009_retail_attributes': m0009,
  '2026_11_30_0010_ordering': m0010,
  '2026_12_08_0011_leases': m0011,
  '2026_12_08_0012_login_throttle': m0012,
};
