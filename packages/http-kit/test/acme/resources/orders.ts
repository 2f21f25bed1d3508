import type { CallOptions, Transport } from '../../../src/index.js';
import { ENDPOINTS } from '../endpoints.js';

/** Orders: created once, never resent after an ambiguous failure. */
export function ordersResource(transport: Transport) {
  return {
    createOrder: async (lines: readonly string[], call: CallOptions = {}) =>
      (
        await transport.request(ENDPOINTS.createOrder, {
          ...call,
          body: JSON.stringify({ lines }),
          headers: { 'content-type': 'application/json' },
        })
      ).id,
  };
}
