import type { PricingConfig } from '../config/schema.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import { roundPrice, roundPriceAtLeast } from './rounding.js';
import type { SkipReason } from './skip-reason.js';

/** The selling price of a product, or why it has none. */
export type PriceResult =
  | { readonly ok: true; readonly price: number; readonly cityPrices: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly reason: SkipReason };

/**
 * The selling price of one product: source price → markup (first matching rule, else default) →
 * rounding → minimum margin over the dealer price → optional per-city prices.
 */
export function priceProduct(product: SupplierProduct, pricing: PricingConfig): PriceResult {
  const dealer = product.prices.dealer;
  const source = product.prices[pricing.source];
  if (
    product.prices.priceOnRequest === true ||
    isOnRequest(dealer, pricing) ||
    isOnRequest(source, pricing)
  ) {
    return { ok: false, reason: 'price-on-request' };
  }
  if (
    product.prices.placeholderPrice === true ||
    isPlaceholder(dealer, pricing) ||
    isPlaceholder(source, pricing)
  ) {
    return { ok: false, reason: 'placeholder-price' };
  }
  if (source === undefined) return { ok: false, reason: 'no-price' };

  const markup = markupFor(product, pricing);
  let price = roundPrice(
    toCents(source * (1 + markup.percent / 100) + markup.fixed),
    pricing.rounding,
  );

  const floor = priceFloor(dealer, pricing);
  if (floor !== undefined && price < floor) {
    if (pricing.belowMinMargin === 'skip') return { ok: false, reason: 'below-min-margin' };
    price = roundPriceAtLeast(floor, pricing.rounding);
  }
  if (!(price > 0)) return { ok: false, reason: 'no-price' };

  const cityPrices = new Map<string, number>();
  for (const city of pricing.cityPrices) {
    let cityPrice = roundPrice(
      toCents(price * (1 + city.percent / 100) + city.fixed),
      pricing.rounding,
    );
    // A negative city adjustment must not take the price under the floor either.
    if (floor !== undefined && cityPrice < floor) {
      if (pricing.belowMinMargin === 'skip') return { ok: false, reason: 'below-min-margin' };
      cityPrice = roundPriceAtLeast(floor, pricing.rounding);
    }
    if (!(cityPrice > 0)) return { ok: false, reason: 'no-price' };
    cityPrices.set(city.cityId, cityPrice);
  }
  return { ok: true, price, cityPrices };
}

/**
 * The lowest price allowed: the dealer price plus `minMarginPercent`. At margin 0 the dealer
 * price itself is the floor (selling below cost is never an accident), unless
 * `allowBelowDealer` is set; without a dealer price there is no floor.
 */
export function priceFloor(dealer: number | undefined, pricing: PricingConfig): number | undefined {
  if (dealer === undefined) return undefined;
  if (pricing.minMarginPercent > 0) return toCents(dealer * (1 + pricing.minMarginPercent / 100));
  return pricing.allowBelowDealer ? undefined : dealer;
}

/** Drops binary floating-point noise (1000 × 1.1 = 1100.0000000000002) before rounding up. */
function toCents(value: number): number {
  return Math.round(value * 100) / 100;
}

function isOnRequest(price: number | undefined, pricing: PricingConfig): boolean {
  return price !== undefined && price <= pricing.onRequestAtOrBelow;
}

function isPlaceholder(price: number | undefined, pricing: PricingConfig): boolean {
  return price !== undefined && price >= pricing.placeholderAtOrAbove;
}

/** The first rule whose category or brand list matches wins; fields it leaves out fall back. */
function markupFor(
  product: SupplierProduct,
  pricing: PricingConfig,
): { percent: number; fixed: number } {
  const brand = product.brand?.toLowerCase();
  for (const rule of pricing.rules) {
    const byCategory =
      rule.category !== undefined && product.category !== undefined
        ? rule.category.includes(product.category)
        : false;
    const byBrand =
      rule.brand !== undefined && brand !== undefined
        ? rule.brand.some((b) => b.toLowerCase() === brand)
        : false;
    if (byCategory || byBrand) {
      return {
        percent: rule.percent ?? pricing.markup.percent,
        fixed: rule.fixed ?? pricing.markup.fixed,
      };
    }
  }
  return { percent: pricing.markup.percent, fixed: pricing.markup.fixed };
}
