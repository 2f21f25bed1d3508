import { describe, expectTypeOf, it } from 'vitest';
import type {
  Offer,
  ParsedPriceList,
  PriceListDiff,
  RuleCode,
  ValidationIssue,
  WriteReport,
} from '../src/index.js';
import {
  deriveSku,
  diffPriceLists,
  parsePriceList,
  renderPriceList,
  streamOffers,
  validatePriceList,
  writePriceList,
} from '../src/index.js';

const base = { sku: 'A1', model: 'M', availabilities: [{ storeId: 'PP1', available: true }] };

describe('public types', () => {
  it('an offer has a price or city prices, never both', () => {
    expectTypeOf({ ...base, price: 1 }).toExtend<Offer>();
    expectTypeOf({ ...base, cityPrices: [{ cityId: '750000000', price: 1 }] }).toExtend<Offer>();
    expectTypeOf({
      ...base,
      price: 1,
      cityPrices: [{ cityId: '750000000', price: 1 }],
    }).not.toExtend<Offer>();
    expectTypeOf({ ...base }).not.toExtend<Offer>();
  });

  it('writers and parsers have the documented signatures', () => {
    expectTypeOf(writePriceList).returns.resolves.toEqualTypeOf<WriteReport>();
    expectTypeOf(renderPriceList).returns.toEqualTypeOf<{
      readonly xml: string;
      readonly report: WriteReport;
    }>();
    expectTypeOf(parsePriceList).returns.resolves.toEqualTypeOf<ParsedPriceList>();
    expectTypeOf(streamOffers).returns.toExtend<AsyncIterable<Offer>>();
    expectTypeOf(diffPriceLists).returns.toEqualTypeOf<PriceListDiff>();
    expectTypeOf(deriveSku).parameters.toEqualTypeOf<[prefix: string, key: number | string]>();
  });

  it('issues carry a closed set of rule codes', () => {
    expectTypeOf<ValidationIssue['rule']>().toEqualTypeOf<RuleCode>();
    expectTypeOf<'sku.format'>().toExtend<RuleCode>();
    expectTypeOf<'no.such.rule'>().not.toExtend<RuleCode>();
    expectTypeOf(validatePriceList)
      .returns.toHaveProperty('issues')
      .toEqualTypeOf<readonly ValidationIssue[]>();
  });
});
