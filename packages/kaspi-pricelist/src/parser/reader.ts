import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { KASPI_NAMESPACE } from '../model/constants.js';
import type { Availability, Offer, PriceListHeader } from '../model/types.js';
import { IssueCollector } from '../validation/collector.js';
import { PriceListParseError } from '../validation/errors.js';
import type { RuleCode, ValidationMode } from '../validation/issue.js';
import { OfferValidator } from '../validation/offer-validator.js';
import { readAvailability } from './availability.js';
import { describeForeignRoot } from './foreign-root.js';
import { buildOffer, type OfferDraft, toWhole } from './offer-draft.js';
import type { RejectedOffer } from './rejected.js';

/** Callbacks of {@link PriceListReader}. */
export interface ReaderHandlers {
  /** A complete offer without errors (it may have warnings). */
  onOffer(offer: Offer): void;
  /** The header, once `<offers>` opens (fields are '' when missing so far). */
  onHeader?(header: PriceListHeader): void;
  /** A complete offer with errors; `offer` is set when `keepRejected` was asked for. */
  onRejected?(rejected: RejectedOffer): void;
}

type Leaf = 'company' | 'merchantid' | 'model' | 'brand' | 'price' | 'cityprice';

const ROOT_CHILDREN: Readonly<Record<string, number>> = { company: 0, merchantid: 1, offers: 2 };
const OFFER_CHILDREN: Readonly<Record<string, number>> = {
  model: 0,
  brand: 1,
  availabilities: 2,
  price: 3,
  cityprices: 3,
};
const OFFER_CHILD_BITS: Readonly<Record<string, number>> = {
  model: 1,
  brand: 2,
  availabilities: 4,
  price: 8,
  cityprices: 16,
};
const NO_ATTRIBUTES: readonly string[] = [];
const SKU_ONLY: readonly string[] = ['sku'];
const CITY_ID_ONLY: readonly string[] = ['cityId'];

/**
 * Push parser for the price-list format over saxes: feed text with {@link write}, finish with
 * {@link close}. Reports deviations through the shared issue collector (severity by mode),
 * emits each offer without errors as soon as it closes, and holds nothing else but the SKU set.
 * Malformed XML throws {@link PriceListParseError} at once.
 */
export class PriceListReader {
  readonly collector: IssueCollector;
  readonly header: { company: string; merchantId: string; date: string } = {
    company: '',
    merchantId: '',
    date: '',
  };
  offerCount = 0;
  rejectedCount = 0;

  private readonly sax = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  private readonly validator: OfferValidator;
  /** Open elements by local name; `null` for elements being skipped. */
  private readonly stack: Array<string | null> = [];
  private skipDepth = 0;
  private sawDeclaration = false;
  private sawRoot = false;
  private sawOffers = false;
  private reportedPrefix = false;
  private rootChild = -1;
  private rootSeen = new Set<string>();
  private tagLine = 1;
  private tagColumn = 0;
  private tagOffset = 0;
  private text: string | undefined;
  private offer: OfferDraft | undefined;
  private offerIndex = 0;
  /** cityId of the open `<cityprice>`: attributes arrive at open time, the price at close. */
  private cityId = '';

  constructor(
    mode: ValidationMode,
    private readonly handlers: ReaderHandlers,
    maxIssues?: number,
    private readonly keepRejected = false,
  ) {
    this.collector = new IssueCollector(mode, maxIssues);
    this.validator = new OfferValidator(this.collector, false);
    const sax = this.sax;
    sax.on('error', (error) => {
      throw new PriceListParseError(error.message.replace(/^\d+:\d+: /, ''), sax.line, sax.column, {
        cause: error,
      });
    });
    sax.on('xmldecl', (decl) => {
      this.sawDeclaration = true;
      if (!/^utf-?8$/i.test(decl.encoding ?? '')) {
        this.issue('xml.declaration', 'declaration.encoding', decl.encoding ?? null, 1);
      }
    });
    sax.on('opentagstart', (tag) => {
      // saxes reports the position after "<name" and one more character.
      const back = tag.name.length + 2;
      this.tagLine = sax.line;
      this.tagColumn = Math.max(0, sax.column - back);
      this.tagOffset = Math.max(0, sax.position - back);
    });
    sax.on('opentag', (tag) => this.open(tag));
    sax.on('closetag', () => this.closeElement());
    sax.on('text', (text) => {
      if (this.text !== undefined) this.text += text;
    });
    sax.on('cdata', (text) => {
      if (this.text !== undefined) this.text += text;
    });
  }

  /** Feeds a chunk of text. */
  write(chunk: string): void {
    this.sax.write(chunk);
  }

