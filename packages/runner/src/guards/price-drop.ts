import type { Offer } from '@kaspi-connect/kaspi-pricelist';
import type { GuardsConfig } from '../config/schema.js';
import type { PriceHoldRecord, SkuMappingRecord } from '../state/state-store.js';

/** Offers after the per-offer price guard, and the ones it held back. */
export interface PriceDropResult {
  readonly offers: Offer[];
  readonly mappings: SkuMappingRecord[];
  readonly holds: PriceHoldRecord[];
}

/**
 * The per-offer guard: an offer whose price falls more than `maxOfferPriceDropPercent` against
 * the last published price keeps that price (`hold`) or goes out as unavailable at it (`skip`),
 * so one bad supplier value (a price divided by 1 000) never sells an item for nothing, even
 * when too few offers moved to trip the feed-wide guards. `accept` (from `--force`) lets the
 * new prices through. The last published price is the stored mapping, so a hold lasts until
 * the price comes back or a person accepts it.
 */
export function applyPriceDropGuard(
  offers: readonly Offer[],
  mappings: readonly SkuMappingRecord[],
  previous: readonly SkuMappingRecord[],
  config: GuardsConfig,
  accept = false,
): PriceDropResult {
  const before = new Map(previous.map((mapping) => [mapping.sku, mapping]));
  const outOffers: Offer[] = [];
  const outMappings: SkuMappingRecord[] = [];
  const holds: PriceHoldRecord[] = [];
  offers.forEach((offer, index) => {
    const mapping = mappings[index] as SkuMappingRecord;
    const last = before.get(offer.sku);
    if (accept || last === undefined || !droppedTooFar(last, mapping, config)) {
      outOffers.push(offer);
      outMappings.push(mapping);
      return;
    }
    const action = config.onOfferPriceDrop;
    holds.push({ sku: offer.sku, publishedPrice: last.price, wantedPrice: mapping.price, action });
    const priced = withPrices(offer, last);
    if (action === 'hold') {
      outOffers.push(priced);
      outMappings.push({ ...mapping, price: last.price, cityPrices: last.cityPrices });
      return;
    }
    outOffers.push({
      ...priced,
      availabilities: offer.availabilities.map((a) => ({
        storeId: a.storeId,
        available: false,
        stockCount: 0,
      })),
    });
    outMappings.push({
      ...mapping,
      price: last.price,
      cityPrices: last.cityPrices,
      available: false,
      stockCount: 0,
      storeStock: undefined,
    });
  });
  return { offers: outOffers, mappings: outMappings, holds };
}

function droppedTooFar(
  last: SkuMappingRecord,
  next: SkuMappingRecord,
  config: GuardsConfig,
): boolean {
  const limit = config.maxOfferPriceDropPercent;
  const fell = (was: number | undefined, now: number | undefined) =>
    was !== undefined && now !== undefined && was > 0 && ((was - now) / was) * 100 > limit;
  if (fell(last.price, next.price)) return true;
  return Object.entries(next.cityPrices).some(([city, price]) =>
    fell(last.cityPrices[city], price),
  );
}

/** The offer with the last published price(s), in the shape (price or cityPrices) it has now. */
function withPrices(offer: Offer, last: SkuMappingRecord): Offer {
  const lastCities = Object.entries(last.cityPrices);
  if (offer.cityPrices !== undefined && offer.cityPrices.length > 0 && lastCities.length > 0) {
    const { price: _price, ...rest } = offer;
    return { ...rest, cityPrices: lastCities.map(([cityId, price]) => ({ cityId, price })) };
  }
  const { cityPrices: _cityPrices, ...rest } = offer;
  return { ...rest, price: last.price };
}
