import type { Kysely } from 'kysely';
import { isOrgSeeded, seedOrg } from '../modules/org';

/**
 * A real deployment (TONGXIN_DEMO=off) starts without demo data but still needs the province's
 * divisions and org tree, which ship with the product as reference data.
 */
export async function seedOrgIfEmpty(db: Kysely<any>): Promise<boolean> {
  if (await isOrgSeeded(db)) return false;
  await db.transaction().execute(async (trx) => {
    await seedOrg(trx);
  });
  return true;
}
