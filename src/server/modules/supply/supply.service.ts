import type { Kysely } from 'kysely';
import type { Product } from '../../../contracts/products';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import * as repo from './supply.repository';
import type { ProductsTable, SupplyTables } from './supply.tables';

function toProduct(row: ProductsTable): Product {
  return {
    code: row.code,
    name: row.name,
    brand: row.brand,
    manufacturer: row.manufacturer,
    priceClass: row.price_class,
    allocationPriceFen: row.allocation_price_fen,
    wholesalePriceFen: row.wholesale_price_fen,
    retailPriceFen: row.retail_price_fen,
    cartonsPerCase: row.cartons_per_case,
  };
}

/** The brand-spec catalogue is province-wide: every scope sees the same list. */
export async function listProducts(
  ctx: ServiceContext,
  query: {
    q?: string | undefined;
    priceClass?: number | undefined;
    page: number;
    pageSize: number;
  },
) {
  const db = tablesOf<SupplyTables>(ctx.db);
  const filter = { q: query.q, priceClass: query.priceClass };
  const [rows, total] = await Promise.all([
    repo.findProducts(db, {
      ...filter,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.countProducts(db, filter),
  ]);
  return { items: rows.map(toProduct), total, page: query.page, pageSize: query.pageSize };
}

export async function countActiveProducts(db: Kysely<any>) {
  return repo.countProducts(tablesOf<SupplyTables>(db), {});
}

export async function insertProductsInBulk(
  db: Kysely<any>,
  rows: Parameters<typeof repo.insertProducts>[1],
) {
  await repo.insertProducts(tablesOf<SupplyTables>(db), rows);
}
