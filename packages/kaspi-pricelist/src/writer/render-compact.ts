import type { Offer } from '../model/types.js';
import { escapeXmlAttribute as attr } from '../xml/escape.js';
import type { OfferText } from './offer-text.js';

/**
 * One valid `<offer>` without indentation: the same output as `renderOffer` with the compact
 * layout, written without the layout's (empty) indentation strings. Hot path, measured at a
 * million offers: each interpolated empty string and each separate `+=` costs a string operation,
 * together about a fifth of the rendering time; so each part is one template literal, and the
 * usual availability (a stock count, no pre-order) has one of its own.
 */
export function renderCompactOffer(offer: Offer, out: OfferText): string {
  // The brand is escaped first, as in `renderOffer`, so that issues come in the same order; its
  // tags belong to the template literal, since a separate `<brand>` string costs two more joins.
  const brand = offer.brand === undefined ? undefined : out.brand(offer.brand);
  const sku = out.skuAttr(offer.sku);
  const model = out.text(offer.model, '.model');
  let xml =
    brand === undefined
      ? `<offer sku="${sku}"><model>${model}</model><availabilities>`
      : `<offer sku="${sku}"><model>${model}</model><brand>${brand}</brand><availabilities>`;
  const list = offer.availabilities;
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as (typeof list)[number];
    const { preOrder, stockCount } = a;
    const available = a.available ? 'yes' : 'no';
    const storeId = out.storeId(a.storeId, i);
    if (preOrder === undefined && stockCount !== undefined) {
      xml += `<availability available="${available}" storeId="${storeId}" stockCount="${stockCount}"/>`;
    } else {
      xml += `<availability available="${available}" storeId="${storeId}"${preOrder === undefined ? '' : ` preOrder="${preOrder}"`}${stockCount === undefined ? '' : ` stockCount="${stockCount}"`}/>`;
    }
  }
  if (offer.cityPrices === undefined) {
    return `${xml}</availabilities><price>${offer.price}</price></offer>`;
  }
  xml += '</availabilities><cityprices>';
  for (const cp of offer.cityPrices) {
    xml += `<cityprice cityId="${attr(cp.cityId)}">${cp.price}</cityprice>`;
  }
  return `${xml}</cityprices></offer>`;
}
