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
import type { SyncDependencies } from '../src/pipeline/sync.js';
import { runSync } from '../src/pipeline/sync.js';
import type { FeedServer } from '../src/server/feed-server.js';

const PRODUCTS = 1200;
const INTERVAL_MS = 20;

/** What the runner must publish for one simulated product, computed here independently. */
function expectedOffer(p: AlStyleSimulator['catalogue']['products'][number]) {
  if (p.price1 <= 1 || p.price2 <= 1) return { skip: 'price-on-request' } as const;
  if (p.price1 === 9_999_999 || p.price2 === 9_999_999) return { skip: 'placeholder' } as const;
  if (p.brand.trim() === '') return { skip: 'missing-brand' } as const;
  const raw = String(p.quantity).trim();
  const bound = /^>\s*(\d+)$/.exec(raw);
  if (bound === null && !/^\d+$/.test(raw)) return { skip: 'unreadable-stock' } as const;
  const stock = Math.min(bound === null ? Number(raw) : Number(bound[1]) + 1, 100);
  // retail + 10 %, rounded up to 10 KZT, in integer arithmetic
  const price = Math.ceil((p.price2 * 110) / 1000) * 10;
  return { sku: `AS${p.article}`, price, stock, available: stock > 0 } as const;
}

describe('end to end: Al-Style simulator → runner → feed server → Kaspi simulator', () => {
  let alstyle: AlStyleSimulator;
  let kaspi: KaspiSimulator;
  let runtime: Runtime;
  let server: FeedServer;
  let deps: SyncDependencies;

  beforeAll(async () => {
    alstyle = await startAlStyleSimulator({
      catalogueSize: PRODUCTS,
      seed: 11,
      rateLimitMs: INTERVAL_MS,
      invalidProducts: 2,
    });
    kaspi = await startKaspiSimulator({ merchantId: '30000001' });
    const parsed = parseConfig(
      {
        shop: {
          company: 'E2E',
          merchantId: kaspi.merchantId,
          stores: [{ id: 'PP1' }, { id: 'PP2', preOrderDays: 2 }],
        },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: INTERVAL_MS, marginMs: 15 } },
        pricing: { source: 'retail', markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
        stock: { cap: 100 },
        server: { port: 0, username: 'kaspi' },
        state: { path: 'state.db' },
        feed: { dir: 'feed' },
      },
      { ALSTYLE_TOKEN: alstyle.token, FEED_PASSWORD: 'feed-pw-123' },
    );
    runtime = openRuntime(
      { ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-e2e-')) },
      { withSuppliers: true },
    );
    deps = {
      config: parsed.config,
      suppliers: runtime.suppliers,
      store: runtime.store,
      publisher: runtime.publisher,
      secrets: runtime.secrets,
    };
    server = await serveFeed(runtime, { port: 0 });
    kaspi.setPriceListSource({ url: server.feedUrl, username: 'kaspi', password: 'feed-pw-123' });
  });

  afterAll(async () => {
    await server?.close();
    runtime?.close();
    await kaspi?.close();
    await alstyle?.close();
  });

  it('publishes every sellable product, and Kaspi loads each offer exactly as expected', async () => {
    alstyle.clearRequests();
    const full = await runSync(deps, { mode: 'full' });
    expect(full.status).toBe('published');
    // The supplier's minimum: one request per 250 products, nothing else.
    const pages = alstyle.requests.filter((r) => r.path === '/api/elements-pagination');
    expect(alstyle.requests.filter((r) => !r.rateLimited)).toHaveLength(Math.ceil(PRODUCTS / 250));
    expect(pages.every((r) => r.query.limit === '250')).toBe(true);

    const load = await kaspi.loadPriceList();
    expect(load).toMatchObject({ outcome: 'loaded', rejected: [] });
    const loaded = new Map(kaspi.offers().map((offer) => [offer.sku, offer]));

    const skipped: Record<string, number> = {};
    let checked = 0;
    for (const product of alstyle.catalogue.products) {
      const expected = expectedOffer(product);
      if ('skip' in expected) {
        skipped[expected.skip] = (skipped[expected.skip] ?? 0) + 1;
        expect(
          loaded.has(`AS${product.article}`),
          `AS${product.article} must not be published`,
        ).toBe(false);
        continue;
      }
      const offer = loaded.get(expected.sku);
      expect(offer, expected.sku).toBeDefined();
      expect(offer?.price, expected.sku).toBe(expected.price);
      expect(offer?.brand).toBe(product.brand.trim());
      expect(offer?.availabilities).toEqual([
        {
          storeId: 'PP1',
          available: expected.available,
          stockCount: expected.stock,
          preOrder: undefined,
        },
        // stock.allocation 'first': Kaspi adds up the points, so PP2 shows nothing.
        { storeId: 'PP2', available: false, stockCount: 0, preOrder: undefined },
      ]);
      checked++;
    }
    expect(loaded.size).toBe(checked);
    expect(full.summary.offers).toBe(checked);
    expect(skipped['price-on-request'] ?? 0).toBeGreaterThan(0);
    expect(skipped['unreadable-stock']).toBe(2);
    // Never an invented stock number: ">50" publishes 51.
    expect([...loaded.values()].some((o) => o.availabilities[0]?.stockCount === 51)).toBe(true);
    expect([...loaded.values()].every((o) => (o.availabilities[0]?.stockCount ?? 0) <= 100)).toBe(
      true,
    );
  });

  it('refreshes with one request and Kaspi sees the new prices and sold-out items', async () => {
    const sellable = alstyle.catalogue.products.filter(
      (p) => !('skip' in expectedOffer(p)) && typeof p.quantity === 'number' && p.quantity > 0,
    );
    const soldOut = sellable.slice(0, 5);
    const repriced = sellable.slice(5, 10);
    for (const p of soldOut) p.quantity = 0;
    for (const p of repriced) p.price2 += 1000;

    alstyle.clearRequests();
    const refresh = await runSync(deps, { mode: 'refresh' });
    expect(refresh.status).toBe('published');
    expect(alstyle.requests.map((r) => r.path)).toEqual(['/api/quantity-price']);
    expect(refresh.summary.changes).toMatchObject({
      becameUnavailable: 5,
      priceChanged: 5,
      added: 0,
      removed: 0,
    });

    expect((await kaspi.loadPriceList()).outcome).toBe('loaded');
    const loaded = new Map(kaspi.offers().map((offer) => [offer.sku, offer]));
    for (const p of soldOut) {
      expect(
        loaded.get(`AS${p.article}`)?.availabilities.map((a) => [a.available, a.stockCount]),
      ).toEqual([
        [false, 0],
        [false, 0],
      ]);
    }
    for (const p of repriced) {
      const expected = expectedOffer(p);
      expect('price' in expected && loaded.get(`AS${p.article}`)?.price).toBe(
        'price' in expected ? expected.price : -1,
      );
    }
  });

  it('does not publish again when nothing changed, and Kaspi sees the same file', async () => {
    const again = await runSync(deps, { mode: 'refresh' });
    expect(again.status).toBe('unchanged');
    expect((await kaspi.loadPriceList()).outcome).toBe('unchanged');
  });

  it('keeps the live feed when the supplier suddenly lists half the catalogue', async () => {
    const removed = alstyle.catalogue.products.splice(0, PRODUCTS / 2);
    try {
      const result = await runSync(deps, { mode: 'full' });
      expect(result.status).toBe('refused');
      expect((await kaspi.loadPriceList()).outcome).toBe('unchanged');
    } finally {
      alstyle.catalogue.products.unshift(...removed);
    }
  });
});
