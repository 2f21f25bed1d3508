import type { AlStyleClient } from '../client-types.js';
import { toAlStyleDate } from '../dates.js';
import { ENDPOINTS } from '../endpoints.js';
import { call, type ResourceContext } from './context.js';

/** The shared cart: add, remove, get, clear, submit. Prefer `createOrder`, which locks it. */
export function cartResource(ctx: ResourceContext) {
  return {
    async addToCart(items, opts = {}) {
      if (items.length === 0) throw new TypeError('addToCart needs at least one item');
      for (const item of items) {
        if (!Number.isInteger(item.quantity) || item.quantity < 1) {
          throw new TypeError(`addToCart: quantity of ${item.article} must be a positive integer`);
        }
      }
      await call(ctx, ENDPOINTS.cartAdd, opts, {
        add: items.map((i) => i.article),
        quantity: items.map((i) => i.quantity),
      });
    },
    async removeFromCart(article, opts = {}) {
      await call(ctx, ENDPOINTS.cartRemove, opts, { item: article });
    },
    getCart: (opts = {}) => call(ctx, ENDPOINTS.cartGet, opts),
    async clearCart(opts = {}) {
      await call(ctx, ENDPOINTS.cartClear, opts);
    },
    async submitCart(input, opts = {}) {
      const answer = await call(ctx, ENDPOINTS.cartSubmit, opts, {
        shipping_date: toAlStyleDate(input.shippingDate),
        attorney_json: JSON.stringify(input.attorney),
        delivery_json: JSON.stringify(input.delivery),
        external_id: input.externalId,
        comments: input.comments,
        consignment: input.consignment,
        without_docs: input.withoutDocs,
        bin: input.bin,
      });
      return answer.data.id;
    },
  } satisfies Partial<AlStyleClient>;
}
