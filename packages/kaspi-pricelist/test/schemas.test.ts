import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OfferSchema, PriceListSchema, SkuSchema, validatePriceList } from '../src/index.js';
import { strictOffers } from './arbitraries.js';
import { guideSample, header, offer } from './fixtures.js';

describe('valibot schemas', () => {
  it('accept the guide sample and every offer valid under strict rules', () => {
    expect(v.safeParse(PriceListSchema, guideSample).success).toBe(true);
    fc.assert(
      fc.property(strictOffers, (offers) => {
        expect(validatePriceList({ ...header, offers }).valid).toBe(true);
        for (const o of offers) expect(v.safeParse(OfferSchema, o).success).toBe(true);
      }),
    );
  });

  it.each([
    { sku: 'A-1' },
    { sku: 'A'.repeat(21) },
    { model: '' },
    { brand: undefined },
    { price: 0 },
    { price: 1.5 },
    { price: undefined },
    { cityPrices: [{ cityId: '750000000', price: 1 }] },
    { availabilities: [] },
    { availabilities: [{ storeId: 'PP1', available: true, stockCount: 1, preOrder: 0 }] },
    { availabilities: [{ storeId: 'PP1', available: true, stockCount: -1 }] },
  ])('reject what strict validation rejects: %j', (overrides) => {
    const bad = offer(overrides);
    expect(validatePriceList({ ...header, offers: [bad] }).valid).toBe(false);
    expect(v.safeParse(OfferSchema, bad).success).toBe(false);
  });

  it('demand the canonical stockCount that strict validation only warns about', () => {
    const canonical = offer({ availabilities: [{ storeId: 'PP1', available: true }] });
    const result = validatePriceList({ ...header, offers: [canonical] });
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => i.rule)).toEqual(['availability.stockCount.missing']);
    expect(v.safeParse(OfferSchema, canonical).success).toBe(false);
  });

  it('SkuSchema is the guide rule', () => {
    expect(v.is(SkuSchema, 'ALS12345')).toBe(true);
    expect(v.is(SkuSchema, 'ALS-12345')).toBe(false);
  });
});
