import { SaxesParser } from 'saxes';

/** One availability of an offer as written in the price list. */
export interface PriceListAvailability {
  readonly storeId: string;
  readonly available: boolean;
  readonly stockCount: number | undefined;
  readonly preOrder: number | undefined;
}

/** One `<offer>` as read, before Kaspi's rules are applied. */
export interface PriceListOffer {
  readonly sku: string;
  readonly model: string;
  readonly brand: string;
  readonly availabilities: readonly PriceListAvailability[];
  /** Text of `<price>`, if present. */
  readonly price: string | undefined;
  /** `cityId` → text of `<cityprice>`. */
  readonly cityPrices: ReadonlyMap<string, string>;
  /** 1-based line of the `<offer>` tag, for error reports. */
  readonly line: number;
}

/** A parsed `kaspi_catalog`. */
export interface PriceListDocument {
  readonly company: string;
  readonly merchantId: string;
  readonly offers: readonly PriceListOffer[];
}

/** Thrown for XML that is not well-formed or not a `kaspi_catalog`; names line and column. */
export class PriceListParseError extends Error {
  override name = 'PriceListParseError';
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

const optionalNumber = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Reads just what the simulator needs from a price list. Lenient like a tolerant ingester:
 * namespace prefixes are ignored and unknown elements skipped; Kaspi's rules are applied later.
 * Hand-written on top of saxes because the sibling @kaspi-connect/kaspi-pricelist was not ready.
 */
export function readPriceList(xml: string): PriceListDocument {
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let text = '';
  let company = '';
  let merchantId = '';
  let sawRoot = false;
  const offers: PriceListOffer[] = [];
  let offer:
    | {
        sku: string;
        model: string;
        brand: string;
        availabilities: PriceListAvailability[];
        price: string | undefined;
        cityPrices: Map<string, string>;
        line: number;
      }
    | undefined;
  let cityId: string | undefined;

  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attr = (key: string): string | undefined => {
      const value = tag.attributes[key];
      return typeof value === 'string' ? value : undefined;
    };
    if (stack.length === 0) {
      if (name !== 'kaspi_catalog')
        throw new PriceListParseError(`root element is <${tag.name}>, expected <kaspi_catalog>`);
      sawRoot = true;
    }
    stack.push(name);
    text = '';
    if (name === 'offer') {
      offer = {
        sku: attr('sku') ?? '',
        model: '',
        brand: '',
        availabilities: [],
        price: undefined,
        cityPrices: new Map(),
        line: parser.line,
      };
    } else if (name === 'availability' && offer) {
      offer.availabilities.push({
        storeId: attr('storeId') ?? '',
        available: attr('available') === 'yes',
        stockCount: optionalNumber(attr('stockCount')),
        preOrder: optionalNumber(attr('preOrder')),
      });
    } else if (name === 'cityprice') {
      cityId = attr('cityId');
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    stack.pop();
    const value = text.trim();
    text = '';
    const parent = stack[stack.length - 1];
    if (name === 'company' && parent === 'kaspi_catalog') company = value;
    else if (name === 'merchantid' && parent === 'kaspi_catalog') merchantId = value;
    else if (offer && name === 'model' && parent === 'offer') offer.model = value;
    else if (offer && name === 'brand' && parent === 'offer') offer.brand = value;
    else if (offer && name === 'price' && parent === 'offer') offer.price = value;
    else if (offer && name === 'cityprice' && cityId !== undefined)
      offer.cityPrices.set(cityId, value);
    else if (name === 'offer' && offer) {
      offers.push(offer);
      offer = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof PriceListParseError) throw error;
    throw new PriceListParseError(`price list is not well-formed XML: ${(error as Error).message}`);
  }
  if (!sawRoot) throw new PriceListParseError('price list is empty');
  return { company, merchantId, offers };
}
