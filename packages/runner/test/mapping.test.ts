import { describe, expect, it } from 'vitest';
import { filterProduct } from '../src/mapping/filters.js';
import { cleanText, mapOffers } from '../src/mapping/map-offers.js';
import { priceProduct } from '../src/mapping/pricing.js';
import { roundPrice } from '../src/mapping/rounding.js';
import { mapStock } from '../src/mapping/stock.js';
import type { SkuMappingRecord } from '../src/state/state-store.js';
import { product, testConfig } from './helpers/config.js';

const opts = { skuPrefixes: { alstyle: 'AS' } };

describe('rounding', () => {
  it('rounds to the nearest step, up, down and to an ending', () => {
    expect(roundPrice(12_344, { mode: 'nearest', step: 10 })).toBe(12_340);
    expect(roundPrice(12_345, { mode: 'nearest', step: 10 })).toBe(12_350);
    expect(roundPrice(12_341, { mode: 'up', step: 100 })).toBe(12_400);
    expect(roundPrice(12_399, { mode: 'down', step: 100 })).toBe(12_300);
    expect(roundPrice(12_345, { mode: 'ending', ending: 990 })).toBe(12_990);
    expect(roundPrice(12_990, { mode: 'ending', ending: 990 })).toBe(12_990);
    expect(roundPrice(12_991, { mode: 'ending', ending: 990 })).toBe(13_990);
    expect(roundPrice(4, { mode: 'ending', ending: 9 })).toBe(9);
    expect(roundPrice(1234.4, { mode: 'none' })).toBe(1234);
  });

  it('never rounds a positive price down to zero', () => {
    expect(roundPrice(3, { mode: 'nearest', step: 10 })).toBe(10);
    expect(roundPrice(3, { mode: 'down', step: 10 })).toBe(10);
  });
});

describe('pricing', () => {
  it('uses the configured price source', () => {
    const p = product({ prices: { dealer: 10_000, retail: 13_490, recommended: 14_000 } });
    expect(priceProduct(p, testConfig({ pricing: { source: 'dealer' } }).pricing)).toMatchObject({
      price: 10_000,
    });
    expect(priceProduct(p, testConfig({ pricing: { source: 'retail' } }).pricing)).toMatchObject({
      price: 13_490,
    });
    expect(
      priceProduct(p, testConfig({ pricing: { source: 'recommended' } }).pricing),
    ).toMatchObject({ price: 14_000 });
  });

  it('applies percent then fixed markup', () => {
    const pricing = testConfig({
      pricing: { source: 'dealer', markup: { percent: 10, fixed: 500 } },
    }).pricing;
    expect(priceProduct(product(), pricing)).toMatchObject({ ok: true, price: 11_500 });
  });

  it('applies the first matching category or brand rule, falling back to the default markup', () => {
    const pricing = testConfig({
      pricing: {
        source: 'dealer',
        markup: { percent: 10, fixed: 100 },
        rules: [
          { category: ['999'], percent: 50 },
          { brand: ['xiaomi'], percent: 20 },
          { category: ['3530'], percent: 30 },
        ],
      },
    }).pricing;
    // brand rule (case-insensitive) wins over the later category rule; fixed falls back to 100
    expect(priceProduct(product(), pricing)).toMatchObject({ price: 12_100 });
    expect(priceProduct(product({ brand: 'Other', category: '999' }), pricing)).toMatchObject({
      price: 15_100,
    });
    expect(priceProduct(product({ brand: 'Other', category: '1' }), pricing)).toMatchObject({
      price: 11_100,
    });
  });

  it('raises a price below the minimum margin to the margin, rounded up', () => {
    const pricing = testConfig({
      pricing: { source: 'retail', minMarginPercent: 20, rounding: { mode: 'nearest', step: 100 } },
    }).pricing;
    // retail 11 000 < dealer 10 000 × 1.2 = 12 000 → raised to 12 000
    expect(
      priceProduct(product({ prices: { dealer: 10_000, retail: 11_000 } }), pricing),
    ).toMatchObject({ price: 12_000 });
    expect(
      priceProduct(product({ prices: { dealer: 10_010, retail: 11_000 } }), pricing),
    ).toMatchObject({ price: 12_100 });
  });

  it('skips a product below the minimum margin when configured to', () => {
    const pricing = testConfig({
      pricing: { minMarginPercent: 20, belowMinMargin: 'skip' },
    }).pricing;
    expect(priceProduct(product({ prices: { dealer: 10_000, retail: 11_000 } }), pricing)).toEqual({
      ok: false,
      reason: 'below-min-margin',
    });
  });

  it('refuses "price on request" (1) and placeholder (9 999 999) prices', () => {
    const pricing = testConfig().pricing;
    expect(priceProduct(product({ prices: { dealer: 1, retail: 50_000 } }), pricing)).toMatchObject(
      { reason: 'price-on-request' },
    );
    expect(priceProduct(product({ prices: { dealer: 100, retail: 1 } }), pricing)).toMatchObject({
      reason: 'price-on-request',
    });
    expect(
      priceProduct(product({ prices: { dealer: 100, retail: 9_999_999 } }), pricing),
    ).toMatchObject({ reason: 'placeholder-price' });
    expect(priceProduct(product({ prices: { dealer: 100 } }), pricing)).toMatchObject({
      reason: 'no-price',
    });
  });

  it('computes per-city prices from the base price', () => {
    const pricing = testConfig({
      pricing: {
        source: 'dealer',
        rounding: { mode: 'up', step: 10 },
        cityPrices: [
          { cityId: '750000000' },
          { cityId: '710000000', percent: 5 },
          { cityId: '391010000', fixed: 1000 },
        ],
      },
    }).pricing;
    const result = priceProduct(product(), pricing);
    expect(result.ok && Object.fromEntries(result.cityPrices)).toEqual({
      '750000000': 10_000,
      '710000000': 10_500,
      '391010000': 11_000,
    });
  });
});

