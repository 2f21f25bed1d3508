// Runs the example end to end against the Al-Style and Kaspi simulators (no network, no token)
// and checks the result against an independent calculation; `pnpm test` runs it in CI.
import assert from 'node:assert/strict';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { buildFeed, type ShopSettings } from './build-feed.js';
import type { PricingRules } from './pricing.js';

const ALMATY = '750000000';
const ASTANA = '710000000';

const rules: PricingRules = {
  defaultMarkupPercent: 15,
  categoryMarkupPercent: {},
  roundUpTo: 10,
  cities: [
    { cityId: ALMATY, adjustPercent: 0 },
    { cityId: ASTANA, adjustPercent: 3 },
  ],
};

// Al-Style allows one request per 5 s; the simulator enforces a scaled-down 10 ms, and the client
// keeps a wide margin so a loaded CI machine never trips it.
const RATE_LIMIT_MS = 10;
const alstyleSim = await startAlStyleSimulator({
  catalogueSize: 600,
  seed: 8,
  rateLimitMs: RATE_LIMIT_MS,
});
const kaspiSim = await startKaspiSimulator({ merchantId: '30453464' });
try {
  // A different markup for the first category, to show per-category rules at work.
  const firstCategory = alstyleSim.catalogue.products[0]?.category;
  assert.ok(firstCategory !== undefined, 'the simulated catalogue is empty');
  const pricing: PricingRules = { ...rules, categoryMarkupPercent: { [firstCategory]: 30 } };
  const shop: ShopSettings = {
    company: 'Example Shop',
    merchantId: kaspiSim.merchantId,
    storeIds: ['PP1', 'PP2'],
    stockCap: 50,
    skuPrefix: 'AS',
  };

  const alstyle = createAlStyleClient({
    token: alstyleSim.token,
    baseUrl: alstyleSim.url,
    rateLimit: { intervalMs: RATE_LIMIT_MS, marginMs: 50 },
    retry: { rateLimitBackoffMs: 200 },
  });
  const feed = await buildFeed(alstyle, shop, pricing);

  // Kaspi's side: the simulated marketplace loads the file with the strict rules.
  const load = kaspiSim.uploadPriceList(feed.xml);
  assert.equal(load.outcome, 'loaded', `Kaspi did not load the feed: ${load.error}`);
  assert.deepEqual(load.rejected, [], 'Kaspi rejected offers');
  assert.equal(load.accepted, feed.offers.length);
  const onKaspi = new Map(kaspiSim.offers().map((offer) => [offer.sku, offer]));

  // Independent oracle from the supplier's raw data.
  let expectedOffers = 0;
  let sellable = 0;
  for (const raw of alstyleSim.catalogue.products) {
    const offer = onKaspi.get(`AS${raw.article}`);
    const unsellable = raw.price1 <= 1 || raw.price1 >= 9_999_999 || raw.brand.trim() === '';
    if (unsellable) {
      assert.equal(
        offer,
        undefined,
        `AS${raw.article} must not be published (price ${raw.price1})`,
      );
      continue;
    }
    expectedOffers += 1;
    assert.ok(offer, `AS${raw.article} is missing from the feed`);
    const markup: number = raw.category === firstCategory ? 30 : 15;
    const almaty: number = Math.ceil((raw.price1 * (100 + markup)) / 100 / 10 - 1e-9) * 10;
    assert.equal(offer.price, undefined, 'city prices only');
    assert.equal(offer.cityPrices.get(ALMATY), almaty, `Almaty price of AS${raw.article}`);
    assert.equal(
      offer.cityPrices.get(ASTANA),
      Math.ceil((almaty * 103) / 100 / 10 - 1e-9) * 10,
      `Astana price of AS${raw.article}`,
    );
    const published = Math.min(guaranteedStock(raw.quantity), 50);
    for (const availability of offer.availabilities) {
      assert.equal(availability.stockCount, published, `stock of AS${raw.article}`);
      assert.equal(availability.available, published > 0, `availability of AS${raw.article}`);
    }
    if (published > 0) sellable += 1;
  }
  assert.equal(feed.offers.length, expectedOffers);
  assert.ok(
    feed.skipped['price-on-request'] > 0,
    'the simulator should include price-on-request items',
  );

  // Requests: one page per 250 products, nothing else, and never a 403.
  const pages = alstyleSim.requests.filter((r) => r.path === '/api/elements-pagination');
  assert.equal(pages.length, Math.ceil(alstyleSim.catalogue.products.length / 250));
  assert.equal(
    alstyleSim.requests.filter((r) => r.rateLimited).length,
    0,
    'the client tripped the rate limit',
  );

  console.log(
    `custom-pricing: ${feed.offers.length} offers (${sellable} available) from ${alstyleSim.catalogue.products.length} products in ${pages.length} requests; skipped ${JSON.stringify(feed.skipped)}; Kaspi accepted ${load.accepted}`,
  );
} finally {
  await Promise.all([alstyleSim.close(), kaspiSim.close()]);
}

/** `13` → 13, `"0"` → 0, `">50"` → 51: the smallest stock the supplier guarantees. */
function guaranteedStock(quantity: number | string): number {
  if (typeof quantity === 'number') return quantity;
  const bound = /^>(\d+)$/.exec(quantity.trim());
  return bound?.[1] === undefined ? Number.parseInt(quantity, 10) : Number(bound[1]) + 1;
}
