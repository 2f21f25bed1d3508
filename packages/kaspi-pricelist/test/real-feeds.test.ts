import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PriceListParseError,
  PriceListValidationError,
  parsePriceListFile,
  parsePriceListString,
  type RuleCode,
  renderPriceList,
  streamOffers,
} from '../src/index.js';
import { fixture, fixturePath } from './fixtures.js';

/** What each real feed breaks, by rule, when read leniently (see fixtures/real-feeds/SOURCES.md). */
const EXPECTED: Record<
  string,
  { offers: number; rejected: number; rules: Partial<Record<RuleCode, number>> }
> = {
  '3matveenko_kaspi_catalog.xml': {
    offers: 1,
    rejected: 0,
    rules: { 'availability.stockCount.missing': 2 },
  },
  'assel_decor_kaspi.xml': {
    offers: 119,
    rejected: 0,
    rules: {
      'xml.namespace': 1,
      'xml.unknownElement': 119,
      'availability.storeId.merchantPrefix': 119,
    },
  },
  'bekzat707_price.xml': { offers: 1, rejected: 0, rules: { 'sku.format': 1 } },
  'conflearning26_kaspi_feed.xml': {
    offers: 222,
    rejected: 0,
    rules: {
      'availability.preOrder.zero': 222,
      'sku.format': 220,
      'availability.storeId.merchantPrefix': 222,
      'availability.stockCount.missing': 222,
    },
  },
  'seiitkhanr_kaspi_catalog.xml': {
    offers: 147,
    rejected: 0,
    rules: { 'xml.attributeOrder': 147, 'brand.empty': 147, 'availability.available.noStock': 1 },
  },
  'timur_kaspi_price_list.xml': {
    offers: 249,
    rejected: 1,
    rules: {
      'availability.preOrder.zero': 250,
      'sku.format': 141,
      'sku.length': 17,
      'sku.duplicate': 1,
    },
  },
};

const HALYK = 'midor1y_lg_halyk_catalog.xml';
const feed = (name: string) => `real-feeds/${name}`;
const files = readdirSync(fixturePath('real-feeds')).filter((name) => name.endsWith('.xml'));
const offerTags = (xml: string) => xml.match(/<(?:\w+:)?offer[\s>/]/g)?.length ?? 0;

