import type { StockConfig } from '../config/schema.js';
import type { SupplierStock } from '../supplier/supplier.js';

/** Stock and availability as published for every store. */
export interface PublishedStock {
  readonly stockCount: number;
  readonly available: boolean;
}

/**
 * Published stock: the supplier's guaranteed minimum (never an invented number for `">50"`),
 * capped; below `minAvailable` the offer is shown as unavailable with its real count.
 */
export function mapStock(stock: SupplierStock, config: StockConfig): PublishedStock {
  const stockCount = Math.min(Math.max(0, Math.floor(stock.min)), config.cap);
  return { stockCount, available: stockCount >= config.minAvailable && stockCount > 0 };
}
