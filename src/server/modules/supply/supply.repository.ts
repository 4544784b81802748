import type { Insertable, Kysely } from 'kysely';
import type { ProductsTable, SupplyTables } from './supply.tables';

export interface ProductFilter {
  q?: string | undefined;
  priceClass?: number | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Kysely<SupplyTables>, f: Omit<ProductFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('products').where('active', '=', 1);
  if (f.priceClass) q = q.where('price_class', '=', f.priceClass);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'like', pattern),
        eb('brand', 'like', pattern),
        eb('code', 'like', pattern),
      ]),
    );
  }
  return q;
}

export async function findProducts(db: Kysely<SupplyTables>, f: ProductFilter) {
  return filtered(db, f)
    .selectAll()
    .orderBy('price_class')
    .orderBy('code')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countProducts(
  db: Kysely<SupplyTables>,
  f: Omit<ProductFilter, 'limit' | 'offset'>,
) {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertProducts(db: Kysely<SupplyTables>, rows: Insertable<ProductsTable>[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('products')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function findProductByCode(db: Kysely<SupplyTables>, code: string) {
  return db.selectFrom('products').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findAllProducts(db: Kysely<SupplyTables>, activeOnly: boolean) {
  let q = db.selectFrom('products').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('price_class').orderBy('code').execute();
}

export async function upsertProduct(db: Kysely<SupplyTables>, row: Insertable<ProductsTable>) {
  const existing = await findProductByCode(db, row.code);
  if (existing) {
    const { code, created_at: _created, ...rest } = row;
    await db.updateTable('products').set(rest).where('code', '=', code).execute();
  } else await db.insertInto('products').values(row).execute();
}
