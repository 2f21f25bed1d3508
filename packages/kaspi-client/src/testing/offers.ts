import type { PriceListAvailability, PriceListDocument } from './pricelist-reader.js';

/** An offer Kaspi accepted from the price list and shows to buyers. */
export interface SimulatedOffer {
  readonly sku: string;
  readonly model: string;
  readonly brand: string;
  readonly availabilities: readonly PriceListAvailability[];
  /** Single price for every city, KZT. */
  readonly price: number | undefined;
  /** Price per city code, KZT. */
  readonly cityPrices: ReadonlyMap<string, number>;
}

/** An offer the simulator refused while loading, and why. */
export interface RejectedOffer {
  readonly sku: string;
  readonly line: number;
  readonly reason: string;
}

/**
 * `strict`: the guide's rules (SKU `[A-Za-z0-9]{1,20}`, unique; integer price > 0; price or
 * city prices, not both; preOrder ≤ 30; at least one availability). `lenient`: only a SKU and a
 * usable price. Whether Kaspi itself accepts rule-breaking offers is unknown.
 */
export type OfferPolicy = 'strict' | 'lenient';

const SKU = /^[A-Za-z0-9]{1,20}$/;
const PRICE = /^\d+$/;

/** Applies Kaspi's documented price-list rules to a parsed document. */
export function acceptOffers(
  doc: PriceListDocument,
  policy: OfferPolicy,
): { offers: Map<string, SimulatedOffer>; rejected: RejectedOffer[] } {
  const offers = new Map<string, SimulatedOffer>();
  const rejected: RejectedOffer[] = [];
  for (const o of doc.offers) {
    const reject = (reason: string) => rejected.push({ sku: o.sku, line: o.line, reason });
    if (o.sku === '') {
      reject('offer has no sku');
      continue;
    }
    if (policy === 'strict' && !SKU.test(o.sku)) {
      reject('sku must be 1-20 Latin letters and digits');
      continue;
    }
    if (offers.has(o.sku)) {
      reject('sku appears more than once');
      continue;
    }
    const parsePrice = (text: string): number | undefined => {
      const t = text.trim();
      if (policy === 'strict' && !PRICE.test(t)) return undefined;
      const n = Number(t);
      return Number.isFinite(n) && n > 0 ? n : undefined;
    };
    const price = o.price === undefined ? undefined : parsePrice(o.price);
    if (o.price !== undefined && price === undefined) {
      reject(`price ${JSON.stringify(o.price)} is not a positive integer`);
      continue;
    }
    const cityPrices = new Map<string, number>();
    let badCity: string | undefined;
    for (const [city, text] of o.cityPrices) {
      const p = parsePrice(text);
      if (p === undefined) badCity = city;
      else cityPrices.set(city, p);
    }
    if (badCity !== undefined) {
      reject(`cityprice for ${badCity} is not a positive integer`);
      continue;
    }
    if (price === undefined && cityPrices.size === 0) {
      reject('offer has neither price nor cityprices');
      continue;
    }
    if (policy === 'strict') {
      if (price !== undefined && cityPrices.size > 0) {
        reject('offer has both price and cityprices');
        continue;
      }
      if (o.availabilities.length === 0) {
        reject('offer has no availability');
        continue;
      }
      const badPreOrder = o.availabilities.find(
        (a) => a.preOrder !== undefined && !(Number.isInteger(a.preOrder) && a.preOrder <= 30),
      );
      if (badPreOrder) {
        reject(`preOrder ${badPreOrder.preOrder} is above 30`);
        continue;
      }
    }
    offers.set(o.sku, {
      sku: o.sku,
      model: o.model,
      brand: o.brand,
      availabilities: o.availabilities,
      price,
      cityPrices,
    });
  }
  return { offers, rejected };
}
