import { diffPriceLists, type Offer } from '@kaspi-connect/kaspi-pricelist';
import type { SkuMappingRecord } from '../state/state-store.js';
import type { FeedChangeSummary } from './run-summary.js';
import { skuChanges } from './sku-changes.js';

/** An offer counts as available when any of its stores is. */
export function isOfferAvailable(offer: Offer): boolean {
  return offer.availabilities.some((availability) => availability.available);
}

/** Rebuilds the last published offers from the stored SKU mapping (what the guards compare to). */
export function offersFromMappings(
  mappings: readonly SkuMappingRecord[],
  stores: readonly { readonly id: string; readonly preOrderDays: number }[],
): Offer[] {
  return mappings.map((mapping) => {
    const availabilities = stores.map((store) => {
      // Rows from before per-store stock was kept published the same stock at every store.
      const stock =
        mapping.storeStock?.[store.id] ??
        (mapping.storeStock === undefined
          ? { stockCount: mapping.stockCount, available: mapping.available }
          : { stockCount: 0, available: false });
      return {
        storeId: store.id,
        available: stock.available,
        stockCount: stock.stockCount,
        ...(store.preOrderDays > 0 && stock.available ? { preOrder: store.preOrderDays } : {}),
      };
    });
    const cityPrices = Object.entries(mapping.cityPrices).map(([cityId, price]) => ({
      cityId,
      price,
    }));
    const base = { sku: mapping.sku, model: mapping.model, brand: mapping.brand, availabilities };
    return cityPrices.length > 0 ? { ...base, cityPrices } : { ...base, price: mapping.price };
  });
}

/** Summarises `diffPriceLists` into the numbers the safety guards check. */
export function summariseChanges(
  previous: readonly Offer[],
  next: readonly Offer[],
  priceChangePercent: number,
): FeedChangeSummary & {
  readonly changed: boolean;
  readonly skus: () => ReturnType<typeof skuChanges>;
} {
  const diff = diffPriceLists(previous, next);
  const before = new Map(previous.map((offer) => [offer.sku, offer]));
  const after = new Map(next.map((offer) => [offer.sku, offer]));
  let becameAvailable = 0;
  let becameUnavailable = 0;
  for (const sku of new Set(diff.availabilityChanges.map((change) => change.sku))) {
    const was = before.get(sku);
    const now = after.get(sku);
    if (was === undefined || now === undefined) continue;
    if (isOfferAvailable(was) && !isOfferAvailable(now)) becameUnavailable++;
    if (!isOfferAvailable(was) && isOfferAvailable(now)) becameAvailable++;
  }
  const bigMoves = new Set<string>();
  for (const change of diff.priceChanges) {
    if (change.before === undefined || change.after === undefined) continue;
    const moved = (Math.abs(change.after - change.before) / change.before) * 100;
    if (moved > priceChangePercent) bigMoves.add(change.sku);
  }
  const s = diff.summary;
  return {
    skus: () => skuChanges(diff, before, after),
    previousOffers: s.before,
    added: s.added,
    removed: s.removed,
    becameAvailable,
    becameUnavailable,
    priceChanged: s.priceChanged,
    priceChangedBeyondThreshold: bigMoves.size,
    changed:
      s.added +
        s.removed +
        s.priceChanged +
        s.availabilityChanged +
        s.stockChanged +
        s.detailsChanged >
      0,
  };
}
