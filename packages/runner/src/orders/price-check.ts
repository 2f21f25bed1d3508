import type { StockAndPrice } from '../supplier/supplier.js';
import type { OrderRecord } from './order-record.js';

/**
 * The price check of the decision: what the buyer pays on Kaspi against the supplier's current
 * dealer price plus `minMarginPercent`. Returns why the order is below cost (or cannot be shown
 * not to be), or `undefined` when it pays enough. Kaspi's commission is not part of it.
 */
export function belowCost(
  order: OrderRecord,
  prices: ReadonlyMap<string, StockAndPrice | undefined>,
  minMarginPercent: number,
): string | undefined {
  let revenue = 0;
  let cost = 0;
  for (const line of order.lines) {
    const entry = prices.get(line.productKey as string);
    const dealer = entry?.prices.dealer;
    if (entry?.prices.priceOnRequest === true || entry?.prices.placeholderPrice === true) {
      return `the supplier's dealer price of ${line.productKey} is not a real price`;
    }
    if (dealer === undefined) return `no current dealer price for ${line.productKey}`;
    if (line.unitPrice === undefined) return `Kaspi sent no price for ${line.sku}`;
    revenue += line.unitPrice * line.quantity;
    cost += dealer * line.quantity;
  }
  const floor = Math.ceil(cost * (1 + minMarginPercent / 100));
  if (revenue >= floor) return undefined;
  return `the buyer pays ${revenue} KZT, below dealer cost ${cost} KZT + ${minMarginPercent}% = ${floor} KZT`;
}
