import { MAX_PRE_ORDER_DAYS } from '../model/constants.js';
import { SKU_MAX_LENGTH } from '../model/sku.js';
import type { Offer, PriceListHeader } from '../model/types.js';
import { removeIllegalXmlChars } from '../xml/escape.js';
import {
  CITY_ID,
  hasIllegal,
  hasSkuChars,
  isNonEmptyString,
  isNonNegativeWhole,
  isPositiveWhole,
} from './checks.js';
import { isCleanOffer } from './clean-offer.js';
import type { IssueCollector } from './collector.js';
import type { RuleCode } from './issue.js';
import { SkuSet } from './sku-set.js';

/** A store id as the writer will write it (illegal XML characters removed). */
const writtenId = (id: unknown, checkCharacters: boolean): unknown =>
  checkCharacters && typeof id === 'string' && hasIllegal(id) ? removeIllegalXmlChars(id) : id;

/**
 * Checks offers one at a time, remembering SKUs for the uniqueness rule, so that the writer and
 * parser can validate a stream without holding it. Values are checked at run time, not trusted to
 * match their static types, because offers come from suppliers and parsed files.
 *
 * Hot path: the writer and parser call this per offer, so paths and issue objects are built only
 * when a rule fails.
 */
export class OfferValidator {
  private readonly seenSkus = new SkuSet();
  /** Whether the last offer's SKU holds only Latin letters and digits, so needs no escaping. */
  skuIsPlain = false;
  private merchantPrefix: string | undefined;
  // The offer being checked, for building issues.
  private index = 0;
  private sku: string | undefined;
  private line: number | undefined;
  private column: number | undefined;
  private offset: number | undefined;

  /**
   * @param checkCharacters - look for characters illegal in XML; the parser turns this off since
   *   a well-formed document cannot contain them.
   */
  constructor(
    private readonly collector: IssueCollector,
    private readonly checkCharacters = true,
  ) {}

  /** Checks the header; remembers the merchant id for the store-id prefix warning. */
  validateHeader(header: Partial<PriceListHeader>, line?: number): void {
    const c = this.collector;
    const where = { line };
    if (!isNonEmptyString(header.company))
      c.add('header.company', 'company', header.company, where);
    if (!isNonEmptyString(header.merchantId)) {
      c.add('header.merchantId', 'merchantId', header.merchantId, where);
    } else this.useMerchantId(header.merchantId);
    if (!isNonEmptyString(header.date)) c.add('header.date', 'date', header.date, where);
    for (const key of ['company', 'merchantId', 'date'] as const) {
      if (hasIllegal(header[key])) c.add('text.illegalChar', key, header[key], where);
    }
  }

  /** Sets the merchant id used by the store-id prefix warning before the header is validated. */
  useMerchantId(merchantId: string): void {
    this.merchantPrefix = isNonEmptyString(merchantId) ? `${merchantId}_` : undefined;
  }

  /**
   * Checks one offer at position `index` (`line`, `at`: where it starts, when parsed). Returns
   * false when it has at least one error; warnings do not count.
   */
  validateOffer(
    offer: Offer,
    index: number,
    line?: number,
    at?: { readonly column: number; readonly offset: number },
  ): boolean {
    // Most offers break no rule: settle them without the state that building issues needs. A
    // repeated SKU fails the set's add here and again in the full check, which reports it.
    if (
      isCleanOffer(offer, this.checkCharacters, this.merchantPrefix) &&
      this.seenSkus.add(offer.sku)
    ) {
      this.skuIsPlain = true;
      return true;
    }
    return this.checkOffer(offer, index, line, at);
  }

  /** The full check of {@link validateOffer}, reporting every issue; the reference for its fast path. */
  checkOffer(
    offer: Offer,
    index: number,
    line?: number,
    at?: { readonly column: number; readonly offset: number },
  ): boolean {
    const errorsBefore = this.collector.errorCount;
    const sku: unknown = offer.sku;
    this.index = index;
    this.sku = typeof sku === 'string' ? sku : undefined;
    this.line = line;
    this.column = at?.column;
    this.offset = at?.offset;
    this.skuIsPlain = false;

    if (typeof sku !== 'string' || sku.length === 0) this.fail('sku.empty', '.sku', sku);
    else {
      if (sku.length > SKU_MAX_LENGTH) this.fail('sku.length', '.sku', sku);
      this.skuIsPlain = hasSkuChars(sku);
      if (!this.skuIsPlain) this.fail('sku.format', '.sku', sku);
      if (!this.seenSkus.add(sku)) this.fail('sku.duplicate', '.sku', sku);
    }
    if (!isNonEmptyString(offer.model)) this.fail('model.empty', '.model', offer.model);
    if (!isNonEmptyString(offer.brand)) this.fail('brand.empty', '.brand', offer.brand);
    if (this.checkCharacters) {
      if (hasIllegal(sku)) this.fail('text.illegalChar', '.sku', sku);
      if (hasIllegal(offer.model)) this.fail('text.illegalChar', '.model', offer.model);
      if (hasIllegal(offer.brand)) this.fail('text.illegalChar', '.brand', offer.brand);
    }

    this.validateAvailabilities(offer);
    this.validatePrices(offer);
    return this.collector.errorCount === errorsBefore;
  }

