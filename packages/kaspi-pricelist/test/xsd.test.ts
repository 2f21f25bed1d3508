import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { KASPI_CATALOG_XSD_URL, renderPriceList } from '../src/index.js';
import { strictOffers } from './arbitraries.js';
import { fixture, guideSample, header, offer } from './fixtures.js';

const schema = {
  fileName: 'kaspi-catalog.xsd',
  contents: readFileSync(KASPI_CATALOG_XSD_URL, 'utf8'),
};

async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'pricelist.xml', contents: xml }, schema });
  return result.errors.map((error) => error.message);
}

const ONE =
  '<offer sku="A1"><model>M</model><brand>B</brand><availabilities><availability available="yes" storeId="PP1" stockCount="1"/></availabilities><price>10</price></offer>';
const wrap = (offers: string) =>
  `<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="d" xmlns="kaspiShopping"><company>C</company><merchantid>1</merchantid><offers>${offers}</offers></kaspi_catalog>`;

describe('XSD (checked with libxml2 via xmllint-wasm)', () => {
  it("accepts the guide's official sample", async () => {
    expect(await xsdErrors(fixture('pricelist-guide-sample.xml'))).toEqual([]);
  });

  it('accepts generated feeds, compact and pretty', async () => {
    expect(await xsdErrors(renderPriceList(guideSample, { pretty: true }).xml)).toEqual([]);
    const samples = fc.sample(fc.tuple(strictOffers, fc.boolean()), { numRuns: 25, seed: 42 });
    // One document per sample, validated in one xmllint run to keep the test fast.
    const xml = samples.map(([offers, pretty], i) => ({
      fileName: `feed-${i}.xml`,
      contents: renderPriceList({ ...header, offers }, { pretty }).xml,
    }));
    const result = await validateXML({ xml, schema });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const violations: Array<[string, string]> = [
    ['a SKU with a dash', ONE.replace('A1', 'A-1')],
    ['a SKU over 20 characters', ONE.replace('A1', 'A'.repeat(21))],
    ['a duplicate SKU', ONE + ONE],
    ['a decimal price', ONE.replace('>10<', '>10.5<')],
    ['a zero price', ONE.replace('>10<', '>0<')],
    ['preOrder 0', ONE.replace('stockCount', 'preOrder="0" stockCount')],
    ['preOrder 31', ONE.replace('stockCount', 'preOrder="31" stockCount')],
    ['a negative stock', ONE.replace('stockCount="1"', 'stockCount="-1"')],
    ['stockCount 1.0', ONE.replace('stockCount="1"', 'stockCount="1.0"')],
    ['no stockCount', ONE.replace(' stockCount="1"', '')],
    ['available=Yes', ONE.replace('"yes"', '"Yes"')],
    ['an empty model', ONE.replace('<model>M</model>', '<model> </model>')],
    ['no brand', ONE.replace('<brand>B</brand>', '')],
    [
      'price and cityprices',
      ONE.replace(
        '</price>',
        '</price><cityprices><cityprice cityId="750000000">1</cityprice></cityprices>',
      ),
    ],
    ['no price', ONE.replace('<price>10</price>', '')],
    [
      'brand before model',
      ONE.replace('<model>M</model><brand>B</brand>', '<brand>B</brand><model>M</model>'),
    ],
    ['an extra element', ONE.replace('<brand>', '<description>x</description><brand>')],
    [
      'a bad cityId',
      ONE.replace(
        '<price>10</price>',
        '<cityprices><cityprice cityId="75">1</cityprice></cityprices>',
      ),
    ],
    ['no availability', ONE.replace(/<availability .*\/>/, '')],
  ];

  it('rejects each rule violation (all cases in one xmllint run)', async () => {
    const xml = violations.map(([name, offers]) => ({
      fileName: `${name.replace(/\W+/g, '-')}.xml`,
      contents: wrap(offers),
    }));
    const result = await validateXML({ xml, schema });
    // xmllint prints one verdict per file; `errors` also holds namespace warnings of valid files.
    const verdicts = new Map(
      [...result.rawOutput.matchAll(/^(\S+) (validates|fails to validate)$/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    expect(xml.map((file) => [file.fileName, verdicts.get(file.fileName)])).toEqual(
      xml.map((file) => [file.fileName, 'fails to validate']),
    );
  });

  it('rejects a missing namespace and an empty offer list', async () => {
    expect(await xsdErrors(wrap(ONE).replace(' xmlns="kaspiShopping"', ''))).not.toEqual([]);
    expect(await xsdErrors(wrap(''))).not.toEqual([]);
  });

  it('agrees with the writer: what strict mode writes, the XSD accepts', async () => {
    const xml = renderPriceList({
      ...header,
      offers: [
        offer(),
        offer({ sku: 'B2', price: undefined, cityPrices: [{ cityId: '710000000', price: 5 }] }),
      ],
    }).xml;
    expect(await xsdErrors(xml)).toEqual([]);
  });
});
