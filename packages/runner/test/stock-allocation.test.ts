import { describe, expect, it } from 'vitest';
import { allocateStock } from '../src/mapping/allocate-stock.js';
import { mapOffers } from '../src/mapping/map-offers.js';
import { priceProduct } from '../src/mapping/pricing.js';
import { offersFromMappings } from '../src/pipeline/feed-changes.js';
import { product, testConfig } from './helpers/config.js';

const shop = {
  company: 'Test Shop',
  merchantId: '30453464',
  stores: [{ id: 'PP1' }, { id: 'PP2' }, { id: 'PP3' }],
};
const stores = shop.stores;
const total = (result: readonly { stockCount: number }[]) =>
  result.reduce((sum, store) => sum + store.stockCount, 0);

describe('stock allocation across pickup points', () => {
  it('puts all stock at the first point by default; the others are unavailable', () => {
    const stock = testConfig({ shop }).stock;
    expect(allocateStock({ min: 7, exact: true }, stores, stock)).toEqual([
      { storeId: 'PP1', stockCount: 7, available: true },
      { storeId: 'PP2', stockCount: 0, available: false },
      { storeId: 'PP3', stockCount: 0, available: false },
    ]);
  });

  it('splits without ever publishing more than the supplier has', () => {
    const stock = testConfig({ shop, stock: { allocation: 'split', cap: 50 } }).stock;
    expect(allocateStock({ min: 7, exact: true }, stores, stock).map((s) => s.stockCount)).toEqual([
      3, 2, 2,
    ]);
    expect(allocateStock({ min: 1, exact: true }, stores, stock)).toEqual([
      { storeId: 'PP1', stockCount: 1, available: true },
      { storeId: 'PP2', stockCount: 0, available: false },
      { storeId: 'PP3', stockCount: 0, available: false },
    ]);
    for (let min = 0; min <= 120; min++) {
      const result = allocateStock({ min, exact: min < 51 }, stores, stock);
      expect(total(result)).toBe(Math.min(min, 50));
    }
  });

  it('maps per-warehouse stock to points, capped and never above the supplier total', () => {
    const stock = testConfig({
      shop,
      stock: {
        allocation: 'warehouses',
        cap: 10,
        warehouses: { PP1: ['panfilov'], PP2: ['suyunbai', 'karaganda'] },
      },
    }).stock;
    const byWarehouse = {
      panfilov: { min: 4, exact: true },
      suyunbai: { min: 51, exact: false },
      karaganda: { min: 2, exact: true },
    };
    expect(allocateStock({ min: 57, exact: false, byWarehouse }, stores, stock)).toEqual([
      { storeId: 'PP1', stockCount: 4, available: true },
      { storeId: 'PP2', stockCount: 10, available: true },
      { storeId: 'PP3', stockCount: 0, available: false },
    ]);
    // Inconsistent supplier data (warehouses add up to more than the total) is clamped.
    expect(total(allocateStock({ min: 5, exact: true, byWarehouse }, stores, stock))).toBe(5);
    // No per-warehouse data: the safe `first` rule.
    expect(allocateStock({ min: 3, exact: true }, stores, stock).map((s) => s.stockCount)).toEqual([
      3, 0, 0,
    ]);
  });

  it('rejects a warehouse mapped to two points, an unknown point and a missing map', () => {
    expect(() =>
      testConfig({
        shop,
        stock: { allocation: 'warehouses', warehouses: { PP1: ['a'], PP2: ['a'], PP9: ['b'] } },
      }),
    ).toThrow(/already mapped to PP1[\s\S]*PP9: expected one of the store ids/);
    expect(() => testConfig({ shop, stock: { allocation: 'warehouses' } })).toThrow(
      /stock\.warehouses: expected store ids mapped/,
    );
  });

  it('remembers the stock of each point, so the live feed is rebuilt as published', () => {
    const config = testConfig({ shop, stock: { allocation: 'split' } });
    const mapped = mapOffers([product({ stock: { min: 5, exact: true } })], config, {
      skuPrefixes: { alstyle: 'AS' },
    });
    expect(
      offersFromMappings(
        mapped.mappings,
        config.shop.stores.map((s) => ({ ...s })),
      ),
    ).toEqual(mapped.offers);
    expect(mapped.mappings[0]).toMatchObject({ stockCount: 5, available: true });
  });
});

describe('the dealer price is the floor', () => {
  it('raises a retail price below dealer to the dealer price at margin 0', () => {
    const pricing = testConfig().pricing;
    expect(
      priceProduct(product({ prices: { dealer: 900_000, retail: 1_000 } }), pricing),
    ).toMatchObject({ ok: true, price: 900_000 });
    const skip = testConfig({ pricing: { belowMinMargin: 'skip' } }).pricing;
    expect(priceProduct(product({ prices: { dealer: 900_000, retail: 1_000 } }), skip)).toEqual({
      ok: false,
      reason: 'below-min-margin',
    });
  });

  it('allows a price below dealer only when allowBelowDealer is set', () => {
    const pricing = testConfig({ pricing: { allowBelowDealer: true } }).pricing;
    expect(
      priceProduct(product({ prices: { dealer: 900_000, retail: 1_000 } }), pricing),
    ).toMatchObject({ ok: true, price: 1_000 });
  });

  it('keeps city prices with a negative adjustment above the floor', () => {
    const pricing = testConfig({
      pricing: { cityPrices: [{ cityId: '750000000', percent: -20 }] },
    }).pricing;
    const result = priceProduct(product({ prices: { dealer: 10_000, retail: 11_000 } }), pricing);
    expect(result.ok && Object.fromEntries(result.cityPrices)).toEqual({ '750000000': 10_000 });
  });
});

describe('Al-Style stock per warehouse', () => {
  it('reads an object keyed by code or a list, and gives up on anything else', async () => {
    const { parseWarehouseStock } = await import('../src/supplier/alstyle-warehouses.js');
    expect(parseWarehouseStock({ panfilov: '>50', suyunbai: 3 })).toEqual({
      panfilov: { min: 51, exact: false },
      suyunbai: { min: 3, exact: true },
    });
    expect(parseWarehouseStock([{ warehouse: 'panfilov', quantity: '2' }])).toEqual({
      panfilov: { min: 2, exact: true },
    });
    expect(parseWarehouseStock(null)).toBeUndefined();
    expect(parseWarehouseStock('panfilov')).toBeUndefined();
    expect(parseWarehouseStock({ panfilov: 'many' })).toBeUndefined();
  });
});