  private fail(rule: RuleCode, suffix: string, value: unknown): void {
    this.collector.add(rule, `offers[${this.index}]${suffix}`, value, {
      sku: this.sku,
      line: this.line,
      column: this.column,
      offset: this.offset,
    });
  }

  private validateAvailabilities(offer: Offer): void {
    const list: unknown = offer.availabilities;
    if (!Array.isArray(list) || list.length === 0) {
      this.fail('availability.missing', '.availabilities', list);
      return;
    }
    const availabilities = offer.availabilities;
    const count = availabilities.length;
    const seen = count > 16 ? new Set<unknown>() : undefined;
    for (let i = 0; i < count; i++) {
      const a = availabilities[i];
      if (a === undefined) continue;
      const storeId: unknown = a.storeId;
      if (!isNonEmptyString(storeId))
        this.fail('availability.storeId', `.availabilities[${i}].storeId`, storeId);
      else {
        if (this.checkCharacters && hasIllegal(storeId))
          this.fail('text.illegalChar', `.availabilities[${i}].storeId`, storeId);
        if (this.merchantPrefix !== undefined && storeId.startsWith(this.merchantPrefix)) {
          this.fail(
            'availability.storeId.merchantPrefix',
            `.availabilities[${i}].storeId`,
            storeId,
          );
        }
        // Compared as written: ids that differ only by a character the writer removes collide.
        const id = writtenId(storeId, this.checkCharacters);
        const duplicate = seen
          ? seen.has(id)
          : i > 0 &&
            availabilities
              .slice(0, i)
              .some((other) => writtenId(other.storeId, this.checkCharacters) === id);
        if (duplicate)
          this.fail('availability.storeId.duplicate', `.availabilities[${i}].storeId`, storeId);
        seen?.add(id);
      }
      if (typeof a.available !== 'boolean')
        this.fail('availability.available', `.availabilities[${i}].available`, a.available);
      const { stockCount, preOrder } = a;
      if (stockCount === undefined) {
        this.fail(
          'availability.stockCount.missing',
          `.availabilities[${i}].stockCount`,
          stockCount,
        );
      } else if (!isNonNegativeWhole(stockCount)) {
        this.fail('availability.stockCount', `.availabilities[${i}].stockCount`, stockCount);
      }
      if (preOrder === 0)
        this.fail('availability.preOrder.zero', `.availabilities[${i}].preOrder`, preOrder);
      else if (
        preOrder !== undefined &&
        !(isPositiveWhole(preOrder) && preOrder <= MAX_PRE_ORDER_DAYS)
      ) {
        this.fail('availability.preOrder', `.availabilities[${i}].preOrder`, preOrder);
      }
      if (a.available === true && stockCount === 0 && preOrder === undefined) {
        this.fail('availability.available.noStock', `.availabilities[${i}].available`, a.available);
      }
    }
  }

  private validatePrices(offer: Offer): void {
    const { price, cityPrices } = offer;
    if (price !== undefined && cityPrices !== undefined) {
      this.fail('price.conflict', '', { price, cityPrices });
    } else if (price === undefined && cityPrices === undefined) {
      this.fail('price.missing', '', undefined);
    }
    if (price !== undefined && !isPositiveWhole(price)) this.fail('price.format', '.price', price);
    if (cityPrices === undefined) return;
    if (!Array.isArray(cityPrices) || cityPrices.length === 0) {
      this.fail('cityPrices.empty', '.cityPrices', cityPrices);
      return;
    }
    // Linear scans for the usual handful of cities; a set when an offer lists many (up to ~450).
    const seen = cityPrices.length > 16 ? new Set<unknown>() : undefined;
    for (let i = 0; i < cityPrices.length; i++) {
      const cp = cityPrices[i];
      if (cp === undefined) continue;
      const cityId: unknown = cp.cityId;
      if (typeof cityId !== 'string' || !CITY_ID.test(cityId)) {
        this.fail('cityPrice.cityId', `.cityPrices[${i}].cityId`, cityId);
      } else if (
        seen ? seen.has(cityId) : i > 0 && cityPrices.slice(0, i).some((c) => c.cityId === cityId)
      ) {
        this.fail('cityPrice.cityId.duplicate', `.cityPrices[${i}].cityId`, cityId);
      }
      seen?.add(cityId);
      if (!isPositiveWhole(cp.price))
        this.fail('price.format', `.cityPrices[${i}].price`, cp.price);
    }
  }
}
