import type { Offer, PriceListDiff } from '@kaspi-connect/kaspi-pricelist';
import { isOfferAvailable } from './feed-changes.js';

/** What happened to one SKU against the live feed; kept with a refused run so a person can judge it. */
export interface SkuChange {
  readonly sku: string;
  readonly kind: 'removed' | 'became-unavailable' | 'price' | 'added' | 'became-available';
  /** Price before and after (`price`), or the offer's price (`added`, `removed`). */
  readonly before?: number | undefined;
  readonly after?: number | undefined;
  /** Price move in percent, for `price`. */
  readonly movedPercent?: number | undefined;
}

/** A refused run keeps at most this many SKUs: the counts stay complete, the list shows a sample. */
export const SKU_CHANGES_KEPT = 500;

const ORDER: Readonly<Record<SkuChange['kind'], number>> = {
  removed: 0,
  'became-unavailable': 1,
  price: 2,
  added: 3,
  'became-available': 4,
};

function basePrice(offer: Offer): number | undefined {
  return offer.price ?? offer.cityPrices?.[0]?.price;
}

/**
 * The per-SKU changes a guard judges, most harmful first (removals, lost availability, the
 * largest price moves), capped at `limit`, with the uncapped count.
 */
export function skuChanges(
  diff: PriceListDiff,
  before: ReadonlyMap<string, Offer>,
  after: ReadonlyMap<string, Offer>,
  limit = SKU_CHANGES_KEPT,
): { readonly changes: SkuChange[]; readonly total: number } {
  const changes: SkuChange[] = [];
  for (const offer of diff.removed) {
    changes.push({ sku: offer.sku, kind: 'removed', before: basePrice(offer) });
  }
  for (const offer of diff.added) {
    changes.push({ sku: offer.sku, kind: 'added', after: basePrice(offer) });
  }
  for (const sku of new Set(diff.availabilityChanges.map((change) => change.sku))) {
    const was = before.get(sku);
    const now = after.get(sku);
    if (was === undefined || now === undefined) continue;
    if (isOfferAvailable(was) && !isOfferAvailable(now)) {
      changes.push({ sku, kind: 'became-unavailable' });
    } else if (!isOfferAvailable(was) && isOfferAvailable(now)) {
      changes.push({ sku, kind: 'became-available' });
    }
  }
  const priced = new Set<string>();
  for (const change of diff.priceChanges) {
    if (change.before === undefined || change.after === undefined || priced.has(change.sku)) {
      continue;
    }
    priced.add(change.sku);
    const movedPercent = ((change.after - change.before) / change.before) * 100;
    changes.push({
      sku: change.sku,
      kind: 'price',
      before: change.before,
      after: change.after,
      movedPercent: Math.round(movedPercent * 10) / 10,
    });
  }
  changes.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      Math.abs(b.movedPercent ?? 0) - Math.abs(a.movedPercent ?? 0) ||
      a.sku.localeCompare(b.sku),
  );
  return { changes: changes.slice(0, limit), total: changes.length };
}
