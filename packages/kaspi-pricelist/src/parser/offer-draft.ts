import type { Availability, CityPrice, Offer } from '../model/types.js';

const WHOLE = /^[0-9]+$/;

/** An offer being read: its fields so far and where it started. */
export interface OfferDraft {
  sku: string;
  model?: string;
  brand?: string;
  availabilities: Availability[];
  price?: unknown;
  cityPrices?: CityPrice[];
  line: number;
  column: number;
  offset: number;
  errorsAtStart: number;
  lastChild: number;
  /** Bit per child element already seen (the reader's OFFER_CHILD_BITS). */
  seen: number;
}

/** A whole number as a number; anything else stays the text as written. */
export function toWhole(text: string): unknown {
  const trimmed = text.trim();
  return WHOLE.test(trimmed) ? Number(trimmed) : text;
}

/** The offer a draft describes; values that could not be read stay raw for the validator. */
export function buildOffer(draft: OfferDraft): Offer {
  const offer: {
    sku: string;
    model: string;
    brand?: string;
    availabilities: Availability[];
    price?: number;
    cityPrices?: CityPrice[];
  } = {
    sku: draft.sku,
    model: draft.model as string,
    availabilities: draft.availabilities,
  };
  if (draft.brand !== undefined) offer.brand = draft.brand;
  if (draft.price !== undefined) offer.price = draft.price as number;
  if (draft.cityPrices !== undefined) offer.cityPrices = draft.cityPrices;
  return offer as unknown as Offer;
}
