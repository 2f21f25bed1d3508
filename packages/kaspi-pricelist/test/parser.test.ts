import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_MODEL,
  type Offer,
  PriceListParseError,
  PriceListValidationError,
  parsePriceList,
  parsePriceListFile,
  parsePriceListString,
  type RuleCode,
  renderPriceList,
  SKU_PATTERN,
  streamOffers,
} from '../src/index.js';
import { hostileHeader, hostileOffers, strictOffers } from './arbitraries.js';
import { fixture, fixturePath, guideSample, header } from './fixtures.js';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const OFFER = `<offer sku="A1"><model>M</model><brand>B</brand><availabilities><availability available="yes" storeId="PP1" stockCount="1"/></availabilities><price>10</price></offer>`;
const doc = (
  offers: string,
  root = '<kaspi_catalog date="d" xmlns="kaspiShopping">',
  decl = '<?xml version="1.0" encoding="utf-8"?>',
) =>
  `${decl}\n${root}\n<company>C</company>\n<merchantid>123</merchantid>\n<offers>\n${offers}\n</offers>\n</kaspi_catalog>\n`;

describe('parser: fixtures', () => {
  it("parses and validates the guide's official sample in strict mode", async () => {
    const parsed = await parsePriceListFile(fixturePath('pricelist-guide-sample.xml'));
    expect(parsed.priceList).toEqual(guideSample);
    expect(parsed.warnings).toEqual([]);
  });

  it('parses the original system feed in lenient mode, with warnings', async () => {
    const parsed = await parsePriceListFile(fixturePath('original-system-pricelist.xml'), {
      mode: 'lenient',
      maxIssues: 5000,
    });
    // The second GR16-1379T is reported, not read: every offer is accounted for.
    expect(parsed.priceList.offers).toHaveLength(249);
    expect(parsed.rejected).toMatchObject([{ sku: 'GR16-1379T', errors: ['sku.duplicate'] }]);
    expect(parsed.priceList).toMatchObject({
      company: 'Al-Style',
      merchantId: '01',
      date: '2026-08-22T22:02:12',
    });
    const rules = new Set(parsed.warnings.map((w) => w.rule));
    expect(rules).toEqual(new Set(['availability.preOrder.zero', 'sku.format', 'sku.length']));
    // preOrder="0" is read as "no pre-order", as the guide intends.
    expect(
      parsed.priceList.offers.every((o) => o.availabilities.every((a) => a.preOrder === undefined)),
    ).toBe(true);
    expect(parsed.priceList.offers.find((o) => o.sku.startsWith('23.8'))?.sku).toBe(
      '23.8&quot; XG Quantum X5',
    );
  });

  it('strict mode reports each SKU violation of the original feed by sku and line', () => {
    const xml = fixture('original-system-pricelist.xml');
    const error = failure(() =>
      parsePriceListString(xml, { maxIssues: 5000 }),
    ) as PriceListValidationError;
    expect(error).toBeInstanceOf(PriceListValidationError);
    const skuIssues = error.issues.filter((issue) => issue.rule.startsWith('sku.'));
    const offending = new Set(skuIssues.map((issue) => issue.path.replace(/\.sku$/, '')));
    expect(offending.size).toBe(141);
    const rawSkus = [...xml.matchAll(/<offer sku="([^"]*)"/g)].map((m) => m[1] ?? '');
    const expected = rawSkus.filter(
      (sku) => !SKU_PATTERN.test(sku.replace(/&amp;/g, '&').replace(/&quot;/g, '"')),
    );
    expect(new Set(skuIssues.map((issue) => issue.sku))).toEqual(
      new Set(expected.map((sku) => sku.replace(/&amp;/g, '&'))),
    );
    expect(
      skuIssues.filter((issue) => issue.rule === 'sku.duplicate').map((issue) => issue.sku),
    ).toEqual(['GR16-1379T']);
    const lines = xml.split('\n');
    for (const issue of skuIssues) {
      expect(lines[(issue.line ?? 0) - 1]).toContain('<offer sku=');
    }
    expect(
      error.issues.filter((issue) => issue.rule === 'availability.preOrder.zero'),
    ).toHaveLength(250);
  });
});

