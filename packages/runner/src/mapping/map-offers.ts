import type { Availability, Offer } from '@kaspi-connect/kaspi-pricelist';
import type { KaspiConnectConfig } from '../config/schema.js';
import type { SkuMappingRecord } from '../state/state-store.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import { allocateStock } from './allocate-stock.js';
import { filterProduct } from './filters.js';
import { priceProduct } from './pricing.js';
import type { SkipReason } from './skip-reason.js';
import { skuFor } from './sku.js';

/** The config sections `mapOffers` reads. */
export type MappingConfig = Pick<
  KaspiConnectConfig,
  'shop' | 'pricing' | 'filters' | 'stock' | 'feed'
>;

/** A product that did not become an offer, and why. */
export interface SkippedProduct {
  readonly supplier: string;
  readonly key: string;
  readonly reason: SkipReason;
}

/** Offers built by `mapOffers`, the SKU mapping to store, and what was skipped. */
export interface MappedOffers {
  /** Offers in SKU order: the products that passed plus retained ones. */
  readonly offers: Offer[];
  /** The SKU mapping to store once these offers are published. */
  readonly mappings: SkuMappingRecord[];
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** The first few skipped products of each reason, for the log. */
  readonly skippedSamples: SkippedProduct[];
  /** Every skipped product, for `status --skipped`. */
  readonly skippedProducts: SkippedProduct[];
  /** Previously published offers kept as available="no" (product gone or now skipped). */
  readonly retained: number;
  /** Previously published offers dropped after `feed.retireAfterDays`. */
  readonly retired: number;
}

/** Options of `mapOffers`. */
export interface MapOffersOptions {
  /** SKU prefix per supplier id (1-10 Latin letters; see `deriveSku`). */
  readonly skuPrefixes: Readonly<Record<string, string>>;
  /** The live SKU mapping of the last published feed, to keep vanished offers as unavailable. */
  readonly previous?: readonly SkuMappingRecord[] | undefined;
  readonly now?: Date | undefined;
}

const SAMPLES_PER_REASON = 5;
const DAY_MS = 86_400_000;

type Entry = { readonly offer: Offer; readonly mapping: SkuMappingRecord };

/** Turns products into Kaspi offers by the configured rules; products must have unique keys. */
export function mapOffers(
  products: Iterable<SupplierProduct>,
  config: MappingConfig,
  options: MapOffersOptions,
): MappedOffers {
  const now = options.now ?? new Date();
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skippedSamples: SkippedProduct[] = [];
  const skippedProducts: SkippedProduct[] = [];
  const bySku = new Map<string, Entry>();

  const skip = (product: SupplierProduct, reason: SkipReason) => {
    const count = (skipped[reason] ?? 0) + 1;
    skipped[reason] = count;
    skippedProducts.push({ supplier: product.supplier, key: product.key, reason });
    if (count <= SAMPLES_PER_REASON) {
      skippedSamples.push({ supplier: product.supplier, key: product.key, reason });
    }
  };

  for (const product of products) {
    const entry = entryOf(product, config, options.skuPrefixes[product.supplier], now);
    if (typeof entry === 'string') skip(product, entry);
    else if (bySku.has(entry.offer.sku)) skip(product, 'duplicate-sku');
    else bySku.set(entry.offer.sku, entry);
  }
  const { retained, retired } = retainPrevious(bySku, options.previous ?? [], config, now);

  const sorted = [...bySku.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    offers: sorted.map(([, entry]) => entry.offer),
    mappings: sorted.map(([, entry]) => entry.mapping),
    skipped,
    skippedSamples,
    skippedProducts,
    retained,
    retired,
  };
}

/** One product as an offer and its SKU mapping, or the reason it is skipped. */
function entryOf(
  product: SupplierProduct,
  config: MappingConfig,
  prefix: string | undefined,
  now: Date,
): Entry | SkipReason {
  const filtered = filterProduct(product, config.filters);
  if (filtered !== undefined) return filtered;
  const model = cleanText(product.name);
  if (model === '') return 'missing-name';
  const brand = cleanText(product.brand ?? '') || config.filters.fallbackBrand;
  if (brand === undefined || brand === '') return 'missing-brand';
  if (product.stock === undefined) return 'unreadable-stock';
  const priced = priceProduct(product, config.pricing);
  if (!priced.ok) return priced.reason;
  const sku = prefix === undefined ? undefined : skuFor(product, prefix);
  if (sku === undefined) return 'invalid-sku';
  const perStore = allocateStock(product.stock, config.shop.stores, config.stock);
  const availabilities = config.shop.stores.map((store, index): Availability => {
    const stock = perStore[index] ?? { stockCount: 0, available: false };
    return {
      storeId: store.id,
      available: stock.available,
      stockCount: stock.stockCount,
      // Pre-order days only mean something for an offer a buyer can order.
      ...(store.preOrderDays > 0 && stock.available ? { preOrder: store.preOrderDays } : {}),
    };
  });
  const cityPrices = [...priced.cityPrices].map(([cityId, price]) => ({ cityId, price }));
  const offer: Offer =
    cityPrices.length > 0
      ? { sku, model, brand, availabilities, cityPrices }
      : { sku, model, brand, availabilities, price: priced.price };
  return {
    offer,
    mapping: {
      sku,
      supplier: product.supplier,
      productKey: product.key,
      model,
      brand,
      price: priced.price,
      cityPrices: Object.fromEntries(priced.cityPrices),
      available: perStore.some((store) => store.available),
      stockCount: perStore.reduce((sum, store) => sum + store.stockCount, 0),
      storeStock: Object.fromEntries(
        perStore.map((store) => [
          store.storeId,
          { stockCount: store.stockCount, available: store.available },
        ]),
      ),
      lastSeenAt: now,
      lastPublishedAt: now,
    },
  };
}

/**
 * Kaspi treats the file as the whole assortment: an offer we published before stays as
 * available="no" with its last price until it has been gone for retireAfterDays.
 */
function retainPrevious(
  bySku: Map<string, Entry>,
  previous: readonly SkuMappingRecord[],
  config: MappingConfig,
  now: Date,
): { retained: number; retired: number } {
  let retained = 0;
  let retired = 0;
  for (const mapping of previous) {
    if (bySku.has(mapping.sku)) continue;
    if (now.getTime() - mapping.lastSeenAt.getTime() > config.feed.retireAfterDays * DAY_MS) {
      retired++;
      continue;
    }
    retained++;
    const availabilities = config.shop.stores.map(
      (store): Availability => ({ storeId: store.id, available: false, stockCount: 0 }),
    );
    const cityPrices = Object.entries(mapping.cityPrices).map(([cityId, price]) => ({
      cityId,
      price,
    }));
    const { sku, model, brand } = mapping;
    const offer: Offer =
      cityPrices.length > 0
        ? { sku, model, brand, availabilities, cityPrices }
        : { sku, model, brand, availabilities, price: mapping.price };
    bySku.set(sku, {
      offer,
      mapping: {
        ...mapping,
        available: false,
        stockCount: 0,
        storeStock: undefined,
        lastPublishedAt: now,
      },
    });
  }
  return { retained, retired };
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Decodes HTML entities the supplier left in its text (the original feed published
 * `&amp;quot;`), drops control characters and collapses whitespace. The writer escapes once.
 */
export function cleanText(value: string): string {
  return (
    value
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
        if (body.startsWith('#')) {
          const code = /^#x/i.test(body)
            ? Number.parseInt(body.slice(2), 16)
            : Number.parseInt(body.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
        }
        return HTML_ENTITIES[body.toLowerCase()] ?? entity;
      })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
