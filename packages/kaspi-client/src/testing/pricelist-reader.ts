import {
  type Availability,
  PriceListParseError as FormatError,
  type Offer,
  parsePriceListString,
  type RuleCode,
  type ValidationMode,
} from '@kaspi-connect/kaspi-pricelist';

/** One availability of an offer as written in the price list. */
export type PriceListAvailability = Availability;

/** One readable `<offer>` as read. */
export interface PriceListOffer {
  readonly sku: string;
  readonly model: string;
  readonly brand: string;
  readonly availabilities: readonly PriceListAvailability[];
  /** The single price for every city, KZT, if present. */
  readonly price: number | undefined;
  /** `cityId` → price, KZT. */
  readonly cityPrices: ReadonlyMap<string, number>;
}

/** An `<offer>` the acceptance model refuses under the chosen policy. */
export interface RefusedOffer {
  readonly sku: string;
  /** 1-based line of the `<offer>` tag. */
  readonly line: number;
  /** The rule codes that refuse it, in the order found. */
  readonly rules: readonly RuleCode[];
}

/** A parsed `kaspi_catalog`: the offers the model accepts and those it refuses. */
export interface PriceListDocument {
  readonly company: string;
  readonly merchantId: string;
  readonly offers: readonly PriceListOffer[];
  readonly refused: readonly RefusedOffer[];
}

/** Thrown for XML that is not well-formed or not a `kaspi_catalog`; names line and column. */
export class PriceListParseError extends Error {
  override name = 'PriceListParseError';
}

function toOffer(offer: Offer): PriceListOffer {
  const cityPrices = new Map<string, number>();
  for (const cp of offer.cityPrices ?? []) cityPrices.set(cp.cityId, cp.price);
  return {
    sku: offer.sku,
    model: offer.model,
    brand: offer.brand ?? '',
    availabilities: offer.availabilities,
    price: offer.price,
    cityPrices,
  };
}

/**
 * Reads a price list with the validator's own parser and acceptance model
 * (`@kaspi-connect/kaspi-pricelist`): `strict` refuses offers that break error- or warning-level
 * rules, `lenient` only error-level ones. The simulator and the validator therefore cannot drift.
 */
export function readPriceList(xml: string, policy: ValidationMode = 'lenient'): PriceListDocument {
  let parsed: ReturnType<typeof parsePriceListString>;
  try {
    parsed = parsePriceListString(xml, { mode: policy, onInvalid: 'skip' });
  } catch (error) {
    if (FormatError.isInstance(error))
      throw new PriceListParseError(`price list refused: ${error.message}`);
    throw error;
  }
  return {
    company: parsed.priceList.company,
    merchantId: parsed.priceList.merchantId,
    offers: parsed.priceList.offers.map(toOffer),
    refused: parsed.rejected.map((r) => ({ sku: r.sku, line: r.line, rules: r.errors })),
  };
}
