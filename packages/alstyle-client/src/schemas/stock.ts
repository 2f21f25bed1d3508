import * as v from 'valibot';
import { isPlaceholderPrice, normalisePrice } from '../price.js';
import type { Quantity } from '../quantity.js';
import { quantitySchema } from './product.js';

/** Stock and prices of one product (`/api/quantity-price`). */
export interface AlStyleStockAndPrice {
  readonly article: number;
  readonly quantity: Quantity;
  /** Dealer price; `null` = price on request. */
  readonly dealerPrice: number | null;
  /** Retail price; `null` when the API sent ≤ 1. */
  readonly retailPrice: number | null;
  /** Price with the authorised discount, when given. */
  readonly discountPrice: number | null;
  /** Discount percent, when given. */
  readonly discount: number | null;
  /** Warehouse code (see `getWarehouses`). */
  readonly warehouse: string | null;
  readonly priceOnRequest: boolean;
  readonly placeholderPrice: boolean;
}

/** An article key of a keyed response: digits only. */
export const articleKeySchema = v.pipe(
  v.string(),
  v.regex(/^\d+$/, 'article key must be digits'),
  v.transform(Number),
);

/** The object keyed by article, optionally wrapped in `{data: …}` (seen once). */
export const keyedResponseSchema = v.union([
  v.pipe(
    v.object({ data: v.record(v.string(), v.unknown()) }),
    v.transform((r) => r.data),
  ),
  v.record(v.string(), v.unknown()),
]);

/** One `/api/quantity-price` entry. */
export const quantityPriceEntrySchema = v.looseObject({
  quantity: quantitySchema,
  price1: v.number(),
  price2: v.number(),
  discountPrice: v.nullish(v.number()),
  discount: v.nullish(v.number()),
  warehouse: v.nullish(v.string()),
});

/** Normalises a validated entry. */
export function normaliseStockAndPrice(
  article: number,
  entry: v.InferOutput<typeof quantityPriceEntrySchema>,
): AlStyleStockAndPrice {
  return {
    article,
    quantity: entry.quantity,
    dealerPrice: normalisePrice(entry.price1),
    retailPrice: normalisePrice(entry.price2),
    discountPrice: entry.discountPrice ?? null,
    discount: entry.discount ?? null,
    warehouse: entry.warehouse ?? null,
    priceOnRequest: entry.price1 <= 1,
    placeholderPrice: isPlaceholderPrice(entry.price1) || isPlaceholderPrice(entry.price2),
  };
}
