import { KASPI_NAMESPACE, KASPI_SCHEMA_LOCATION, XSI_NAMESPACE } from '../model/constants.js';
import type { Offer, PriceListHeader } from '../model/types.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../xml/escape.js';
import type { OfferText } from './offer-text.js';

/** Line breaks and indentation before each nesting level; empty strings for compact output. */
export interface Layout {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly level4: string;
  readonly end: string;
}

export const COMPACT: Layout = { level1: '', level2: '', level3: '', level4: '', end: '' };
export const PRETTY: Layout = {
  level1: '\n  ',
  level2: '\n    ',
  level3: '\n      ',
  level4: '\n        ',
  end: '\n',
};

/** XML declaration, root start tag and header elements, up to and including `<offers>`. */
export function renderOpening(header: PriceListHeader, layout: Layout): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<kaspi_catalog date="${attr(header.date)}" xmlns="${KASPI_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${KASPI_SCHEMA_LOCATION}">` +
    `${layout.level1}<company>${text(header.company)}</company>` +
    `${layout.level1}<merchantid>${text(header.merchantId)}</merchantid>` +
    `${layout.level1}<offers>`
  );
}

/** Closes `<offers>` and the root; ends with a newline. */
export function renderClosing(layout: Layout): string {
  return `${layout.level1}</offers>${layout.end}</kaspi_catalog>\n`;
}

/**
 * One valid `<offer>` in the guide's element and attribute order. Hot path: each part is one
 * template literal, since every separate `+=` costs a string object and a flatten step (measured:
 * about a fifth of the renderer's time at a million offers).
 */
export function renderOffer(offer: Offer, layout: Layout, out: OfferText): string {
  const { level2, level3, level4 } = layout;
  const brand =
    offer.brand === undefined ? '' : `${level3}<brand>${out.brand(offer.brand)}</brand>`;
  let xml = `${level2}<offer sku="${out.skuAttr(offer.sku)}">${level3}<model>${out.text(offer.model, '.model')}</model>${brand}${level3}<availabilities>`;
  const list = offer.availabilities;
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as (typeof list)[number];
    const { preOrder, stockCount } = a;
    xml += `${level4}<availability available="${a.available ? 'yes' : 'no'}" storeId="${out.storeId(a.storeId, i)}"${preOrder === undefined ? '' : ` preOrder="${preOrder}"`}${stockCount === undefined ? '' : ` stockCount="${stockCount}"`}/>`;
  }
  if (offer.cityPrices === undefined) {
    return `${xml}${level3}</availabilities>${level3}<price>${offer.price}</price>${level2}</offer>`;
  }
  xml += `${level3}</availabilities>${level3}<cityprices>`;
  for (const cp of offer.cityPrices) {
    xml += `${level4}<cityprice cityId="${attr(cp.cityId)}">${cp.price}</cityprice>`;
  }
  return `${xml}${level3}</cityprices>${level2}</offer>`;
}
