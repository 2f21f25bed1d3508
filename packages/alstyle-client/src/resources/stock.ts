import type { AlStyleClient } from '../client-types.js';
import { ENDPOINTS } from '../endpoints.js';
import { MAX_ARTICLES_PER_STOCK_REQUEST } from '../options.js';
import type { Quantity } from '../quantity.js';
import { quantitySchema } from '../schemas/product.js';
import {
  type AlStyleStockAndPrice,
  normaliseStockAndPrice,
  quantityPriceEntrySchema,
} from '../schemas/stock.js';
import { call, chunk, collectKeyed, type ResourceContext } from './context.js';

/** Stock and prices: `quantity` and `quantity-price`, batched at the documented 1000 articles. */
export function stockResource(ctx: ResourceContext) {
  const batchesOf = (articles: readonly number[] | undefined): (number[] | undefined)[] =>
    articles === undefined ? [undefined] : chunk(articles, MAX_ARTICLES_PER_STOCK_REQUEST);
  return {
    async getQuantity(opts = {}) {
      const endpoint = ENDPOINTS.quantity;
      const out = new Map<number, Quantity>();
      for (const batch of batchesOf(opts.articles)) {
        const keyed = await call(ctx, endpoint, opts, { article: batch });
        collectKeyed(ctx, endpoint.path, keyed, quantitySchema, (_article, q) => q, out);
      }
      return out;
    },
    async getStockAndPrices(opts = {}) {
      const endpoint = ENDPOINTS.quantityPrice;
      const out = new Map<number, AlStyleStockAndPrice>();
      for (const batch of batchesOf(opts.articles)) {
        const keyed = await call(ctx, endpoint, opts, {
          article: batch,
          exclude_missing: opts.excludeMissing,
          brand: opts.brand,
        });
        const entry = quantityPriceEntrySchema;
        collectKeyed(ctx, endpoint.path, keyed, entry, normaliseStockAndPrice, out);
      }
      return out;
    },
  } satisfies Partial<AlStyleClient>;
}
