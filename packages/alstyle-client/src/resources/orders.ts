import { paginate } from '@kaspi-connect/http-kit';
import type { AlStyleClient, AlStyleOrderListPage, OrderFilter } from '../client-types.js';
import { toAlStyleDate } from '../dates.js';
import { ENDPOINTS, type QueryOf } from '../endpoints.js';
import { call, defined, type ResourceContext } from './context.js';

/** Orders: list, read, cancel, confirm (consignment note), attach a file. */
export function ordersResource(ctx: ResourceContext) {
  const listOrders: AlStyleClient['listOrders'] = (opts = {}) =>
    call(ctx, ENDPOINTS.orders, opts, {
      query: defined({
        type: opts.type,
        page: opts.page,
        date_from: opts.dateFrom === undefined ? undefined : toAlStyleDate(opts.dateFrom),
        date_to: opts.dateTo === undefined ? undefined : toAlStyleDate(opts.dateTo),
      }) satisfies QueryOf<'/api/orders'>,
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
    listOrders,
    // Al-Style numbers pages from 1.
    iterateOrders: (opts = {}) =>
      paginate({
        first: 1,
        load: (page: number, pageNumber) => orderPage(opts, page, pageNumber),
        next: (page, number) => (page.last ? undefined : number + 1),
      }),
    getOrder: (id, opts = {}) =>
      call(ctx, ENDPOINTS.order, opts, { query: { id } satisfies QueryOf<'/api/order'> }),
    async cancelOrder(id, opts = {}) {
      const query = { order: id } satisfies QueryOf<'/cart-api/cancel'>;
      await call(ctx, ENDPOINTS.cartCancel, opts, { query });
    },
    async confirmOrder(input, opts = {}) {
      const query = defined({
        id: input.id,
        date_delivery: toAlStyleDate(input.deliveryDate),
        attorney_json: JSON.stringify(input.attorney),
        delivery_json: JSON.stringify(input.delivery),
        without_docs: input.withoutDocs,
        comments: input.comments,
      }) satisfies QueryOf<'/api/order-confirm'>;
      return (await call(ctx, ENDPOINTS.orderConfirm, opts, { query })).data.id;
    },
    async uploadOrderFile(input, opts = {}) {
      const form = new FormData();
      form.set('file', input.file, input.fileName ?? `order-${input.order}.pdf`);
      const query = defined({
        order: input.order,
        index: input.index,
      }) satisfies QueryOf<'/api/orders-files'>;
      const answer = await call(ctx, ENDPOINTS.orderFiles, opts, { query, body: form });
      return answer.file_name ?? null;
    },
  } satisfies Partial<AlStyleClient>;
}