describe('real feeds', () => {
  it('covers every file in the fixtures', () => {
    expect(new Set(files)).toEqual(new Set([...Object.keys(EXPECTED), HALYK]));
  });

  it.each(Object.entries(EXPECTED))(
    '%s: lenient reading accounts for every offer, with issues by rule',
    async (name, expected) => {
      const xml = fixture(feed(name));
      const parsed = await parsePriceListFile(fixturePath(feed(name)), {
        mode: 'lenient',
        maxIssues: 10_000,
      });
      expect(parsed.priceList.offers.length + parsed.rejected.length).toBe(offerTags(xml));
      expect(parsed.priceList.offers).toHaveLength(expected.offers);
      expect(parsed.rejected).toHaveLength(expected.rejected);
      const counts = Object.fromEntries(
        Object.entries(parsed.byRule).map(([rule, c]) => [
          rule,
          (c?.errors ?? 0) + (c?.warnings ?? 0),
        ]),
      );
      expect(counts).toEqual(expected.rules);
      // Every issue of a rejected offer points at its own <offer> tag, even in one-line files.
      for (const r of parsed.rejected) expect(xml.startsWith('<offer', r.offset)).toBe(true);
      for (const issue of parsed.issues.filter((i) => i.path.startsWith('offers['))) {
        expect(issue.offset).toBeGreaterThan(0);
      }
    },
  );

  it.each(Object.keys(EXPECTED))('%s: what was read survives a round trip', (name) => {
    const read = parsePriceListString(fixture(feed(name)), { mode: 'lenient' });
    const written = renderPriceList(read.priceList, { mode: 'lenient' });
    const again = parsePriceListString(written.xml, { mode: 'lenient' });
    expect(again.priceList).toEqual(read.priceList);
    expect(again.rejected).toEqual([]);
    // The canonical form leaves only what the data itself says (no order, namespace, extras).
    for (const rule of ['xml.attributeOrder', 'xml.namespace', 'xml.unknownElement'] as const) {
      expect(again.byRule[rule]).toBeUndefined();
    }
    expect(renderPriceList(again.priceList, { mode: 'lenient' }).xml).toBe(written.xml);
  });

  it('points at the offer in a one-line file by column and offset', () => {
    const xml = fixture(feed('seiitkhanr_kaspi_catalog.xml'));
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    const issue = parsed.warnings.find((w) => w.rule === 'availability.available.noStock');
    expect(issue?.line).toBe(2);
    expect(xml.startsWith(`<offer sku="${issue?.sku}"`, issue?.offset)).toBe(true);
    const lineStart = xml.indexOf('\n') + 1;
    expect(issue?.column).toBe((issue?.offset ?? 0) - lineStart);
  });

  it("refuses Halyk Market's feed and says what it is", async () => {
    const error = await parsePriceListFile(fixturePath(feed(HALYK)), { mode: 'lenient' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PriceListParseError);
    expect((error as Error).message).toMatch(
      /Halyk Market's price list, not a Kaspi price list: its root element is <merchant_offers> in namespace "halyk_market"/,
    );
  });
});

describe('lenient reading of a big catalogue with a few bad offers', () => {
  const good = (i: number) =>
    `<offer sku="A${i}"><model>M${i}</model><brand>B</brand><availabilities><availability available="yes" storeId="PP1" stockCount="1"/></availabilities><price>${100 + i}</price></offer>`;
  const bad: Record<number, [string, RuleCode]> = {
    10: ['<price>0</price>', 'price.format'],
    20: ['<model></model>', 'model.empty'],
    30: ['available="N"', 'availability.available'],
  };
  const offers = Array.from({ length: 3000 }, (_, i) => {
    const entry = bad[i];
    if (entry === undefined) return good(i);
    const [replacement] = entry;
    return good(i)
      .replace(/<price>\d+<\/price>/, replacement.startsWith('<price') ? replacement : '$&')
      .replace(/<model>M\d+<\/model>/, replacement.startsWith('<model') ? replacement : '$&')
      .replace('available="yes"', replacement.startsWith('available') ? replacement : '$&');
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="d" xmlns="kaspiShopping"><company>C</company><merchantid/><offers>${offers.join('')}</offers></kaspi_catalog>`;

  it('keeps the 2997 good offers and reports the three bad ones and the empty merchantid', () => {
    const parsed = parsePriceListString(xml, { mode: 'lenient' });
    expect(parsed.priceList.offers).toHaveLength(2997);
    expect(parsed.rejected.map((r) => [r.sku, r.errors])).toEqual(
      Object.entries(bad).map(([i, [, rule]]) => [`A${i}`, [rule]]),
    );
    expect(parsed.issues.map((i) => i.rule)).toContain('header.merchantId');
    expect(parsed.errorCount).toBe(4);
    expect(parsed.rejected[0]?.offer).toBeUndefined();
  });

  it("keeps the rejected offers as read with onInvalid: 'keep'", () => {
    const parsed = parsePriceListString(xml, { mode: 'lenient', onInvalid: 'keep' });
    expect(parsed.rejected[0]?.offer).toMatchObject({ sku: 'A10', price: 0 });
  });

  it('still throws in strict mode unless asked not to', () => {
    expect(() => parsePriceListString(xml)).toThrow(/4 error\(s\)/);
    expect(parsePriceListString(xml, { onInvalid: 'skip' }).rejected).toHaveLength(3);
  });

  it('streamOffers never passes the catalogue off as whole: it throws unless told to skip', async () => {
    const seen: string[] = [];
    const error = await (async () => {
      for await (const offer of streamOffers(xml, { mode: 'lenient' })) seen.push(offer.sku);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceListValidationError);
    expect(seen).toHaveLength(2997);
    const iterator = streamOffers(xml, { mode: 'lenient', onInvalid: 'skip' });
    let step = await iterator.next();
    let count = 0;
    while (step.done !== true) {
      count++;
      step = await iterator.next();
    }
    expect(count).toBe(2997);
    expect(step.value).toMatchObject({ offerCount: 2997, rejectedCount: 3, errorCount: 4 });
  });
});
