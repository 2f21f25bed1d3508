import type { AlStyleClient } from '@kaspi-connect/alstyle-client';
import { deriveSku, type Offer, renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import { basePrice, cityPrices, type PricingRules, type SkipReason } from './pricing.js';

/** Your shop as the Kaspi cabinet shows it (see docs/credentials.md). */
export interface ShopSettings {
  readonly company: string;
  readonly merchantId: string;
  /** Point codes from "Склады и магазины", e.g. `["PP1"]`. */
  readonly storeIds: readonly string[];
  /** Published stock never exceeds this; Al-Style's `">50"` is published as min(51, cap). */
  readonly stockCap: number;
  /** Letters before the article code in every SKU; never change it once published. */
  readonly skuPrefix: string;
}

/** The feed and what happened to every product. */
export interface BuiltFeed {
  readonly xml: string;
  readonly offers: readonly Offer[];
  readonly skipped: Readonly<Record<SkipReason | 'no-brand', number>>;
}

/**
 * Reads the whole Al-Style catalogue (ceil(N / 250) requests at the supplier's rate limit), prices
 * every product with `rules` and renders a strictly validated Kaspi price list. Products that are
 * out of stock stay in the feed as `available="no"`: Kaspi treats the file as the whole catalogue.
 */
export async function buildFeed(
  client: AlStyleClient,
  shop: ShopSettings,
  rules: PricingRules,
  signal?: AbortSignal,
): Promise<BuiltFeed> {
  const offers: Offer[] = [];
  const skipped = {
    'price-on-request': 0,
    'placeholder-price': 0,
    'no-dealer-price': 0,
    'no-brand': 0,
  };
  for await (const product of client.iterateProducts({
    fields: ['brand'],
    ...(signal ? { signal } : {}),
  })) {
    const priced = basePrice(product, rules);
    if ('skip' in priced) {
      skipped[priced.skip] += 1;
      continue;
    }
    const brand = product.brand?.trim();
    if (!brand) {
      skipped['no-brand'] += 1;
      continue;
    }
    const stockCount = Math.min(product.quantity.min, shop.stockCap);
    offers.push({
      sku: deriveSku(shop.skuPrefix, product.article),
      model: product.name,
      brand,
      availabilities: shop.storeIds.map((storeId) => ({
        storeId,
        available: stockCount > 0,
        stockCount,
      })),
      cityPrices: cityPrices(priced.price, rules),
    });
  }
  // Strict mode and onInvalid 'throw': one invalid offer fails the build instead of publishing it.
  const { xml } = renderPriceList(
    { company: shop.company, merchantId: shop.merchantId, offers },
    { mode: 'strict', onInvalid: 'throw' },
  );
  return { xml, offers, skipped };
}
