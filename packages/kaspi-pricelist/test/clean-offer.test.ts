import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Offer, ValidationMode } from '../src/index.js';
import { isCleanOffer } from '../src/validation/clean-offer.js';
import { IssueCollector } from '../src/validation/collector.js';
import { OfferValidator } from '../src/validation/offer-validator.js';
import { brokenOffers, hostileOffers, hostileString, strictOffers } from './arbitraries.js';
import { offer } from './fixtures.js';

// Values each field may take in an offer from a supplier: right, wrong, or of the wrong type.
const anyText = fc.oneof(
  hostileString,
  fc.constantFrom('', ' ', 'PP1', '30453464_PP1', 'AS1', '750000000', 'Xiaomi'),
);
const anyNumber = fc.oneof(
  fc.integer({ min: -2, max: 40 }),
  fc.constantFrom(0, 1.5, Number.NaN, 2 ** 53, -0),
);
const anyValue = fc.oneof(
  anyText,
  anyNumber,
  fc.constantFrom(undefined, null, true, false, {}, []),
);
const anyAvailability = fc.oneof(
  fc.record(
    {
      storeId: fc.oneof(fc.constantFrom('PP1', 'PP2', '30453464_PP1'), anyValue),
      available: fc.oneof(fc.boolean(), anyValue),
      stockCount: fc.oneof(fc.nat(3), anyValue),
      preOrder: fc.oneof(fc.constantFrom(undefined, 0, 1, 30, 31), anyValue),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(undefined, 'PP1'),
);
const anyCityPrice = fc.oneof(
  fc.record(
    {
      cityId: fc.oneof(fc.constantFrom('750000000', '710000000', '75000000'), anyValue),
      price: fc.oneof(fc.nat(3), anyValue),
    },
    { requiredKeys: [] },
  ),
  fc.constant(undefined),
);
const anyOffer = fc.record(
  {
    sku: fc.oneof(anyText, anyNumber, fc.constantFrom('AS100042', 'AS100043')),
    model: anyValue,
    brand: anyValue,
    availabilities: fc.oneof(fc.array(anyAvailability, { maxLength: 20 }), anyValue),
    price: anyValue,
    cityPrices: fc.oneof(fc.array(anyCityPrice, { maxLength: 20 }), anyValue),
  },
  { requiredKeys: [] },
) as unknown as fc.Arbitrary<Offer>;

// Offers one detail away from valid, where the fast path has to draw the line exactly: each
// field is usually right and sometimes wrong in one of the ways a rule catches.
const mostly = <T, U>(right: fc.Arbitrary<T>, ...wrong: U[]) =>
  fc.oneof({ arbitrary: right, weight: 4 * wrong.length }, fc.constantFrom(...wrong));
const nearAvailability = fc.record({
  storeId: mostly(fc.constantFrom('PP1', 'PP2', 'PP3'), '30453464_PP1', ' ', ''),
  available: mostly(fc.boolean(), 'yes'),
  stockCount: mostly(fc.nat(3), undefined, -1, 1.5),
  preOrder: mostly(fc.constantFrom(undefined, 1, 30), 0, 31),
});
const nearCityPrice = fc.record({
  cityId: mostly(fc.constantFrom('750000000', '710000000'), '75000000'),
  price: mostly(fc.nat(3), 1.5),
});
const nearOffer = fc
  .record({
    sku: mostly(fc.constantFrom('AS100042', 'AS100043'), 'A-1', 'A'.repeat(21), ''),
    brand: mostly(fc.constant('Xiaomi'), ' ', undefined),
    availabilities: fc.array(nearAvailability, { minLength: 1, maxLength: 3 }),
    prices: fc.oneof(
      fc.record({ price: mostly(fc.nat(3), 1.5) }),
      fc.record({ cityPrices: fc.array(nearCityPrice, { maxLength: 3 }) }),
      fc.record({ price: fc.constant(5), cityPrices: fc.array(nearCityPrice, { maxLength: 1 }) }),
    ),
  })
  .map(({ prices, ...rest }) => ({ ...offer({ price: undefined }), ...rest, ...prices }) as Offer);

const offerLists = fc.oneof(
  fc.array(nearOffer, { maxLength: 6 }),
  strictOffers,
  hostileOffers,
  brokenOffers.map(({ offers }) => offers),
  fc.array(
    fc.oneof(
      anyOffer,
      anyOffer.map((o) => ({ ...offer(), ...o }) as Offer),
    ),
    {
      maxLength: 8,
    },
  ),
);

/** Issues and verdicts of one validator over `offers`, through `check`. */
function run(
  offers: readonly Offer[],
  mode: ValidationMode,
  checkCharacters: boolean,
  check: (validator: OfferValidator, offer: Offer, index: number) => boolean,
) {
  const collector = new IssueCollector(mode);
  const validator = new OfferValidator(collector, checkCharacters);
  validator.useMerchantId('30453464');
  const verdicts = offers.map((o, i) => {
    try {
      return [check(validator, o, i), validator.skuIsPlain];
    } catch (error) {
      return [String(error)];
    }
  });
  return { verdicts, issues: collector.issues, errors: collector.errorCount };
}

describe('the validator fast path', () => {
  it('gives the same verdicts, SKU flags and issues as the full check, in both modes', () => {
    fc.assert(
      fc.property(
        offerLists,
        fc.constantFrom<ValidationMode>('strict', 'lenient'),
        fc.boolean(),
        (offers, mode, checkCharacters) => {
          const fast = run(offers, mode, checkCharacters, (v, o, i) => v.validateOffer(o, i));
          const full = run(offers, mode, checkCharacters, (v, o, i) => v.checkOffer(o, i));
          expect(fast).toEqual(full);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts an offer only when the full check reports nothing for it', () => {
    fc.assert(
      fc.property(offerLists, fc.boolean(), (offers, checkCharacters) => {
        for (const o of offers) {
          let clean: boolean;
          try {
            clean = isCleanOffer(o, checkCharacters, '30453464_');
          } catch {
            continue;
          }
          if (!clean) continue;
          const full = run([o], 'strict', checkCharacters, (v, x, i) => v.checkOffer(x, i));
          expect(full.issues).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the usual offers: stock, pre-order, several stores, city prices', () => {
    const usual: Offer[] = [
      offer(),
      offer({
        availabilities: [
          { storeId: 'PP1', available: true, stockCount: 0, preOrder: 30 },
          { storeId: 'PP2', available: false, stockCount: 0 },
        ],
      }),
      offer({ price: undefined, cityPrices: [{ cityId: '750000000', price: 10 }] }),
    ];
    for (const o of usual) expect(isCleanOffer(o, true, '30453464_')).toBe(true);
    expect(isCleanOffer(offer({ sku: 'A-1' }), true, undefined)).toBe(false);
    expect(
      isCleanOffer(
        offer({ availabilities: [{ storeId: '30453464_PP1', available: false, stockCount: 0 }] }),
        false,
        '30453464_',
      ),
    ).toBe(false);
  });
});
