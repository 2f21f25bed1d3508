import { paginate } from '@kaspi-connect/http-kit';
import type { AlStyleClient, AlStyleOrderListPage, OrderFilter } from '../client-types.js';
import { toAlStyleDate } from '../dates.js';
import { ENDPOINTS } from '../endpoints.js';
import { call, type ResourceContext } from './context.js';

/**
 * The shared cart (add, remove, get, clear, submit; prefer `createOrder`, which locks it) and
 * orders (list, read, cancel, confirm with a consignment note, attach a file).
 */
export function ordersResource(ctx: ResourceContext) {
  const listOrders: AlStyleClient['listOrders'] = (opts = {}) =>
    call(ctx, ENDPOINTS.orders, opts, {
      type: opts.type,
      page: opts.page,
      date_from: opts.dateFrom === undefined ? undefined : toAlStyleDate(opts.dateFrom),
      date_to: opts.dateTo === undefined ? undefined : toAlStyleDate(opts.dateTo),
    });
  const orderPage = async (
    opts: OrderFilter,
    page: number,
    pageNumber: number,
  ): Promise<AlStyleOrderListPage> => {
    const result = await listOrders({ ...opts, page });
    const last = result.orders.length === 0 || page >= result.totalPages;
    return { ...result, pageNumber, items: result.orders, total: result.totalCount, last };
  };
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
    listOrders,
    // Al-Style numbers pages from 1.
    iterateOrders: (opts = {}) =>
      paginate({
        first: 1,
        load: (page: number, pageNumber) => orderPage(opts, page, pageNumber),
        next: (page, number) => (page.last ? undefined : number + 1),
      }),
    getOrder: (id, opts = {}) => call(ctx, ENDPOINTS.order, opts, { id }),
    async cancelOrder(id, opts = {}) {
      await call(ctx, ENDPOINTS.cartCancel, opts, { order: id });
    },
    async confirmOrder(input, opts = {}) {
      const answer = await call(ctx, ENDPOINTS.orderConfirm, opts, {
        id: input.id,
        date_delivery: toAlStyleDate(input.deliveryDate),
        attorney_json: JSON.stringify(input.attorney),
        delivery_json: JSON.stringify(input.delivery),
        without_docs: input.withoutDocs,
        comments: input.comments,
      });
      return answer.data.id;
    },
    async uploadOrderFile(input, opts = {}) {
      const form = new FormData();
      form.set('file', input.file, input.fileName ?? `order-${input.order}.pdf`);
      const answer = await call(
        ctx,
        ENDPOINTS.orderFiles,
        opts,
        { order: input.order, index: input.index },
        form,
      );
      return answer.file_name ?? null;
    },
  } satisfies Partial<AlStyleClient>;
}
