import { z } from 'zod';
import { pageOf, pageQuery } from './common';

/** 价类 by tax-exclusive allocation price per 条 (docs/architecture.md#units-and-prices). */
export const priceClasses = [1, 2, 3, 4, 5] as const;

export const product = z.object({
  code: z.string(),
  name: z.string(),
  brand: z.string(),
  manufacturer: z.string(),
  priceClass: z.number().int().min(1).max(5),
  allocationPriceFen: z.number().int(),
  wholesalePriceFen: z.number().int(),
  retailPriceFen: z.number().int(),
  cartonsPerCase: z.number().int(),
});
export type Product = z.infer<typeof product>;

export const listProductsQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional(),
  priceClass: z.coerce.number().int().min(1).max(5).optional(),
  lang: z.string().max(8).optional(),
});

export const listProductsResponse = pageOf(product);