describe('parser: malformed input', () => {
  it('reports malformed XML with line and column', () => {
    const error = failure(() =>
      parsePriceListString(
        '<?xml version="1.0" encoding="utf-8"?>\n<kaspi_catalog>\n  <company>x</compny>\n',
      ),
    );
    expect(error).toBeInstanceOf(PriceListParseError);
    expect(error).toMatchObject({ line: 3, column: expect.any(Number) });
  });

  it('never returns a truncated document as a catalogue', async () => {
    const whole = doc(`${OFFER}${OFFER.replace('A1', 'A2')}`);
    const truncated = whole.slice(0, whole.indexOf('A2') + 40);
    expect(failure(() => parsePriceListString(truncated))).toBeInstanceOf(PriceListParseError);
    await expect(parsePriceList(Readable.from([truncated]))).rejects.toBeInstanceOf(
      PriceListParseError,
    );
  });

  it('rejects invalid UTF-8 bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from(doc(OFFER).slice(0, 120)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(doc(OFFER).slice(120)),
    ]);
    await expect(parsePriceList(bytes)).rejects.toBeInstanceOf(PriceListParseError);
  });

  it('rejects an empty document and a document without offers', () => {
    expect(failure(() => parsePriceListString(''))).toBeInstanceOf(PriceListParseError);
    const error = failure(() => parsePriceListString(doc(''))) as PriceListValidationError;
    expect(error.issues.map((i) => i.rule)).toContain('offers.empty');
  });

  it('rejects a foreign root element', () => {
    const error = failure(() =>
      parsePriceListString('<?xml version="1.0" encoding="utf-8"?><yml_catalog/>'),
    );
    expect(error).toBeInstanceOf(PriceListParseError);
    expect((error as Error).message).toMatch(/Yandex Market YML catalogue, not a Kaspi price list/);
  });
});

