import type { OrderRecord } from '../../src/orders/order-record.js';

/** An order waiting for a person, as the order flow leaves it. */
export function attentionOrder(code: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    kaspiCode: code,
    kaspiId: `id-${code}`,
    state: 'attention',
    supplier: 'alstyle',
    supplierOrderId: undefined,
    lines: [{ sku: 'AS-20932', productKey: '20932', quantity: 1 }],
    attention: { reason: 'out-of-stock', detail: 'AS-20932: 0 in stock, 1 ordered' },
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
