import { describe, expect, it } from 'vitest';
import { diffPriceLists } from '../src/index.js';
import { header, offer } from './fixtures.js';

describe('diffPriceLists', () => {
  it('reports nothing for identical lists', () => {
    const offers = [offer({ sku: 'A' }), offer({ sku: 'B' })];
    const diff = diffPriceLists({ ...header, offers }, structuredClone(offers));
    expect(diff.summary).toEqual({
      before: 2,
      after: 2,
      added: 0,
      removed: 0,
      priceChanged: 0,
      availabilityChanged: 0,
      stockChanged: 0,
      detailsChanged: 0,
      unchanged: 2,
    });
  });

  it('finds added, removed, price, availability, stock and detail changes', () => {
    const before = [
      offer({ sku: 'KEEP' }),
      offer({ sku: 'GONE' }),
      offer({ sku: 'PRICE', price: 100 }),
      offer({
        sku: 'STOCK',
        availabilities: [
          { storeId: 'PP1', available: true, stockCount: 5 },
          { storeId: 'PP2', available: true, stockCount: 1 },
        ],
      }),
      offer({ sku: 'CITY', price: undefined, cityPrices: [{ cityId: '750000000', price: 10 }] }),
    ];
    const after = [
      offer({ sku: 'NEW' }),
      offer({ sku: 'KEEP' }),
      offer({ sku: 'PRICE', price: 120, model: 'renamed' }),
      offer({
        sku: 'STOCK',
        availabilities: [
          { storeId: 'PP1', available: true, stockCount: 2, preOrder: 3 },
          { storeId: 'PP3', available: false, stockCount: 0 },
        ],
      }),
      offer({ sku: 'CITY', price: 10 }),
    ];
    const diff = diffPriceLists(before, { offers: after });
    expect(diff.added.map((o) => o.sku)).toEqual(['NEW']);
    expect(diff.removed.map((o) => o.sku)).toEqual(['GONE']);
    expect(diff.priceChanges).toEqual([
      { sku: 'PRICE', before: 100, after: 120 },
      { sku: 'CITY', cityId: '750000000', before: 10 },
      { sku: 'CITY', after: 10 },
    ]);
    expect(diff.availabilityChanges).toEqual([
      { sku: 'STOCK', storeId: 'PP2', before: true },
      { sku: 'STOCK', storeId: 'PP3', after: false },
    ]);
    expect(diff.stockChanges).toEqual([
      {
        sku: 'STOCK',
        storeId: 'PP1',
        before: { stockCount: 5 },
        after: { stockCount: 2, preOrder: 3 },
      },
    ]);
    expect(diff.detailChanges).toEqual([
      { sku: 'PRICE', field: 'model', before: offer().model, after: 'renamed' },
    ]);
    expect(diff.summary).toEqual({
      before: 5,
      after: 5,
      added: 1,
      removed: 1,
      priceChanged: 2,
      availabilityChanged: 1,
      stockChanged: 1,
      detailsChanged: 1,
      unchanged: 1,
    });
  });

  it('reports an availability flip', () => {
    const diff = diffPriceLists(
      [offer({ availabilities: [{ storeId: 'PP1', available: true, stockCount: 1 }] })],
      [offer({ availabilities: [{ storeId: 'PP1', available: false, stockCount: 0 }] })],
    );
    expect(diff.availabilityChanges).toEqual([
      { sku: 'AS20932', storeId: 'PP1', before: true, after: false },
    ]);
    expect(diff.stockChanges).toHaveLength(1);
  });

  it('treats everything as removed against an empty list, for shrink guards', () => {
    const diff = diffPriceLists([offer({ sku: 'A' }), offer({ sku: 'B' })], []);
    expect(diff.summary).toMatchObject({ before: 2, after: 0, removed: 2 });
  });
});
