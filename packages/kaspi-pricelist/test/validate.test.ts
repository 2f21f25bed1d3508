import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_MODEL,
  assertValidPriceList,
  type Offer,
  PriceListValidationError,
  type RuleCode,
  validatePriceList,
} from '../src/index.js';
import { guideSample, header, offer } from './fixtures.js';

function rulesOf(offers: Offer[], mode: 'strict' | 'lenient' = 'strict') {
  const result = validatePriceList({ ...header, offers }, { mode });
  return result.issues.map((issue) => `${issue.severity}:${issue.rule}`);
}

describe('validatePriceList', () => {
  it('accepts the guide sample in strict mode', () => {
    expect(validatePriceList(guideSample)).toMatchObject({
      valid: true,
      errorCount: 0,
      warningCount: 0,
    });
  });

  const cases: Array<
    [string, Partial<Record<keyof Offer, unknown>>, RuleCode, 'error' | 'warning']
  > = [
    ['SKU with a dash', { sku: 'SKU-1' }, 'sku.format', 'warning'],
    ['SKU with Cyrillic', { sku: 'Ноутбук1' }, 'sku.format', 'warning'],
    ['SKU over 20 characters', { sku: 'A'.repeat(21) }, 'sku.length', 'warning'],
    ['empty SKU', { sku: '' }, 'sku.empty', 'error'],
    ['empty model', { model: '  ' }, 'model.empty', 'error'],
    ['missing brand', { brand: undefined }, 'brand.empty', 'warning'],
    ['fractional price', { price: 10.5 }, 'price.format', 'error'],
    ['zero price', { price: 0 }, 'price.format', 'error'],
    ['negative price', { price: -3 }, 'price.format', 'error'],
    ['price as text', { price: '1 000' }, 'price.format', 'error'],
    ['no price at all', { price: undefined }, 'price.missing', 'error'],
    [
      'price and city prices',
      { cityPrices: [{ cityId: '750000000', price: 5 }] },
      'price.conflict',
      'error',
    ],
    ['empty city prices', { price: undefined, cityPrices: [] }, 'cityPrices.empty', 'error'],
    [
      'bad city id',
      { price: undefined, cityPrices: [{ cityId: '75', price: 5 }] },
      'cityPrice.cityId',
      'error',
    ],
    [
      'duplicate city',
      {
        price: undefined,
        cityPrices: [
          { cityId: '750000000', price: 5 },
          { cityId: '750000000', price: 6 },
        ],
      },
      'cityPrice.cityId.duplicate',
      'error',
    ],
    [
      'bad city price',
      { price: undefined, cityPrices: [{ cityId: '750000000', price: 1.5 }] },
      'price.format',
      'error',
    ],
    ['no availability', { availabilities: [] }, 'availability.missing', 'error'],
    [
      'empty storeId',
      { availabilities: [{ storeId: '', available: false, stockCount: 0 }] },
      'availability.storeId',
      'error',
    ],
    [
      'duplicate storeId',
      {
        availabilities: [
          { storeId: 'PP1', available: false, stockCount: 0 },
          { storeId: 'PP1', available: false, stockCount: 0 },
        ],
      },
      'availability.storeId.duplicate',
      'error',
    ],
    [
      'storeIds equal once the illegal character is removed',
      {
        availabilities: [
          { storeId: "'", available: false, stockCount: 0 },
          { storeId: "'\udfff", available: false, stockCount: 0 },
        ],
      },
      'availability.storeId.duplicate',
      'error',
    ],
    [
      'merchant-prefixed storeId',
      { availabilities: [{ storeId: '30453464_PP1', available: false, stockCount: 0 }] },
      'availability.storeId.merchantPrefix',
      'warning',
    ],
    [
      'available not boolean',
      { availabilities: [{ storeId: 'PP1', available: 'yes', stockCount: 1 }] },
      'availability.available',
      'error',
    ],
    [
      'negative stock',
      { availabilities: [{ storeId: 'PP1', available: false, stockCount: -1 }] },
      'availability.stockCount',
      'error',
    ],
    [
      'fractional stock',
      { availabilities: [{ storeId: 'PP1', available: true, stockCount: 1.5 }] },
      'availability.stockCount',
      'error',
    ],
    [
      'missing stock',
      { availabilities: [{ storeId: 'PP1', available: false }] },
      'availability.stockCount.missing',
      'warning',
    ],
    [
      'preOrder 0',
      { availabilities: [{ storeId: 'PP1', available: true, stockCount: 1, preOrder: 0 }] },
      'availability.preOrder.zero',
      'warning',
    ],
    [
      'preOrder 31',
      { availabilities: [{ storeId: 'PP1', available: true, stockCount: 1, preOrder: 31 }] },
      'availability.preOrder',
      'error',
    ],
    [
      'fractional preOrder',
      { availabilities: [{ storeId: 'PP1', available: true, stockCount: 1, preOrder: 2.5 }] },
      'availability.preOrder',
      'error',
    ],
    [
      'available without stock or pre-order',
      { availabilities: [{ storeId: 'PP1', available: true, stockCount: 0 }] },
      'availability.available.noStock',
      'warning',
    ],
    ['control character in model', { model: 'bad\u0001name' }, 'text.illegalChar', 'warning'],
  ];

  it.each(cases)('%s', (_name, overrides, rule, lenientSeverity) => {
    const strict = rulesOf([offer(overrides)], 'strict');
    const expectedStrict = ACCEPTANCE_MODEL[rule].level === 'canonical' ? 'warning' : 'error';
    expect(strict).toContain(`${expectedStrict}:${rule}`);
    expect(rulesOf([offer(overrides)], 'lenient')).toContain(`${lenientSeverity}:${rule}`);
  });

  it('accepts preOrder 1 and 30 and available with stock 0 when pre-ordered', () => {
    const offers = [1, 30].map((preOrder, i) =>
      offer({
        sku: `A${i}`,
        availabilities: [{ storeId: 'PP1', available: true, stockCount: 0, preOrder }],
      }),
    );
    expect(rulesOf(offers)).toEqual([]);
  });

  it('reports duplicate SKUs with the sku and path of the second one', () => {
    const result = validatePriceList({ ...header, offers: [offer(), offer({ model: 'other' })] });
    expect(result.issues).toEqual([
      expect.objectContaining({
        rule: 'sku.duplicate',
        sku: 'AS20932',
        path: 'offers[1].sku',
        value: 'AS20932',
      }),
    ]);
  });

  it('checks the header and refuses an empty offer list', () => {
    const result = validatePriceList({ company: '', merchantId: ' ', date: '', offers: [] });
    expect(result.issues.map((issue) => issue.rule)).toEqual([
      'header.company',
      'header.merchantId',
      'header.date',
      'offers.empty',
    ]);
  });

  it('collects every issue with path, value and sku', () => {
    const bad = offer({
      sku: 'A-1',
      price: 0,
      availabilities: [{ storeId: 'PP1', available: true, stockCount: -2 }],
    });
    const result = validatePriceList({ ...header, offers: [offer(), bad] });
    expect(result.errorCount).toBe(3);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        rule: 'availability.stockCount',
        path: 'offers[1].availabilities[0].stockCount',
        value: -2,
        sku: 'A-1',
        message: expect.any(String),
      }),
    );
  });

  it('caps kept issues but counts all', () => {
    const offers = Array.from({ length: 50 }, (_, i) => offer({ sku: `S${i}`, price: 0 }));
    const result = validatePriceList({ ...header, offers }, { maxIssues: 10 });
    expect(result.issues).toHaveLength(10);
    expect(result.errorCount).toBe(50);
  });

  it('assertValidPriceList throws one error listing all errors', () => {
    const offers = [offer({ sku: 'x y', price: 0 }), offer({ sku: 'B', model: '' })];
    const error = (() => {
      try {
        assertValidPriceList({ ...header, offers });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(PriceListValidationError.isInstance(error)).toBe(true);
    expect((error as PriceListValidationError).errorCount).toBe(3);
    expect((error as PriceListValidationError).message).toContain('sku.format');
  });
});
