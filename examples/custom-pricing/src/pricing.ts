import type { AlStyleProduct } from '@kaspi-connect/alstyle-client';
import type { CityPrice } from '@kaspi-connect/kaspi-pricelist';

/** Your own pricing policy: this is the part of the example you are expected to change. */
export interface PricingRules {
  /** Markup over the dealer price (Al-Style `price1`) when no category rule matches. */
  readonly defaultMarkupPercent: number;
  /** Markup per Al-Style category id, e.g. `{ 3530: 12 }`. */
  readonly categoryMarkupPercent: Readonly<Record<number, number>>;
  /** Every price is rounded up to a multiple of this many KZT (Kaspi wants whole KZT). */
  readonly roundUpTo: number;
  /** One price per city: the base price adjusted by a percentage (delivery costs, competition). */
  readonly cities: readonly { readonly cityId: string; readonly adjustPercent: number }[];
}

/** Why a product did not become an offer. */
export type SkipReason = 'price-on-request' | 'placeholder-price' | 'no-dealer-price';

/** The base (Almaty) price of a product, or why it cannot be sold. */
export function basePrice(
  product: Pick<
    AlStyleProduct,
    'dealerPrice' | 'priceOnRequest' | 'placeholderPrice' | 'categoryId'
  >,
  rules: PricingRules,
): { readonly price: number } | { readonly skip: SkipReason } {
  // Al-Style sends 1 for "price on request" and 9 999 999 for withdrawn items: never sell those.
  if (product.priceOnRequest) return { skip: 'price-on-request' };
  if (product.placeholderPrice) return { skip: 'placeholder-price' };
  if (product.dealerPrice === null || product.dealerPrice <= 0) return { skip: 'no-dealer-price' };
  const markup = rules.categoryMarkupPercent[product.categoryId] ?? rules.defaultMarkupPercent;
  return { price: roundUp(product.dealerPrice * (1 + markup / 100), rules.roundUpTo) };
}

/** The `<cityprices>` of an offer: every configured city, each adjusted from the base price. */
export function cityPrices(base: number, rules: PricingRules): CityPrice[] {
  return rules.cities.map(({ cityId, adjustPercent }) => ({
    cityId,
    price: roundUp(base * (1 + adjustPercent / 100), rules.roundUpTo),
  }));
}

function roundUp(value: number, step: number): number {
  // Cents of floating-point noise (e.g. 1000 * 1.1 = 1100.0000000000002) must not add a step.
  return Math.ceil(Math.round(value * 100) / 100 / step) * step;
}
