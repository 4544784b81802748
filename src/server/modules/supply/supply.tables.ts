export interface ProductsTable {
  code: string;
  company_id: string;
  name: string;
  brand: string;
  manufacturer: string;
  price_class: number;
  allocation_price_fen: number;
  wholesale_price_fen: number;
  retail_price_fen: number;
  cartons_per_case: number;
  barcode: string | null;
  active: number;
  created_at: string;
}

export interface SupplyTables {
  products: ProductsTable;
}
