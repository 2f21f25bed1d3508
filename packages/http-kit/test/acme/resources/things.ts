import { type CallOptions, nextOffset, paginate, type Transport } from '../../../src/index.js';
import { ENDPOINTS } from '../endpoints.js';

/** Things: one page, all pages through the kit's iterator, one thing. */
export function thingsResource(transport: Transport) {
  const page = async (offset: number, pageNumber: number, call: CallOptions) => {
    const body = await transport.request(ENDPOINTS.listThings, {
      ...call,
      query: { offset, limit: 2 },
    });
    return { pageNumber, items: body.items, total: body.total, received: body.items.length };
  };
  return {
    iterateThings: (call: CallOptions = {}) =>
      paginate({
        first: 0,
        load: (offset: number, n) => page(offset, n, call),
        next: (p, offset) => nextOffset(offset, p.received, p.total),
      }),
    getThing: (id: string, call: CallOptions = {}) =>
      transport.request(ENDPOINTS.getThing, { ...call, pathParams: { id } }),
  };
}
