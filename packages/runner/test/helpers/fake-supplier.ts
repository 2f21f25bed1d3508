import type { StockAndPrice, Supplier, SupplierProduct } from '../../src/supplier/supplier.js';

/** An in-memory supplier whose catalogue tests change between syncs. */
export class FakeSupplier implements Supplier {
  readonly id: string;
  products: SupplierProduct[];
  fail: Error | undefined;
  catalogueCalls = 0;
  snapshotCalls = 0;

  constructor(products: SupplierProduct[], id = 'alstyle') {
    this.id = id;
    this.products = products;
  }

  async *iterateCatalogue(): AsyncIterable<SupplierProduct> {
    this.catalogueCalls++;
    if (this.fail !== undefined) throw this.fail;
    yield* this.products;
  }

  async getStockAndPrices(): Promise<ReadonlyMap<string, StockAndPrice>> {
    this.snapshotCalls++;
    if (this.fail !== undefined) throw this.fail;
    return new Map(this.products.map((p) => [p.key, { prices: p.prices, stock: p.stock }]));
  }
}

export function makeProducts(count: number, supplier = 'alstyle'): SupplierProduct[] {
  return Array.from({ length: count }, (_, i) => ({
    supplier,
    key: String(1000 + i),
    name: `Product ${i}`,
    brand: 'Brand',
    category: '10',
    prices: { dealer: 1000 + i, retail: 1500 + i },
    stock: { min: 5, exact: true },
  }));
}