describe('parser: deviations', () => {
  const cases: Array<[string, string, RuleCode]> = [
    ['missing namespace', doc(OFFER, '<kaspi_catalog date="d">'), 'xml.namespace'],
    [
      'wrong namespace',
      doc(OFFER, '<kaspi_catalog date="d" xmlns="http://kaspi.kz/kaspishopping">'),
      'xml.namespace',
    ],
    [
      'ns0: prefixes',
      doc(OFFER, '<ns0:kaspi_catalog xmlns:ns0="kaspiShopping" date="d">')
        .replace(/<(\/?)(?!\?)/g, '<$1ns0:')
        .replace('<ns0:ns0:', '<ns0:')
        .replace('</ns0:ns0:', '</ns0:'),
      'xml.namespace',
    ],
    [
      'declaration without encoding',
      doc(OFFER, undefined, '<?xml version="1.0"?>'),
      'xml.declaration',
    ],
    ['no declaration', doc(OFFER, undefined, ''), 'xml.declaration'],
    [
      'extra element',
      doc(OFFER.replace('<brand>', '<description>d</description><brand>')),
      'xml.unknownElement',
    ],
    ['extra attribute', doc(OFFER.replace('<offer ', '<offer id="1" ')), 'xml.unknownAttribute'],
    [
      'element order',
      doc(OFFER.replace('<model>M</model><brand>B</brand>', '<brand>B</brand><model>M</model>')),
      'xml.elementOrder',
    ],
    [
      'attribute order',
      doc(OFFER.replace('available="yes" storeId="PP1"', 'storeId="PP1" available="yes"')),
      'xml.attributeOrder',
    ],
    [
      'stockCount 1.0',
      doc(OFFER.replace('stockCount="1"', 'stockCount="1.0"')),
      'availability.stockCount.decimal',
    ],
    [
      'preOrder 0',
      doc(OFFER.replace('stockCount="1"', 'preOrder="0" stockCount="1"')),
      'availability.preOrder.zero',
    ],
    ['empty brand', doc(OFFER.replace('<brand>B</brand>', '<brand/>')), 'brand.empty'],
    ['no brand', doc(OFFER.replace('<brand>B</brand>', '')), 'brand.empty'],
    [
      'no stockCount',
      doc(OFFER.replace(' stockCount="1"', ' preOrder="3"')),
      'availability.stockCount.missing',
    ],
    ['dashed sku', doc(OFFER.replace('A1', 'A-1')), 'sku.format'],
  ];

  it.each(cases)('%s: lenient warning with a line; strict by its level', (_name, xml, rule) => {
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    expect(parsed.priceList.offers).toHaveLength(1);
    const warning = parsed.warnings.find((w) => w.rule === rule);
    expect(warning).toMatchObject({ severity: 'warning', line: expect.any(Number) });
    if (ACCEPTANCE_MODEL[rule].level === 'canonical') {
      // Our canonical form, not a deviation Kaspi is known to mind: a warning even in strict mode.
      const strict = parsePriceListString(xml);
      expect(strict.priceList.offers).toHaveLength(1);
      expect(strict.warnings.map((w) => w.rule)).toContain(rule);
      return;
    }
    expect(ACCEPTANCE_MODEL[rule].level).toBe('warning');
    const error = failure(() => parsePriceListString(xml)) as PriceListValidationError;
    expect(error.issues.filter((i) => i.severity === 'error').map((i) => i.rule)).toContain(rule);
  });

  it('reads prefixed elements and stockCount="1.0" into the normal model', () => {
    const xml = doc(
      OFFER.replace('stockCount="1"', 'stockCount="1.0"'),
      '<ns0:kaspi_catalog xmlns:ns0="kaspiShopping" date="d">',
    )
      .replace(/<(\/?)(?!\?|ns0:kaspi)/g, '<$1ns0:')
      .replace('</kaspi_catalog>', '</ns0:kaspi_catalog>');
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    expect(parsed.priceList.offers[0]).toEqual({
      sku: 'A1',
      model: 'M',
      brand: 'B',
      availabilities: [{ storeId: 'PP1', available: true, stockCount: 1 }],
      price: 10,
    });
  });

  it('warns about <merchantId>_PP1 store ids in both modes and keeps them as written', () => {
    const parsed = parsePriceListString(doc(OFFER.replace('PP1', '123_PP1')));
    expect(parsed.priceList.offers[0]?.availabilities[0]?.storeId).toBe('123_PP1');
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ rule: 'availability.storeId.merchantPrefix', sku: 'A1', line: 6 }),
    ]);
  });

  it('reports values as written, with the line of the offer', () => {
    const xml = doc(
      `${OFFER}\n${OFFER.replace('A1', 'A2').replace('<price>10</price>', '<price>10.50</price>').replace('available="yes"', 'available="Yes"')}`,
    );
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    expect(parsed.priceList.offers.map((o) => o.sku)).toEqual(['A1']);
    expect(parsed.rejected).toEqual([
      {
        index: 1,
        sku: 'A2',
        line: 7,
        column: 0,
        offset: xml.indexOf('<offer sku="A2"'),
        errors: ['availability.available', 'price.format'],
      },
    ]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ rule: 'availability.available', value: 'Yes', sku: 'A2', line: 7 }),
      expect.objectContaining({
        rule: 'price.format',
        value: '10.50',
        sku: 'A2',
        line: 7,
        path: 'offers[1].price',
      }),
    ]);
    const error = failure(() => parsePriceListString(xml)) as PriceListValidationError;
    expect(error.errorCount).toBe(2);
  });

  it('rejects an offer with both price and city prices', () => {
    const xml = doc(
      OFFER.replace(
        '</price>',
        '</price><cityprices><cityprice cityId="750000000">5</cityprice></cityprices>',
      ),
    );
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    expect(parsed.priceList.offers).toEqual([]);
    expect(parsed.rejected.map((r) => r.errors)).toEqual([['price.conflict']]);
    expect(parsed.errorCount).toBe(1);
  });
});

