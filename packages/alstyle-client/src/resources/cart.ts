import type { AlStyleClient } from '../client-types.js';
import { toAlStyleDate } from '../dates.js';
import { ENDPOINTS, type QueryOf } from '../endpoints.js';
import { call, defined, type ResourceContext } from './context.js';

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
      const query = {
        add: items.map((i) => i.article),
        quantity: items.map((i) => i.quantity),
      } satisfies QueryOf<'/cart-api/add'>;
      await call(ctx, ENDPOINTS.cartAdd, opts, { query });
    },
    async removeFromCart(article, opts = {}) {
      const query = { item: article } satisfies QueryOf<'/cart-api/remove'>;
      await call(ctx, ENDPOINTS.cartRemove, opts, { query });
    },
    getCart: (opts = {}) => call(ctx, ENDPOINTS.cartGet, opts),
    async clearCart(opts = {}) {
      await call(ctx, ENDPOINTS.cartClear, opts);
    },
    async submitCart(input, opts = {}) {
      const query = defined({
        shipping_date: toAlStyleDate(input.shippingDate),
        attorney_json: JSON.stringify(input.attorney),
        delivery_json: JSON.stringify(input.delivery),
        external_id: input.externalId,
        comments: input.comments,
        consignment: input.consignment,
        without_docs: input.withoutDocs,
        bin: input.bin,
      }) satisfies QueryOf<'/cart-api/submit'>;
      return (await call(ctx, ENDPOINTS.cartSubmit, opts, { query })).data.id;
    },
  } satisfies Partial<AlStyleClient>;
}
