import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import {
  KASPI_NAMESPACE,
  KASPI_SCHEMA_LOCATION,
  type Offer,
  type PriceListHeader,
  renderPriceList,
  XSI_NAMESPACE,
} from '../src/index.js';
import { hostileHeader, hostileOffers, strictOffers } from './arbitraries.js';

/** The same document built with xmlbuilder2's namespace-aware DOM API: the reference serializer. */
function oracle(header: PriceListHeader, offers: readonly Offer[], pretty: boolean): string {
  const root = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '' })
    .ele(KASPI_NAMESPACE, 'kaspi_catalog', { date: header.date })
    .att(XSI_NAMESPACE, 'xsi:schemaLocation', KASPI_SCHEMA_LOCATION);
  root.ele(KASPI_NAMESPACE, 'company').txt(header.company);
  root.ele(KASPI_NAMESPACE, 'merchantid').txt(header.merchantId);
  const list = root.ele(KASPI_NAMESPACE, 'offers');
  for (const offer of offers) {
    const node = list.ele(KASPI_NAMESPACE, 'offer', { sku: offer.sku });
    node.ele(KASPI_NAMESPACE, 'model').txt(offer.model);
    if (offer.brand !== undefined) node.ele(KASPI_NAMESPACE, 'brand').txt(offer.brand);
    const availabilities = node.ele(KASPI_NAMESPACE, 'availabilities');
    for (const a of offer.availabilities) {
      const attributes: Record<string, string> = {
        available: a.available ? 'yes' : 'no',
        storeId: a.storeId,
      };
      if (a.preOrder !== undefined) attributes.preOrder = String(a.preOrder);
      if (a.stockCount !== undefined) attributes.stockCount = String(a.stockCount);
      availabilities.ele(KASPI_NAMESPACE, 'availability', attributes);
    }
    if (offer.cityPrices !== undefined) {
      const cities = node.ele(KASPI_NAMESPACE, 'cityprices');
      for (const cp of offer.cityPrices) {
        cities.ele(KASPI_NAMESPACE, 'cityprice', { cityId: cp.cityId }).txt(String(cp.price));
      }
    } else node.ele(KASPI_NAMESPACE, 'price').txt(String(offer.price));
  }
  return root.end({ prettyPrint: pretty });
}

interface Node {
  name: string;
  attributes: Array<[string, string]>;
  children: Array<Node | string>;
}

/**
 * Namespace-aware infoset of a document. Whitespace-only text between elements is dropped (pretty
 * printing); tab/LF/CR in attributes and CR in text are normalised the way an XML parser would
 * see xmlbuilder2's raw output, since xmlbuilder2 does not encode them as references.
 */
function infoset(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Node[] = [{ name: '#document', attributes: [], children: [] }];
  parser.on('opentag', (tag) => {
    const node: Node = {
      name: `{${tag.uri}}${tag.local}`,
      attributes: Object.values(tag.attributes)
        .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
        .map((a): [string, string] => [
          `{${a.uri}}${a.local}`,
          a.value.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' '),
        ])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
      children: [],
    };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => {
    if (text.trim() === '' && stack.length > 1) return;
    const parent = stack.at(-1);
    const normalised = text.replace(/\r\n?/g, '\n');
    if (parent === undefined || stack.length === 1) return;
    const last = parent.children.at(-1);
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + normalised;
    else parent.children.push(normalised);
  });
  parser.write(xml).close();
  return stack[0] as Node;
}

const runs = { numRuns: 150 };
const ENTITY_LIKE = /&(?:[A-Za-z0-9]+|#[0-9]+|#x[0-9A-Fa-f]+);/;

describe('writer vs xmlbuilder2 (oracle)', () => {
  it('strict offers: same infoset, compact and pretty', () => {
    fc.assert(
      fc.property(strictOffers, fc.boolean(), (offers, pretty) => {
        const header = { company: 'Shop', merchantId: '123', date: '2026-11-26T09:00:00' };
        const ours = renderPriceList({ ...header, offers }, { pretty }).xml;
        expect(infoset(ours)).toEqual(infoset(oracle(header, offers, pretty)));
      }),
      runs,
    );
  });

  it('hostile text (markup, quotes, controls, emoji, Cyrillic, long names): same infoset', () => {
    fc.assert(
      fc.property(hostileHeader, hostileOffers, fc.boolean(), (header, offers, pretty) => {
        // xmlbuilder2 passes text that already looks like an entity ("&amp;") through unescaped;
        // we escape it once, literally (unit-tested in writer.test.ts), so such cases are excluded.
        fc.pre(!ENTITY_LIKE.test(JSON.stringify([header, offers])));
        const ours = renderPriceList({ ...header, offers }, { pretty, mode: 'lenient' }).xml;
        expect(infoset(ours)).toEqual(infoset(oracle(header, offers, pretty)));
      }),
      runs,
    );
  });

  it('byte-identical to xmlbuilder2 when no text needs references', () => {
    const header = { company: 'A & B <shop>', merchantId: '123', date: '2026-11-26' };
    const offers: Offer[] = [
      {
        sku: 'A1',
        model: 'Ноутбук 15" <pro> & co',
        brand: 'X',
        availabilities: [{ storeId: 'PP1', available: true, stockCount: 2, preOrder: 3 }],
        cityPrices: [{ cityId: '750000000', price: 10 }],
      },
    ];
    const ours = renderPriceList({ ...header, offers }).xml;
    // Only differences allowed: root attribute order (ours follows the guide), quotes in text
    // (we escape them, xmlbuilder2 does not) and our trailing newline.
    const normalise = (xml: string) =>
      xml
        .replace(/<kaspi_catalog[^>]*>/, '<root>')
        .replace(/\n$/, '')
        .replace(/<\?xml[^>]*\?>\n?/, '')
        .replace(/&quot;/g, '"');
    expect(normalise(ours)).toBe(normalise(oracle(header, offers, false)));
  });
});
