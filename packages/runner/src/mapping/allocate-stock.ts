import type { StockConfig } from '../config/schema.js';
import type { SupplierStock } from '../supplier/supplier.js';

/** Stock and availability published for one store. */
export interface StoreStock {
  readonly storeId: string;
  readonly stockCount: number;
  readonly available: boolean;
}

/**
 * Spreads one product's supplier stock over the configured stores. Kaspi adds up the stock of
 * every point, so the published total never exceeds what the supplier guarantees: `first` puts
 * it all at the first store (the others unavailable), `split` divides it (remainder to the first
 * stores), `warehouses` uses the supplier's per-warehouse stock and falls back to `first` when a
 * product has none.
 */
export function allocateStock(
  stock: SupplierStock,
  stores: readonly { readonly id: string }[],
  config: StockConfig,
): StoreStock[] {
  const supplierTotal = Math.max(0, Math.floor(stock.min));
  const total = Math.min(supplierTotal, config.cap);
  let counts: number[];
  if (config.allocation === 'split' && stores.length > 0) {
    const base = Math.floor(total / stores.length);
    const remainder = total % stores.length;
    counts = stores.map((_, index) => base + (index < remainder ? 1 : 0));
  } else if (
    config.allocation === 'warehouses' &&
    stock.byWarehouse !== undefined &&
    config.warehouses !== undefined
  ) {
    counts = byWarehouse(stock.byWarehouse, stores, config, supplierTotal);
  } else {
    counts = stores.map((_, index) => (index === 0 ? total : 0));
  }
  return stores.map((store, index) => {
    const stockCount = counts[index] ?? 0;
    return {
      storeId: store.id,
      stockCount,
      available: stockCount > 0 && stockCount >= config.minAvailable,
    };
  });
}

/** Each store's warehouses summed and capped; the running total never passes the supplier's. */
function byWarehouse(
  warehouses: Readonly<Record<string, SupplierStock>>,
  stores: readonly { readonly id: string }[],
  config: StockConfig,
  supplierTotal: number,
): number[] {
  let remaining = supplierTotal;
  return stores.map((store) => {
    const codes = config.warehouses?.[store.id] ?? [];
    const sum = codes.reduce(
      (acc, code) => acc + Math.max(0, Math.floor(warehouses[code]?.min ?? 0)),
      0,
    );
    const count = Math.min(sum, config.cap, remaining);
    remaining -= count;
    return count;
  });
}
