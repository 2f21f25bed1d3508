import type { Availability, Offer } from '../model/types.js';

/** A price that changed, appeared or disappeared. `cityId` is undefined for the single `price`. */
export interface PriceChange {
  readonly sku: string;
  readonly cityId?: string;
  /** Undefined when the price did not exist before (e.g. a city added, or price form switched). */
  readonly before?: number;
  /** Undefined when the price no longer exists. */
  readonly after?: number;
}

/** A pickup point whose `available` flag flipped, or that was added to or removed from an offer. */
export interface AvailabilityChange {
  readonly sku: string;
  readonly storeId: string;
  /** Undefined when the offer did not list this store before. */
  readonly before?: boolean;
  /** Undefined when the offer no longer lists this store. */
  readonly after?: boolean;
}

/** A pickup point listed before and after whose stock or pre-order days changed. */
export interface StockChange {
  readonly sku: string;
  readonly storeId: string;
  readonly before: Pick<Availability, 'stockCount' | 'preOrder'>;
  readonly after: Pick<Availability, 'stockCount' | 'preOrder'>;
}

/** A changed `model` or `brand`. */
export interface DetailChange {
  readonly sku: string;
  readonly field: 'model' | 'brand';
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** Counts for logs and safety guards; price/availability/stock/details count offers, not rows. */
export interface PriceListDiffSummary {
  readonly before: number;
  readonly after: number;
  readonly added: number;
  readonly removed: number;
  readonly priceChanged: number;
  readonly availabilityChanged: number;
  readonly stockChanged: number;
  readonly detailsChanged: number;
  readonly unchanged: number;
}

/** Everything that differs between two price lists, keyed by SKU. */
export interface PriceListDiff {
  /** Offers only in `after`, in `after`'s order. */
  readonly added: readonly Offer[];
  /** Offers only in `before`, in `before`'s order. */
  readonly removed: readonly Offer[];
  readonly priceChanges: readonly PriceChange[];
  readonly availabilityChanges: readonly AvailabilityChange[];
  readonly stockChanges: readonly StockChange[];
  readonly detailChanges: readonly DetailChange[];
  readonly summary: PriceListDiffSummary;
}

/** Anything holding offers: a `PriceList` or a bare iterable. */
export type OfferCollection = { readonly offers: Iterable<Offer> } | Iterable<Offer>;

function bySku(collection: OfferCollection): Map<string, Offer> {
  const offers = Symbol.iterator in collection ? collection : collection.offers;
  const map = new Map<string, Offer>();
  // Duplicate SKUs (only possible in lenient input): the last one wins, as the file's last word.
  for (const offer of offers) map.set(offer.sku, offer);
  return map;
}

function pricesOf(offer: Offer): Map<string | undefined, number> {
  const prices = new Map<string | undefined, number>();
  if (offer.cityPrices !== undefined) {
    for (const cp of offer.cityPrices) prices.set(cp.cityId, cp.price);
  } else if (offer.price !== undefined) prices.set(undefined, offer.price);
  return prices;
}

function storesOf(offer: Offer): Map<string, Availability> {
  const stores = new Map<string, Availability>();
  for (const a of offer.availabilities) stores.set(a.storeId, a);
  return stores;
}

const stockOf = (a: Availability): Pick<Availability, 'stockCount' | 'preOrder'> => {
  const stock: { stockCount?: number; preOrder?: number } = {};
  if (a.stockCount !== undefined) stock.stockCount = a.stockCount;
  if (a.preOrder !== undefined) stock.preOrder = a.preOrder;
  return stock;
};

function priceChange(
  sku: string,
  cityId: string | undefined,
  before?: number,
  after?: number,
): PriceChange {
  const change: { sku: string; cityId?: string; before?: number; after?: number } = { sku };
  if (cityId !== undefined) change.cityId = cityId;
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

function availabilityChange(
  sku: string,
  storeId: string,
  before?: boolean,
  after?: boolean,
): AvailabilityChange {
  const change: { sku: string; storeId: string; before?: boolean; after?: boolean } = {
    sku,
    storeId,
  };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

/**
 * Compares two price lists by SKU: added and removed offers, price changes (single and per city),
 * availability flips and store additions/removals, stock and pre-order changes, model/brand changes,
 * with summary counts. Runs in O(n) time; holds both lists' offers in maps.
 */
export function diffPriceLists(before: OfferCollection, after: OfferCollection): PriceListDiff {
  const old = bySku(before);
  const next = bySku(after);
  const added: Offer[] = [];
  const removed: Offer[] = [];
  const priceChanges: PriceChange[] = [];
  const availabilityChanges: AvailabilityChange[] = [];
  const stockChanges: StockChange[] = [];
  const detailChanges: DetailChange[] = [];
  let priceChanged = 0;
  let availabilityChanged = 0;
  let stockChanged = 0;
  let detailsChanged = 0;
  let unchanged = 0;

  for (const [sku, offer] of old) if (!next.has(sku)) removed.push(offer);
  for (const [sku, now] of next) {
    const was = old.get(sku);
    if (was === undefined) {
      added.push(now);
      continue;
    }
    const counts = [
      priceChanges.length,
      availabilityChanges.length,
      stockChanges.length,
      detailChanges.length,
    ];

    const oldPrices = pricesOf(was);
    const newPrices = pricesOf(now);
    for (const [city, price] of oldPrices) {
      const current = newPrices.get(city);
      if (current !== price) priceChanges.push(priceChange(sku, city, price, current));
    }
    for (const [city, price] of newPrices) {
      if (!oldPrices.has(city)) priceChanges.push(priceChange(sku, city, undefined, price));
    }

    const oldStores = storesOf(was);
    const newStores = storesOf(now);
    for (const [storeId, a] of oldStores) {
      const b = newStores.get(storeId);
      if (b === undefined)
        availabilityChanges.push(availabilityChange(sku, storeId, a.available, undefined));
      else {
        if (a.available !== b.available)
          availabilityChanges.push(availabilityChange(sku, storeId, a.available, b.available));
        if (a.stockCount !== b.stockCount || a.preOrder !== b.preOrder)
          stockChanges.push({ sku, storeId, before: stockOf(a), after: stockOf(b) });
      }
    }
    for (const [storeId, b] of newStores) {
      if (!oldStores.has(storeId))
        availabilityChanges.push(availabilityChange(sku, storeId, undefined, b.available));
    }

    if (was.model !== now.model)
      detailChanges.push({ sku, field: 'model', before: was.model, after: now.model });
    if (was.brand !== now.brand)
      detailChanges.push({ sku, field: 'brand', before: was.brand, after: now.brand });

    const [p, a, s, d] = counts as [number, number, number, number];
    const changed = [
      priceChanges.length > p,
      availabilityChanges.length > a,
      stockChanges.length > s,
      detailChanges.length > d,
    ];
    if (changed[0]) priceChanged++;
    if (changed[1]) availabilityChanged++;
    if (changed[2]) stockChanged++;
    if (changed[3]) detailsChanged++;
    if (!changed.includes(true)) unchanged++;
  }

  return {
    added,
    removed,
    priceChanges,
    availabilityChanges,
    stockChanges,
    detailChanges,
    summary: {
      before: old.size,
      after: next.size,
      added: added.length,
      removed: removed.length,
      priceChanged,
      availabilityChanged,
      stockChanged,
      detailsChanged,
      unchanged,
    },
  };
}
