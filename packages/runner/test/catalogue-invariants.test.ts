import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFeed } from '../src/commands/run.js';
import { openRuntime, type Runtime } from '../src/commands/runtime.js';
import { parseConfig } from '../src/config/load-config.js';
import type { KaspiConnectConfigInput } from '../src/config/schema.js';
import { runSync } from '../src/pipeline/sync.js';

/**
 * The independent check: the Al-Style simulator's own catalogue (some products with a retail
 * price far below dealer), two pickup points, margin 0; what Kaspi's simulator loaded from the
 * served feed is judged against the supplier's records, never against what the runner believes.
 */
const PRODUCTS = 600;

/** The smallest stock a simulated quantity guarantees (`">50"` → 51), or undefined. */
function supplierStock(quantity: number | string): number | undefined {
  const raw = String(quantity).trim();
  const bound = /^>\s*(\d+)$/.exec(raw);
  if (bound !== null) return Number(bound[1]) + 1;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

describe.each(['first', 'split', 'warehouses'] as const)(
  'independent check with stock.allocation %s',
  (allocation) => {
    let alstyle: AlStyleSimulator;
    let kaspi: KaspiSimulator;
    let runtime: Runtime;
    let belowDealer = 0;

    beforeAll(async () => {
      alstyle = await startAlStyleSimulator({ catalogueSize: PRODUCTS, seed: 5, rateLimitMs: 0 });
      // Every seventh product: retail 1 000 ₸, dealer 900 000 ₸ (the shape of the real incident).
      alstyle.catalogue.products.forEach((product, index) => {
        if (index % 7 === 0 && product.price1 > 1 && product.price1 < 9_999_999) {
          product.price1 = 900_000;
          product.price2 = 1_000;
          belowDealer++;
        }
      });
      kaspi = await startKaspiSimulator({ merchantId: '30000001' });
      const input: KaspiConnectConfigInput = {
        shop: {
          company: 'Check',
          merchantId: kaspi.merchantId,
          stores: [{ id: 'PP1' }, { id: 'PP2' }],
        },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 0, marginMs: 0 } },
        pricing: { source: 'retail', minMarginPercent: 0 },
        stock: {
          allocation,
          cap: 100,
          ...(allocation === 'warehouses' ? { warehouses: { PP2: ['panfilov'] } } : {}),
        },
        server: { port: 0, username: 'kaspi' },
        state: { path: 'state.db' },
        feed: { dir: 'feed' },
      };
      const parsed = parseConfig(input, {
        ALSTYLE_TOKEN: alstyle.token,
        FEED_PASSWORD: 'feed-pw-123',
      });
      runtime = openRuntime(
        { ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-check-')) },
        { withSuppliers: true },
      );
    });

    afterAll(async () => {
      runtime?.close();
      await kaspi?.close();
      await alstyle?.close();
    });

    it('publishes no offer over the supplier stock and none below the dealer price', async () => {
      const result = await runSync(
        {
          config: runtime.resolved.config,
          suppliers: runtime.suppliers,
          store: runtime.store,
          publisher: runtime.publisher,
        },
        { mode: 'full' },
      );
      expect(result.status).toBe('published');
      const server = await serveFeed(runtime, { port: 0 });
      try {
        kaspi.setPriceListSource({
          url: server.feedUrl,
          username: 'kaspi',
          password: 'feed-pw-123',
        });
        expect(await kaspi.loadPriceList()).toMatchObject({ outcome: 'loaded', rejected: [] });
      } finally {
        await server.close();
      }
      const byArticle = new Map(alstyle.catalogue.products.map((p) => [`AS${p.article}`, p]));
      const offers = kaspi.offers();
      expect(offers.length).toBeGreaterThan(PRODUCTS / 2);
      expect(belowDealer).toBeGreaterThan(20);
      let atFloor = 0;
      let onSecondPoint = 0;
      for (const offer of offers) {
        const product = byArticle.get(offer.sku);
        expect(product, offer.sku).toBeDefined();
        if (product === undefined) continue;
        const published = offer.availabilities.reduce((sum, a) => sum + (a.stockCount ?? 0), 0);
        const stock = supplierStock(product.quantity);
        expect(stock, offer.sku).toBeDefined();
        expect(published, offer.sku).toBeLessThanOrEqual(stock ?? 0);
        expect(offer.price ?? 0, offer.sku).toBeGreaterThanOrEqual(product.price1);
        if (offer.price === product.price1 && product.price2 < product.price1) atFloor++;
        if ((offer.availabilities[1]?.stockCount ?? 0) > 0) onSecondPoint++;
      }
      // The floor really was exercised, and each rule put stock where it says.
      expect(atFloor).toBeGreaterThan(20);
      if (allocation === 'first') expect(onSecondPoint).toBe(0);
      else expect(onSecondPoint).toBeGreaterThan(0);
    });
  },
);
