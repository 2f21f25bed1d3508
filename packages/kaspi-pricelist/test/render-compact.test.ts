import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Offer } from '../src/index.js';
import { IssueCollector } from '../src/validation/collector.js';
import { OfferText } from '../src/writer/offer-text.js';
import { COMPACT, renderOffer } from '../src/writer/render.js';
import { renderCompactOffer } from '../src/writer/render-compact.js';
import { hostileOffers, strictOffers } from './arbitraries.js';

function both(offer: Offer): [string, string] {
  const text = new OfferText(new IssueCollector('lenient'));
  text.begin(offer, 0);
  return [renderCompactOffer(offer, text), renderOffer(offer, COMPACT, text)];
}

describe('renderCompactOffer', () => {
  it('writes exactly what the layout renderer writes in the compact layout', () => {
    fc.assert(
      fc.property(fc.oneof(strictOffers, hostileOffers), (offers) => {
        for (const offer of offers) {
          const [compact, general] = both(offer);
          expect(compact).toBe(general);
        }
      }),
    );
  });

  it('covers pre-orders, a missing stock count, no brand and city prices', () => {
    const offer: Offer = {
      sku: 'A1',
      model: 'M',
      availabilities: [
        { storeId: 'PP1', available: true, stockCount: 0, preOrder: 5 },
        { storeId: 'PP2', available: false },
        { storeId: 'PP3', available: true, stockCount: 2 },
      ],
      cityPrices: [{ cityId: '750000000', price: 10 }],
    };
    const [compact, general] = both(offer);
    expect(compact).toBe(general);
    expect(compact).toBe(
      '<offer sku="A1"><model>M</model><availabilities>' +
        '<availability available="yes" storeId="PP1" preOrder="5" stockCount="0"/>' +
        '<availability available="no" storeId="PP2"/>' +
        '<availability available="yes" storeId="PP3" stockCount="2"/>' +
        '</availabilities><cityprices><cityprice cityId="750000000">10</cityprice></cityprices></offer>',
    );
  });
});