describe('stock', () => {
  const stock = testConfig({ stock: { cap: 50, minAvailable: 2 } }).stock;
  it('publishes the lower bound of ">50" (51), capped, never an invented number', () => {
    expect(mapStock({ min: 51, exact: false }, stock)).toEqual({ stockCount: 50, available: true });
    expect(mapStock({ min: 51, exact: false }, { ...stock, cap: 100, minAvailable: 1 })).toEqual({
      stockCount: 51,
      available: true,
    });
    expect(mapStock({ min: 7, exact: true }, stock)).toEqual({ stockCount: 7, available: true });
  });
  it('shows stock below the minimum as unavailable with its real count', () => {
    expect(mapStock({ min: 1, exact: true }, stock)).toEqual({ stockCount: 1, available: false });
    expect(mapStock({ min: 0, exact: true }, stock)).toEqual({ stockCount: 0, available: false });
  });
});

describe('filters', () => {
  it('excludes by product key, category and brand (case-insensitive)', () => {
    const filters = testConfig({
      filters: { excludeProducts: ['1'], excludeCategories: ['7'], excludeBrands: ['ACME'] },
    }).filters;
    expect(filterProduct(product({ key: '1' }), filters)).toBe('excluded-product');
    expect(filterProduct(product({ category: '7' }), filters)).toBe('excluded-category');
    expect(filterProduct(product({ brand: 'acme' }), filters)).toBe('excluded-brand');
    expect(filterProduct(product(), filters)).toBeUndefined();
  });
  it('keeps only included categories and brands when lists are given', () => {
    const filters = testConfig({
      filters: { includeCategories: ['3530'], includeBrands: ['Xiaomi'] },
    }).filters;
    expect(filterProduct(product(), filters)).toBeUndefined();
    expect(filterProduct(product({ category: '1' }), filters)).toBe('not-included');
    expect(filterProduct(product({ brand: 'Apple' }), filters)).toBe('not-included');
    expect(filterProduct(product({ brand: undefined }), filters)).toBe('not-included');
  });
});

