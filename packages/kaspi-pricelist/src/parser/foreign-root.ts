import type { SaxesTagPlain } from 'saxes';

// Other marketplaces' feeds that people point at a Kaspi tool by mistake.
const KNOWN_FORMATS: Readonly<Record<string, string>> = {
  merchant_offers: "Halyk Market's price list",
  yml_catalog: 'a Yandex Market YML catalogue',
  rss: 'an RSS feed (Google Merchant style)',
  feed: 'an Atom feed (Google Merchant style)',
};

/** Says what a document with a root other than `kaspi_catalog` is, for the refusal message. */
export function describeForeignRoot(tag: SaxesTagPlain): string {
  const colon = tag.name.indexOf(':');
  const local = colon === -1 ? tag.name : tag.name.slice(colon + 1);
  const namespace =
    colon === -1 ? tag.attributes.xmlns : tag.attributes[`xmlns:${tag.name.slice(0, colon)}`];
  const known = KNOWN_FORMATS[local];
  const what = known === undefined ? 'not a Kaspi price list' : `${known}, not a Kaspi price list`;
  const ns = namespace === undefined ? '' : ` in namespace ${JSON.stringify(namespace)}`;
  return `the document is ${what}: its root element is <${tag.name}>${ns}, a Kaspi price list starts with <kaspi_catalog>`;
}