describe('parser: sources and streaming', () => {
  const xml = renderPriceList({ ...header, offers: guideSample.offers }, { pretty: true }).xml;
  const expected = { ...header, offers: guideSample.offers };

  it('reads strings, bytes, Node streams, web streams and 1-byte chunks alike', async () => {
    const bytes = Buffer.from(xml);
    const oneByteChunks = Readable.from([...bytes].map((b) => Buffer.from([b])));
    const web = new Blob([bytes]).stream();
    for (const input of [xml, bytes, Readable.from([bytes]), oneByteChunks, web]) {
      expect((await parsePriceList(input)).priceList).toEqual(expected);
    }
  });

  it('keeps surrogate pairs split across internal slices of a large string', async () => {
    // Slices are 65536 UTF-16 units; one of the two prefixes puts a pair across the boundary.
    for (const prefix of ['x', 'xy']) {
      const model = `${prefix}${'😀'.repeat(40_000)}`;
      const offers: Offer[] = [{ ...guideSample.offers[0], model } as Offer];
      const big = renderPriceList({ ...header, offers }).xml;
      const read: Offer[] = [];
      for await (const offer of streamOffers(big)) read.push(offer);
      expect(read[0]?.model).toBe(model);
    }
  });

  it('skips a byte-order mark', async () => {
    expect((await parsePriceList(`\ufeff${xml}`)).priceList).toEqual(expected);
    expect(parsePriceListString(`\ufeff${xml}`).priceList).toEqual(expected);
  });

  it('streams offers before the document ends and reports the header first', async () => {
    const events: string[] = [];
    const source = (async function* () {
      const cut = xml.indexOf('</offer>') + 8;
      yield xml.slice(0, cut);
      events.push('second chunk');
      yield xml.slice(cut);
    })();
    for await (const offer of streamOffers(source, {
      onHeader: (h) => events.push(`header ${h.merchantId}`),
    })) {
      events.push(`offer ${offer.sku}`);
    }
    expect(events).toEqual([
      'header 30453464',
      'offer 232130213',
      'second chunk',
      'offer 232130223',
    ]);
  });

  it('streamOffers throws at the end when any offer was invalid, after yielding the valid ones', async () => {
    const bad = doc(`${OFFER}${OFFER.replace('A1', 'A 2')}`);
    const seen: Offer[] = [];
    await expect(
      (async () => {
        for await (const offer of streamOffers(bad)) seen.push(offer);
      })(),
    ).rejects.toBeInstanceOf(PriceListValidationError);
    expect(seen.map((o) => o.sku)).toEqual(['A1']);
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(parsePriceList(xml, { signal: controller.signal })).rejects.toThrow('stop');
    await expect(
      parsePriceListFile(fixturePath('pricelist-guide-sample.xml'), { signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('round trip', () => {
  it('writer → parser gives back the same offers, and writer → parser → writer is identity', () => {
    fc.assert(
      fc.property(strictOffers, fc.boolean(), (offers, pretty) => {
        const first = renderPriceList({ ...header, offers }, { pretty }).xml;
        const parsed = parsePriceListString(first);
        expect(parsed.priceList).toEqual({ ...header, offers });
        expect(renderPriceList(parsed.priceList, { pretty }).xml).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it('is identity for hostile text in lenient mode (values exact after illegal-character removal)', () => {
    fc.assert(
      fc.property(hostileHeader, hostileOffers, fc.boolean(), (h, offers, pretty) => {
        const first = renderPriceList({ ...h, offers }, { pretty, mode: 'lenient' }).xml;
        const parsed = parsePriceListString(first, { mode: 'lenient' });
        expect(parsed.priceList.offers.map((o) => o.model)).toEqual(
          offers.map((o) =>
            o.model.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ''),
          ),
        );
        expect(renderPriceList(parsed.priceList, { pretty, mode: 'lenient' }).xml).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('the guide sample survives parse → write → parse', () => {
    const parsed = parsePriceListString(fixture('pricelist-guide-sample.xml'));
    const written = renderPriceList(parsed.priceList, { pretty: true }).xml;
    expect(parsePriceListString(written).priceList).toEqual(parsed.priceList);
  });
});