describe('mapOffers', () => {
  const config = testConfig({
    shop: {
      company: 'Test Shop',
      merchantId: '30453464',
      stores: [{ id: 'PP1' }, { id: 'PP2', preOrderDays: 3 }],
    },
  });

  it('builds one availability per store, all stock at the first one by default', () => {
    const { offers, mappings } = mapOffers([product()], config, opts);
    expect(offers).toEqual([
      {
        sku: 'AS20932',
        model: 'Колонки Mi Bluetooth Speaker',
        brand: 'Xiaomi',
        price: 13_490,
        availabilities: [
          { storeId: 'PP1', available: true, stockCount: 5 },
          { storeId: 'PP2', available: false, stockCount: 0 },
        ],
      },
    ]);
    expect(mappings[0]).toMatchObject({ sku: 'AS20932', supplier: 'alstyle', productKey: '20932' });
  });

  it('keeps out-of-stock products as available="no"', () => {
    const { offers } = mapOffers([product({ stock: { min: 0, exact: true } })], config, opts);
    // preOrder is left out too: it only means something for an offer a buyer can order
    expect(offers[0]?.availabilities).toEqual([
      { storeId: 'PP1', available: false, stockCount: 0 },
      { storeId: 'PP2', available: false, stockCount: 0 },
    ]);
  });

  it('emits cityprices instead of price when city prices are configured', () => {
    const cfg = testConfig({ pricing: { cityPrices: [{ cityId: '750000000' }] } });
    const [offer] = mapOffers([product()], cfg, opts).offers;
    expect(offer).toMatchObject({ cityPrices: [{ cityId: '750000000', price: 13_490 }] });
    expect(offer?.price).toBeUndefined();
  });

  it('counts every skip reason and never uses placeholders for a missing name or brand', () => {
    const result = mapOffers(
      [
        product({ key: '1', name: '  ' }),
        product({ key: '2', brand: undefined }),
        product({ key: '3', prices: { dealer: 1, retail: 1 } }),
        product({ key: '4', stock: undefined }),
        product({ key: 'bad-sku!' }),
        product({ key: '6' }),
        product({ key: '6', name: 'duplicate' }),
      ],
      config,
      opts,
    );
    expect(result.skipped).toEqual({
      'missing-name': 1,
      'missing-brand': 1,
      'price-on-request': 1,
      'unreadable-stock': 1,
      'invalid-sku': 1,
      'duplicate-sku': 1,
    });
    expect(result.offers.map((o) => o.sku)).toEqual(['AS6']);
  });

  it('uses the fallback brand when one is configured', () => {
    const cfg = testConfig({ filters: { fallbackBrand: 'Без бренда' } });
    expect(mapOffers([product({ brand: '' })], cfg, opts).offers[0]?.brand).toBe('Без бренда');
  });

  it('decodes HTML entities once and strips control characters', () => {
    expect(cleanText('23.8&quot; XG\u0007 Quantum &amp;  X5')).toBe('23.8" XG Quantum & X5');
    expect(cleanText('&#1040;&#x42;')).toBe('АB');
  });

  it('keeps a vanished offer as unavailable with its last price, then retires it', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const previous: SkuMappingRecord = {
      sku: 'AS777',
      supplier: 'alstyle',
      productKey: '777',
      model: 'Old',
      brand: 'B',
      price: 5000,
      cityPrices: {},
      available: true,
      stockCount: 3,
      lastSeenAt: new Date(now.getTime() - 2 * 86_400_000),
      lastPublishedAt: now,
    };
    const kept = mapOffers([product()], config, { ...opts, previous: [previous], now });
    expect(kept.retained).toBe(1);
    expect(kept.offers.find((o) => o.sku === 'AS777')).toMatchObject({
      price: 5000,
      availabilities: [
        { storeId: 'PP1', available: false, stockCount: 0 },
        { storeId: 'PP2', available: false, stockCount: 0 },
      ],
    });
    const old = { ...previous, lastSeenAt: new Date(now.getTime() - 31 * 86_400_000) };
    const gone = mapOffers([product()], config, { ...opts, previous: [old], now });
    expect(gone.retired).toBe(1);
    expect(gone.offers.map((o) => o.sku)).toEqual(['AS20932']);
  });
});

describe('pricing arithmetic', () => {
  it('does not round floating-point noise up a whole step', () => {
    const pricing = testConfig({
      pricing: { source: 'dealer', markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
    }).pricing;
    // 1000 × 1.1 is 1100.0000000000002 in binary floating point
    expect(priceProduct(product({ prices: { dealer: 1000 } }), pricing)).toMatchObject({
      price: 1100,
    });
  });
});