  /** Ends the document: checks well-formedness, missing parts and the header. */
  close(): void {
    this.sax.close();
    if (!this.sawRoot) {
      throw new PriceListParseError('document has no root element', this.sax.line, this.sax.column);
    }
    if (!this.sawDeclaration) this.issue('xml.declaration', 'declaration', null, 1);
    if (!this.sawOffers)
      this.issue('xml.missingElement', 'offers', undefined, this.sax.line, 'offers is missing');
    else if (this.offerIndex === 0) this.issue('offers.empty', 'offers', 0, this.sax.line);
    this.validator.validateHeader(this.header);
  }

  /** Current position, for errors raised outside saxes (e.g. invalid UTF-8). */
  position(): { line: number; column: number } {
    return { line: this.sax.line, column: this.sax.column };
  }

  private issue(
    rule: RuleCode,
    path: string,
    value: unknown,
    line: number,
    message?: string,
  ): void {
    const sku = this.offer?.sku;
    const where = { sku, line, column: this.tagColumn, offset: this.tagOffset };
    this.collector.add(rule, path, value, where, message);
  }

  private localName(name: string): string {
    const colon = name.indexOf(':');
    if (colon === -1) return name;
    if (!this.reportedPrefix) {
      this.reportedPrefix = true;
      this.issue(
        'xml.namespace',
        name,
        name,
        this.tagLine,
        `element uses the prefix "${name.slice(0, colon)}:"`,
      );
    }
    return name.slice(colon + 1);
  }

  private skip(name: string, rule: RuleCode, path: string): void {
    this.issue(rule, path, name, this.tagLine);
    this.stack.push(null);
    this.skipDepth = this.stack.length;
  }

  private open(tag: SaxesTagPlain): void {
    if (this.skipDepth > 0) {
      this.stack.push(null);
      return;
    }
    const name = this.localName(tag.name);
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    const offer = this.offer;
    if (depth === 0) this.openRoot(tag, name);
    else if (parent === 'kaspi_catalog') this.openRootChild(tag, name);
    else if (parent === 'offers') {
      if (name === 'offer') this.openOffer(tag);
      else this.skip(name, 'xml.unknownElement', `offers.${name}`);
    } else if (parent === 'offer' && offer !== undefined) {
      this.openOfferChild(tag, name, offer);
    } else if (parent === 'availabilities' && offer !== undefined) {
      if (name !== 'availability') {
        this.skip(name, 'xml.unknownElement', this.offerPath(`.availabilities.${name}`));
        return;
      }
      this.stack.push(name);
      offer.availabilities.push(this.readAvailability(tag, offer.availabilities.length));
    } else if (parent === 'cityprices' && offer !== undefined) {
      if (name !== 'cityprice') {
        this.skip(name, 'xml.unknownElement', this.offerPath(`.cityPrices.${name}`));
        return;
      }
      this.checkAttributes(tag, CITY_ID_ONLY, 'cityprice', true);
      this.cityId = tag.attributes.cityId ?? '';
      this.stack.push(name);
      this.text = '';
    } else {
      // Anything inside a leaf element or other unexpected place.
      this.skip(name, 'xml.unknownElement', `${parent ?? ''}.${name}`);
    }
  }

