/**
 * One pickup point's availability of an offer (`<availability>`).
 * `stockCount` and `preOrder` are omitted from the XML when undefined (explicit `undefined` is
 * accepted so producers can write `preOrder: days || undefined`).
 */
export interface Availability {
  /** The point code exactly as the seller cabinet shows it, e.g. `PP1`. */
  readonly storeId: string;
  /** `available="yes"` when true, `"no"` when false. */
  readonly available: boolean;
  /** Non-negative whole stock at this point. Required by strict validation. */
  readonly stockCount?: number | undefined;
  /** Pre-order days, 1 to 30. Leave undefined when no pre-order is needed (never 0). */
  readonly preOrder?: number | undefined;
}

/** A price for one city (`<cityprice cityId="…">`). */
export interface CityPrice {
  /** 9-digit Kaspi city code from `GET /v2/cities`, e.g. `750000000` (Almaty). */
  readonly cityId: string;
  /** Whole positive price in KZT, VAT included. */
  readonly price: number;
}

/** Fields every offer has, whichever price form it uses. */
export interface OfferBase {
  /** Merchant SKU: Latin letters and digits, at most 20 characters, unique in the file (strict). */
  readonly sku: string;
  /** Product name. */
  readonly model: string;
  /** Brand. Required (non-empty) by strict validation; real feeds sometimes omit it. */
  readonly brand?: string | undefined;
  /** Pickup points; at least one. */
  readonly availabilities: readonly Availability[];
}

/** An offer priced the same in every city (`<price>`). */
export interface SinglePriceOffer extends OfferBase {
  /** Whole positive price in KZT, VAT included. */
  readonly price: number;
  readonly cityPrices?: undefined;
}

/** An offer priced per city (`<cityprices>`). */
export interface CityPricedOffer extends OfferBase {
  readonly price?: undefined;
  /** At least one city price, each city once. */
  readonly cityPrices: readonly CityPrice[];
}

/** One `<offer>`: either one `price` or per-city `cityPrices`, never both. */
export type Offer = SinglePriceOffer | CityPricedOffer;

/** The root attributes and header elements of a price list. */
export interface PriceListHeader {
  /** `<company>`: the shop name. */
  readonly company: string;
  /** `<merchantid>`: the shop ID from the seller cabinet. */
  readonly merchantId: string;
  /** `kaspi_catalog/@date`. The format is unspecified by Kaspi; see {@link formatPriceListDate}. */
  readonly date: string;
}

/** A whole price list held in memory. */
export interface PriceList extends PriceListHeader {
  readonly offers: readonly Offer[];
}
