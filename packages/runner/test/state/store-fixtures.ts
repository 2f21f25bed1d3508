import { hostname } from 'node:os';
import type { OrderRecord } from '../../src/orders/order-record.js';
import type { SkuMappingRecord } from '../../src/state/state-store.js';

/** Records the store contract writes and reads back. */
export const T0 = new Date('2026-11-01T00:00:00Z');

export const mapping = (
  sku: string,
  overrides: Partial<SkuMappingRecord> = {},
): SkuMappingRecord => ({
  sku,
  supplier: 'alstyle',
  productKey: sku,
  model: `Model ${sku}`,
  brand: 'B',
  price: 1000,
  cityPrices: { '750000000': 990 },
  available: true,
  stockCount: 3,
  storeStock: { PP1: { stockCount: 3, available: true } },
  lastSeenAt: T0,
  lastPublishedAt: T0,
  ...overrides,
});

export const order = (code: string, overrides: Partial<OrderRecord> = {}): OrderRecord => ({
  kaspiCode: code,
  kaspiId: `id-${code}`,
  state: 'new',
  supplier: 'alstyle',
  supplierOrderId: undefined,
  lines: [
    { sku: 'AS-1', productKey: '1', quantity: 2, unitPrice: 5000 } as OrderRecord['lines'][number],
  ],
  attempts: 0,
  kaspiCreatedAt: T0,
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

export const request = (holder: string, overrides: Record<string, unknown> = {}) => ({
  holder,
  pid: process.pid,
  host: hostname(),
  ttlMs: 10_000,
  ...overrides,
});