  private openRoot(tag: SaxesTagPlain, name: string): void {
    this.sawRoot = true;
    if (name !== 'kaspi_catalog') {
      throw new PriceListParseError(describeForeignRoot(tag), this.tagLine, this.tagColumn);
    }
    this.stack.push(name);
    const colon = tag.name.indexOf(':');
    const namespace =
      colon === -1 ? tag.attributes.xmlns : tag.attributes[`xmlns:${tag.name.slice(0, colon)}`];
    if (namespace !== KASPI_NAMESPACE) {
      this.issue(
        'xml.namespace',
        'kaspi_catalog',
        namespace ?? null,
        this.tagLine,
        namespace === undefined
          ? 'the kaspiShopping namespace is missing'
          : `namespace is ${JSON.stringify(namespace)}, not "kaspiShopping"`,
      );
    }
    for (const attribute of Object.keys(tag.attributes)) {
      if (attribute === 'date' || attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
      if (attribute.endsWith(':schemaLocation')) continue;
      this.issue('xml.unknownAttribute', `kaspi_catalog@${attribute}`, attribute, this.tagLine);
    }
    this.header.date = tag.attributes.date ?? '';
  }

  private openRootChild(tag: SaxesTagPlain, name: string): void {
    const order = ROOT_CHILDREN[name];
    if (order === undefined) {
      this.skip(name, 'xml.unknownElement', name);
      return;
    }
    if (this.rootSeen.has(name)) {
      this.skip(name, 'xml.duplicateElement', name);
      return;
    }
    this.rootSeen.add(name);
    if (order < this.rootChild) this.issue('xml.elementOrder', name, name, this.tagLine);
    this.rootChild = Math.max(order, this.rootChild);
    this.checkAttributes(tag, NO_ATTRIBUTES, name, false);
    this.stack.push(name);
    if (name === 'offers') {
      this.sawOffers = true;
      this.validator.useMerchantId(this.header.merchantId);
      this.handlers.onHeader?.({ ...this.header });
    } else this.text = '';
  }

  private openOffer(tag: SaxesTagPlain): void {
    this.stack.push('offer');
    const sku = tag.attributes.sku ?? '';
    this.collector.beginOffer();
    this.offer = {
      sku,
      availabilities: [],
      line: this.tagLine,
      column: this.tagColumn,
      offset: this.tagOffset,
      errorsAtStart: this.collector.errorCount,
      lastChild: -1,
      seen: 0,
    };
    this.checkAttributes(tag, SKU_ONLY, '', true);
  }

  private openOfferChild(tag: SaxesTagPlain, name: string, offer: OfferDraft): void {
    const order = OFFER_CHILDREN[name];
    if (order === undefined) {
      this.skip(name, 'xml.unknownElement', this.offerPath(`.${name}`));
      return;
    }
    const bit = OFFER_CHILD_BITS[name] ?? 0;
    if ((offer.seen & bit) !== 0) {
      this.skip(name, 'xml.duplicateElement', this.offerPath(`.${name}`));
      return;
    }
    offer.seen |= bit;
    if (order < offer.lastChild)
      this.issue('xml.elementOrder', this.offerPath(`.${name}`), name, this.tagLine);
    offer.lastChild = Math.max(order, offer.lastChild);
    this.checkAttributes(tag, NO_ATTRIBUTES, name, true);
    this.stack.push(name);
    if (name === 'cityprices') offer.cityPrices = [];
    else if (name !== 'availabilities') this.text = '';
  }

  /** Path of the current offer plus `suffix`; built only when an issue needs it. */
  private offerPath(suffix: string): string {
    return `offers[${this.offerIndex}]${suffix}`;
  }

  private checkAttributes(
    tag: SaxesTagPlain,
    allowed: readonly string[],
    element: string,
    inOffer: boolean,
  ): void {
    for (const attribute in tag.attributes) {
      if (!allowed.includes(attribute)) {
        const path = inOffer ? this.offerPath(element ? `.${element}` : '') : element;
        this.issue('xml.unknownAttribute', `${path}@${attribute}`, attribute, this.tagLine);
      }
    }
  }

  private readAvailability(tag: SaxesTagPlain, position: number): Availability {
    const prefix = `.availabilities[${position}]`;
    return readAvailability(tag.attributes, (rule, suffix, value) =>
      this.issue(rule, this.offerPath(`${prefix}${suffix}`), value, this.tagLine),
    );
  }

  private closeElement(): void {
    const name = this.stack.pop();
    if (this.skipDepth > 0) {
      if (this.stack.length < this.skipDepth) this.skipDepth = 0;
      return;
    }
    const text = this.text;
    this.text = undefined;
    switch (name as Leaf | 'offer' | undefined) {
      case 'company':
        this.header.company = text ?? '';
        return;
      case 'merchantid':
        this.header.merchantId = text ?? '';
        return;
      case 'model':
        if (this.offer) this.offer.model = text ?? '';
        return;
      case 'brand':
        if (this.offer) this.offer.brand = text ?? '';
        return;
      case 'price':
        if (this.offer) this.offer.price = toWhole(text ?? '');
        return;
      case 'cityprice':
        this.closeCityPrice(text ?? '');
        return;
      case 'offer':
        this.closeOffer();
        return;
      default:
        return;
    }
  }

  private closeCityPrice(text: string): void {
    const offer = this.offer;
    if (offer?.cityPrices === undefined) return;
    offer.cityPrices.push({ cityId: this.cityId, price: toWhole(text) as number });
  }

  private closeOffer(): void {
    const draft = this.offer;
    this.offer = undefined;
    if (draft === undefined) return;
    const offer = buildOffer(draft);
    const index = this.offerIndex++;
    const at = { column: draft.column, offset: draft.offset };
    const valid = this.validator.validateOffer(offer, index, draft.line, at);
    if (valid && this.collector.errorCount === draft.errorsAtStart) {
      this.offerCount++;
      this.handlers.onOffer(offer);
      return;
    }
    this.rejectedCount++;
    const rejected: { -readonly [K in keyof RejectedOffer]: RejectedOffer[K] } = {
      index,
      sku: draft.sku,
      line: draft.line,
      ...at,
      errors: [...this.collector.offerErrorRules()],
    };
    if (this.keepRejected) rejected.offer = offer;
    this.handlers.onRejected?.(rejected);
  }
}
