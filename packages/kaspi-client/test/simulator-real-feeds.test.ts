import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PriceListParseError, parsePriceListString } from '@kaspi-connect/kaspi-pricelist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KaspiSimulator, startKaspiSimulator } from '../src/testing/index.js';

// Sellers' public feeds, kept with their sources in the price-list package's fixtures.
const DIR = fileURLToPath(
  new URL('../../kaspi-pricelist/test/fixtures/real-feeds/', import.meta.url),
);
const feeds = readdirSync(DIR).filter((name) => name.endsWith('.xml'));
const policies = ['strict', 'lenient'] as const;

const sims = new Map<string, KaspiSimulator>();
beforeAll(async () => {
  for (const policy of policies)
    sims.set(policy, await startKaspiSimulator({ offerPolicy: policy }));
});
afterAll(async () => {
  for (const sim of sims.values()) await sim.close();
});

describe('the simulator loads real feeds exactly as the validator reads them', () => {
  it('has feeds to compare', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(7);
  });

  for (const policy of policies) {
    it.each(feeds)(`%s (${policy})`, (name) => {
      const xml = readFileSync(DIR + name, 'utf8');
      const sim = sims.get(policy) as KaspiSimulator;
      let validated: ReturnType<typeof parsePriceListString> | undefined;
      let refusal: unknown;
      try {
        validated = parsePriceListString(xml, { mode: policy, onInvalid: 'skip' });
      } catch (error) {
        refusal = error;
      }
      const before = sim.offers().map((o) => o.sku);
      const report = sim.uploadPriceList(xml);
      if (validated === undefined) {
        // A document the validator refuses never replaces the simulator's catalogue.
        expect(refusal).toBeInstanceOf(PriceListParseError);
        expect(report.outcome).toBe('failed');
        expect(report.error).toContain((refusal as Error).message);
        expect(sim.offers().map((o) => o.sku)).toEqual(before);
        return;
      }
      expect(report.outcome).toBe('loaded');
      const accepted = validated.priceList.offers.map((o) => o.sku);
      expect(sim.offers().map((o) => o.sku)).toEqual(accepted);
      expect(report.accepted).toBe(accepted.length);
      expect(report.rejected.map((r) => [r.sku, r.line, [...new Set(r.rules)]])).toEqual(
        validated.rejected.map((r) => [r.sku, r.line, [...new Set(r.errors)]]),
      );
      // What the simulator shows for an offer is what the validator read.
      for (const offer of validated.priceList.offers.slice(0, 20)) {
        const shown = sim.offers().find((o) => o.sku === offer.sku);
        expect(shown?.price).toBe(offer.price);
        expect(shown?.availabilities.map((a) => [a.storeId, a.available, a.stockCount])).toEqual(
          offer.availabilities.map((a) => [a.storeId, a.available, a.stockCount]),
        );
      }
    });
  }
});
