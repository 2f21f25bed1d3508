import { MAX_PRE_ORDER_DAYS } from '../model/constants.js';
import { SKU_MAX_LENGTH } from '../model/sku.js';
import type { Offer } from '../model/types.js';
import {
  CITY_ID,
  hasIllegal,
  hasSkuChars,
  isNonEmptyString,
  isNonNegativeWhole,
  isPositiveWhole,
} from './checks.js';

// Longer lists are rare; the full check handles them with a set.
const MAX_LINEAR = 16;

/**
 * The validator's fast path: true only when `offer` breaks no rule, neither an error nor a
 * warning, apart from SKU uniqueness, which the caller's set decides. Anything unusual (a hole, a
 * non-object entry, more than 16 stores or cities) answers false and goes to the full check, the
 * reference, so this may refuse a clean offer but never accept one the full check would report.
 *
 * Measured reason (README, Performance): the full check keeps per-offer state for building issues
 * and compiles into large optimized code; this small predicate is cheaper per offer and, at 100k
 * offers, reaches optimized code sooner.
 */
export function isCleanOffer(
  offer: Offer,
  checkCharacters: boolean,
  merchantPrefix: string | undefined,
): boolean {
  const sku: unknown = offer.sku;
  // Latin letters and digits only: nothing to escape and no illegal character.
  if (typeof sku !== 'string' || sku.length === 0 || sku.length > SKU_MAX_LENGTH) return false;
  if (!hasSkuChars(sku)) return false;
  const model: unknown = offer.model;
  const brand: unknown = offer.brand;
  if (!isNonEmptyString(model) || !isNonEmptyString(brand)) return false;
  if (checkCharacters && (hasIllegal(model) || hasIllegal(brand))) return false;
  return (
    areCleanAvailabilities(offer.availabilities, checkCharacters, merchantPrefix) &&
    arePricesClean(offer)
  );
}

function areCleanAvailabilities(
  list: unknown,
  checkCharacters: boolean,
  merchantPrefix: string | undefined,
): boolean {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LINEAR) return false;
  for (let i = 0; i < list.length; i++) {
    const a: unknown = list[i];
    if (typeof a !== 'object' || a === null) return false;
    const { storeId, available, stockCount, preOrder } = a as Record<string, unknown>;
    if (!isNonEmptyString(storeId)) return false;
    if (checkCharacters && hasIllegal(storeId)) return false;
    if (merchantPrefix !== undefined && storeId.startsWith(merchantPrefix)) return false;
    for (let j = 0; j < i; j++) {
      if ((list[j] as { storeId: unknown }).storeId === storeId) return false;
    }
    if (typeof available !== 'boolean' || !isNonNegativeWhole(stockCount)) return false;
    if (preOrder === undefined) {
      if (available && stockCount === 0) return false;
    } else if (!isPositiveWhole(preOrder) || preOrder > MAX_PRE_ORDER_DAYS) return false;
  }
  return true;
}

function arePricesClean(offer: Offer): boolean {
  const price: unknown = offer.price;
  const cityPrices: unknown = offer.cityPrices;
  if (cityPrices === undefined) return isPositiveWhole(price);
  if (price !== undefined || !Array.isArray(cityPrices)) return false;
  if (cityPrices.length === 0 || cityPrices.length > MAX_LINEAR) return false;
  for (let i = 0; i < cityPrices.length; i++) {
    const cp: unknown = cityPrices[i];
    if (typeof cp !== 'object' || cp === null) return false;
    const { cityId, price: cityPrice } = cp as Record<string, unknown>;
    if (typeof cityId !== 'string' || !CITY_ID.test(cityId) || !isPositiveWhole(cityPrice)) {
      return false;
    }
    for (let j = 0; j < i; j++) {
      if ((cityPrices[j] as { cityId: unknown }).cityId === cityId) return false;
    }
  }
  return true;
}
