import fc from 'fast-check';
import type { Availability, CityPrice, Offer } from '../src/index.js';

/** Strings meant to break a writer: markup, quotes, controls, emoji, Cyrillic, long names. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  fc.stringMatching(/^[&<>"' \t\r\n\u0000-\u001fЖжЁё😀\ud800\udfff\ufffe\uffffa-z]{0,30}$/u),
  fc.constantFrom(
    '23.8&amp;quot; XG',
    ']]>',
    '<![CDATA[x]]>',
    '&#0;',
    '\u2028\u2029',
    'Без бренда',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 3000 }),
);

const nonEmpty = (text: fc.Arbitrary<string>) =>
  text.filter(
    (value) =>
      value.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').trim() !== '',
  );

const strictSku = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
const positive = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

function availability(text: fc.Arbitrary<string>): fc.Arbitrary<Availability> {
  return fc
    .record(
      {
        storeId: nonEmpty(text),
        stockCount: fc.nat({ max: 1_000_000 }),
        preOrder: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      },
      { requiredKeys: ['storeId', 'stockCount'] },
    )
    .map((a) => {
      const out: { storeId: string; available: boolean; stockCount: number; preOrder?: number } = {
        storeId: a.storeId,
        available: a.stockCount > 0 || a.preOrder !== undefined,
        stockCount: a.stockCount,
      };
      if (a.preOrder !== undefined) out.preOrder = a.preOrder;
      return out;
    });
}

const cityPrices: fc.Arbitrary<CityPrice[]> = fc.uniqueArray(
  fc.record({ cityId: fc.stringMatching(/^[0-9]{9}$/), price: positive }),
  { minLength: 1, maxLength: 4, selector: (cp) => cp.cityId },
);

function offerArbitrary(
  sku: fc.Arbitrary<string>,
  text: fc.Arbitrary<string>,
): fc.Arbitrary<Offer> {
  return fc
    .record({
      sku,
      model: nonEmpty(text),
      brand: nonEmpty(text),
      availabilities: fc.uniqueArray(availability(text), {
        minLength: 1,
        maxLength: 3,
        // Unique as written: the writer removes illegal characters.
        selector: (a) =>
          a.storeId.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ''),
      }),
      prices: fc.oneof(positive, cityPrices),
    })
    .map(({ prices, ...rest }) =>
      typeof prices === 'number' ? { ...rest, price: prices } : { ...rest, cityPrices: prices },
    );
}

/** Offers valid under strict rules (unique SKUs). */
export const strictOffers = fc.uniqueArray(
  offerArbitrary(strictSku, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })),
  { minLength: 1, maxLength: 8, selector: (o) => o.sku },
);

/** Offers valid under lenient rules with hostile text everywhere, SKUs included. */
export const hostileOffers = fc.uniqueArray(
  offerArbitrary(nonEmpty(hostileString), hostileString),
  {
    minLength: 1,
    maxLength: 6,
    selector: (o) => o.sku.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ''),
  },
);

/** Header fields with hostile text. */
export const hostileHeader = fc.record({
  company: nonEmpty(hostileString),
  merchantId: nonEmpty(hostileString),
  date: nonEmpty(hostileString),
});

/** A strict-valid offer list with one field broken in one of the ways the guide forbids. */
export const brokenOffers = fc
  .tuple(
    strictOffers,
    fc.nat(),
    fc.constantFrom<Array<(o: Offer) => Offer>>(
      (o) => ({ ...o, sku: `${o.sku}-x` }),
      (o) => ({ ...o, sku: `${o.sku}${'9'.repeat(20)}` }),
      (o) => ({ ...o, model: ' ' }),
      (o) => {
        const { brand: _brand, ...rest } = o;
        return rest as Offer;
      },
      (o) => ({ ...o, availabilities: [] }),
      (o) => ({
        ...o,
        availabilities: [{ storeId: 'PP1', available: true, stockCount: 3, preOrder: 31 }],
      }),
      (o) => ({ ...o, availabilities: [{ storeId: 'PP1', available: true, stockCount: 0 }] }),
      (o) => ({ ...o, availabilities: [{ storeId: 'PP1', available: false, stockCount: 1.5 }] }),
      (o) => ({
        sku: o.sku,
        model: o.model,
        brand: 'B',
        availabilities: o.availabilities,
        price: 0,
      }),
      (o) => ({
        sku: o.sku,
        model: o.model,
        brand: 'B',
        availabilities: o.availabilities,
        price: 12.5,
      }),
      (o) =>
        ({ ...o, price: 5, cityPrices: [{ cityId: '750000000', price: 5 }] }) as unknown as Offer,
      (o) => ({
        sku: o.sku,
        model: o.model,
        brand: 'B',
        availabilities: o.availabilities,
        cityPrices: [],
      }),
    ),
  )
  .map(([offers, at, breakIt]) => {
    const index = at % offers.length;
    const copy = [...offers];
    copy[index] = breakIt(offers[index] as Offer);
    return { offers: copy, index };
  });
