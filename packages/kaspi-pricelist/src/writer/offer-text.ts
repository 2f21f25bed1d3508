import type { Offer } from '../model/types.js';
import type { IssueCollector } from '../validation/collector.js';
import { escapeXmlAttribute, escapeXmlText, hasIllegalXmlChars } from '../xml/escape.js';

/**
 * Escapes an offer's text for the writer and reports characters illegal in XML 1.0 at the same
 * time (`text.illegalChar`, always a warning), so each string is scanned once: escaping returns
 * plain strings unchanged, and only a string it changed can hold an illegal character. Measured
 * reason (README, Performance): the validator's separate scan of the same strings cost about a
 * tenth of the writer's time.
 */
export class OfferText {
  private index = 0;
  private sku: string | undefined;
  /** Set when the validator found the SKU plain (letters and digits): it needs no escaping. */
  plainSku = false;
  // The last brand and store id that escaping left unchanged.
  private plainBrand: unknown;
  private plainStoreId: unknown;

  constructor(private readonly collector: IssueCollector) {}

  /** Starts the offer at `index` (for the paths of reported issues). */
  begin(offer: Offer, index: number): void {
    this.index = index;
    this.plainSku = false;
    const sku: unknown = offer.sku;
    this.sku = typeof sku === 'string' ? sku : undefined;
  }

  /** Element text, escaped; illegal characters reported and removed. */
  text(value: string, suffix: string): string {
    const escaped = escapeXmlText(value);
    if (escaped !== value) this.check(value, suffix);
    return escaped;
  }

  /** An attribute value, escaped; illegal characters reported and removed. */
  attr(value: string, suffix: string): string {
    const escaped = escapeXmlAttribute(value);
    if (escaped !== value) this.check(value, suffix);
    return escaped;
  }

  /**
   * The brand as element text, as {@link text}. The last brand that needed no escaping is
   * remembered: a catalogue repeats a few brands, and a comparison is cheaper than a regex call.
   */
  brand(value: string): string {
    if (value === this.plainBrand) return value;
    const escaped = this.text(value, '.brand');
    if (escaped === value) this.plainBrand = value;
    return escaped;
  }

  /** The offer's SKU as an attribute value, as {@link attr} unless known to be plain. */
  skuAttr(value: string): string {
    return this.plainSku ? value : this.attr(value, '.sku');
  }

  /**
   * The `storeId` of availability `i`, as {@link attr}; the path is built only for an issue. Like
   * brands, a few store ids repeat, so the last one that needed no escaping is remembered.
   */
  storeId(value: string, i: number): string {
    if (value === this.plainStoreId) return value;
    const escaped = escapeXmlAttribute(value);
    if (escaped !== value) this.check(value, `.availabilities[${i}].storeId`);
    else this.plainStoreId = value;
    return escaped;
  }

  /** Reports illegal characters of an offer that is not rendered (it failed validation). */
  checkAll(offer: Offer): void {
    this.check(offer.sku, '.sku');
    this.check(offer.model, '.model');
    this.check(offer.brand, '.brand');
    const list: unknown = offer.availabilities;
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
      const storeId: unknown = (list[i] as { storeId?: unknown } | undefined)?.storeId;
      this.check(storeId, `.availabilities[${i}].storeId`);
    }
  }

  private check(value: unknown, suffix: string): void {
    if (typeof value === 'string' && hasIllegalXmlChars(value)) {
      this.collector.add('text.illegalChar', `offers[${this.index}]${suffix}`, value, {
        sku: this.sku,
      });
    }
  }
}
