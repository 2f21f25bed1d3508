import { parseConfig } from '../../src/config/load-config.js';
import type { KaspiConnectConfig, KaspiConnectConfigInput } from '../../src/config/schema.js';
import type { SupplierProduct } from '../../src/supplier/supplier.js';

export const baseConfigInput = {
  shop: { company: 'Test Shop', merchantId: '30453464', stores: [{ id: 'PP1' }] },
  suppliers: { alstyle: {} },
} satisfies KaspiConnectConfigInput;

/** A validated config with defaults, overridden section by section. */
export function testConfig(overrides: Partial<KaspiConnectConfigInput> = {}): KaspiConnectConfig {
  return parseConfig({ ...baseConfigInput, ...overrides }, {}).config;
}

export function product(overrides: Partial<SupplierProduct> = {}): SupplierProduct {
  return {
    supplier: 'alstyle',
    key: '20932',
    name: 'Колонки Mi Bluetooth Speaker',
    brand: 'Xiaomi',
    category: '3530',
    prices: { dealer: 10_000, retail: 13_490 },
    stock: { min: 5, exact: true },
    ...overrides,
  };
}
