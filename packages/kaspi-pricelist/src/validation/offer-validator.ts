import { MAX_PRE_ORDER_DAYS } from '../model/constants.js';
import { SKU_MAX_LENGTH } from '../model/sku.js';
import type { Offer, PriceListHeader } from '../model/types.js';
import { hasIllegalXmlChars } from '../xml/escape.js';
import type { IssueCollector } from './collector.js';

const SKU_CHARS = /^[A-Za-z0-9]*$/;
const CITY_ID = /^\d{9}$/;
// Cheap pre-test; surrogate pairs (emoji) pass through to the exact check.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

const isPositiveWhole = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isNonNegativeWhole = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Checks offers one at a time, remembering SKUs for the uniqueness rule, so that the writer and
 * parser can validate a stream without holding it. Values are checked at run time, not trusted to
 * match their static types, because offers come from suppliers and parsed files.
 */
export class OfferValidator {
  private readonly seenSkus = new Set<string>();
  private merchantPrefix: string | undefined;

  constructor(private readonly collector: IssueCollector) {}

  /** Checks the header; remembers the merchant id for the store-id prefix warning. */
  validateHeader(header: Partial<PriceListHeader>, line?: number): void {
    const c = this.collector;
    const where = { line };
    if (!isNonEmptyString(header.company))
      c.add('header.company', 'company', header.company, where);
    if (!isNonEmptyString(header.merchantId))
      c.add('header.merchantId', 'merchantId', header.merchantId, where);
    else this.merchantPrefix = `${header.merchantId}_`;
    if (!isNonEmptyString(header.date)) c.add('header.date', 'date', header.date, where);
    for (const key of ['company', 'merchantId', 'date'] as const) {
      const value = header[key];
      if (typeof value === 'string' && this.hasIllegal(value))
        c.add('text.illegalChar', key, value, where);
    }
  }

  /** Sets the merchant id used by the store-id prefix warning before the header is validated. */
  useMerchantId(merchantId: string): void {
    this.merchantPrefix = merchantId.trim().length > 0 ? `${merchantId}_` : undefined;
  }

  /**
   * Checks one offer at position `index`. Returns false when it has at least one error (warnings
   * do not count).
   */
  validateOffer(offer: Offer, index: number, line?: number): boolean {
    const c = this.collector;
    const errorsBefore = c.errorCount;
    const base = `offers[${index}]`;
    const sku: unknown = offer.sku;
    const where = { sku: typeof sku === 'string' ? sku : undefined, line };

    if (typeof sku !== 'string' || sku.length === 0) c.add('sku.empty', `${base}.sku`, sku, where);
    else {
      if (sku.length > SKU_MAX_LENGTH) c.add('sku.length', `${base}.sku`, sku, where);
      if (!SKU_CHARS.test(sku)) c.add('sku.format', `${base}.sku`, sku, where);
      if (this.seenSkus.has(sku)) c.add('sku.duplicate', `${base}.sku`, sku, where);
      else this.seenSkus.add(sku);
    }

    if (!isNonEmptyString(offer.model)) c.add('model.empty', `${base}.model`, offer.model, where);
    if (!isNonEmptyString(offer.brand)) c.add('brand.empty', `${base}.brand`, offer.brand, where);
    this.checkText(offer.sku, `${base}.sku`, where);
    this.checkText(offer.model, `${base}.model`, where);
    this.checkText(offer.brand, `${base}.brand`, where);

    this.validateAvailabilities(offer, base, where);
    this.validatePrices(offer, base, where);
    return c.errorCount === errorsBefore;
  }

  private validateAvailabilities(
    offer: Offer,
    base: string,
    where: { sku: string | undefined; line: number | undefined },
  ): void {
    const c = this.collector;
    const list: unknown = offer.availabilities;
    if (!Array.isArray(list) || list.length === 0) {
      c.add('availability.missing', `${base}.availabilities`, list, where);
      return;
    }
    const stores = list.length > 1 ? new Set<string>() : undefined;
    for (let i = 0; i < offer.availabilities.length; i++) {
      const a = offer.availabilities[i];
      const path = `${base}.availabilities[${i}]`;
      if (a === undefined) continue;
      const storeId: unknown = a.storeId;
      if (!isNonEmptyString(storeId))
        c.add('availability.storeId', `${path}.storeId`, storeId, where);
      else {
        this.checkText(storeId, `${path}.storeId`, where);
        if (this.merchantPrefix !== undefined && storeId.startsWith(this.merchantPrefix))
          c.add('availability.storeId.merchantPrefix', `${path}.storeId`, storeId, where);
        if (stores !== undefined) {
          if (stores.has(storeId))
            c.add('availability.storeId.duplicate', `${path}.storeId`, storeId, where);
          stores.add(storeId);
        }
      }
      if (typeof a.available !== 'boolean')
        c.add('availability.available', `${path}.available`, a.available, where);
      const { stockCount, preOrder } = a;
      if (stockCount === undefined)
        c.add('availability.stockCount.missing', `${path}.stockCount`, stockCount, where);
      else if (!isNonNegativeWhole(stockCount))
        c.add('availability.stockCount', `${path}.stockCount`, stockCount, where);
      if (preOrder === 0) c.add('availability.preOrder.zero', `${path}.preOrder`, preOrder, where);
      else if (
        preOrder !== undefined &&
        !(isPositiveWhole(preOrder) && (preOrder as number) <= MAX_PRE_ORDER_DAYS)
      )
        c.add('availability.preOrder', `${path}.preOrder`, preOrder, where);
      if (a.available === true && stockCount === 0 && preOrder === undefined)
        c.add('availability.available.noStock', `${path}.available`, a.available, where);
    }
  }

  private validatePrices(
    offer: Offer,
    base: string,
    where: { sku: string | undefined; line: number | undefined },
  ): void {
    const c = this.collector;
    const { price, cityPrices } = offer;
    if (price !== undefined && cityPrices !== undefined) {
      c.add('price.conflict', base, { price, cityPrices }, where);
    } else if (price === undefined && cityPrices === undefined) {
      c.add('price.missing', base, undefined, where);
    }
    if (price !== undefined && !isPositiveWhole(price))
      c.add('price.format', `${base}.price`, price, where);
    if (cityPrices === undefined) return;
    if (!Array.isArray(cityPrices) || cityPrices.length === 0) {
      c.add('cityPrices.empty', `${base}.cityPrices`, cityPrices, where);
      return;
    }
    const cities = new Set<string>();
    for (let i = 0; i < cityPrices.length; i++) {
      const cp = cityPrices[i];
      if (cp === undefined) continue;
      const path = `${base}.cityPrices[${i}]`;
      const cityId: unknown = cp.cityId;
      if (typeof cityId !== 'string' || !CITY_ID.test(cityId))
        c.add('cityPrice.cityId', `${path}.cityId`, cityId, where);
      else if (cities.has(cityId))
        c.add('cityPrice.cityId.duplicate', `${path}.cityId`, cityId, where);
      else cities.add(cityId);
      if (!isPositiveWhole(cp.price)) c.add('price.format', `${path}.price`, cp.price, where);
    }
  }

  private checkText(
    value: unknown,
    path: string,
    where: { sku: string | undefined; line: number | undefined },
  ): void {
    if (typeof value === 'string' && this.hasIllegal(value))
      this.collector.add('text.illegalChar', path, value, where);
  }

  private hasIllegal(value: string): boolean {
    return MAYBE_ILLEGAL.test(value) && hasIllegalXmlChars(value);
  }
}
