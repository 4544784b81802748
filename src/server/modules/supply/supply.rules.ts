/**
 * 价类 (price class) from the tax-exclusive allocation price per 条, in fen (docs/architecture.md#units-and-prices): 一类 ≥ 100 元, 二类 70–100, 三类 30–70, 四类 16.5–30, 五类 < 16.5.
 */
export function priceClassOf(allocationPriceFen: number): 1 | 2 | 3 | 4 | 5 {
  if (allocationPriceFen >= 10_000) return 1;
  if (allocationPriceFen >= 7_000) return 2;
  if (allocationPriceFen >= 3_000) return 3;
  if (allocationPriceFen >= 1_650) return 4;
  return 5;
}

/** Units (docs/architecture.md#units-and-prices): 1 箱 = 250 条, 1 件 = 50 条. */
export const cartonsPerBox = 250;
export const cartonsPerCase = 50;
