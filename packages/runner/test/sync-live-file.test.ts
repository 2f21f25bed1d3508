import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../src/pipeline/events.js';
import { runSync, type SyncDependencies } from '../src/pipeline/sync.js';
import { FeedPublisher } from '../src/publish/feed-publisher.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import { testConfig } from './helpers/config.js';
import { FakeSupplier, makeProducts } from './helpers/fake-supplier.js';

function setup(guards = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-live-'));
  const supplier = new FakeSupplier(makeProducts(200));
  const store = new SqliteStateStore(':memory:');
  const publisher = new FeedPublisher({ dir, fileName: 'kaspi.xml', history: 2 });
  const events: SyncEvent[] = [];
  const deps: SyncDependencies = {
    config: testConfig({ guards }),
    suppliers: [{ supplier, skuPrefix: 'AS' }],
    store,
    publisher,
    onEvent: (event) => events.push(event),
  };
  return { supplier, store, publisher, deps, events };
}

describe('the live file is the truth', () => {
  it('writes a deleted live feed again on the next sync, though no offer changed', async () => {
    const { deps, publisher, events } = setup();
    expect((await runSync(deps, { mode: 'full' })).status).toBe('published');
    const first = readFileSync(publisher.currentPath, 'utf8');
    expect((await runSync(deps, { mode: 'full' })).status).toBe('unchanged');
    rmSync(publisher.currentPath);
    const again = await runSync(deps, { mode: 'full' });
    expect(again.status).toBe('published');
    expect(again.summary.rewrote).toBe('missing');
    expect(readFileSync(publisher.currentPath, 'utf8')).toContain('<offer sku="AS1000">');
    expect(readFileSync(publisher.currentPath, 'utf8').length).toBeGreaterThan(first.length / 2);
    expect(events.some((e) => e.type === 'sync.live-file' && e.state === 'missing')).toBe(true);
  });

  it('writes an altered live feed again and records the new hash', async () => {
    const { deps, publisher, store } = setup();
    await runSync(deps, { mode: 'full' });
    writeFileSync(publisher.currentPath, '<kaspi_catalog>edited by hand</kaspi_catalog>');
    const again = await runSync(deps, { mode: 'refresh' });
    expect(again).toMatchObject({ status: 'published', summary: { rewrote: 'altered' } });
    expect(await publisher.checkLive(store.lastPublishedFeed()?.sha256 ?? '')).toBe('ok');
    expect((await runSync(deps, { mode: 'refresh' })).status).toBe('unchanged');
  });
});

describe('the per-offer price guard', () => {
  it('keeps the last price of offers whose price fell too far, and reports them', async () => {
    const { deps, supplier, store, publisher } = setup();
    await runSync(deps, { mode: 'full' });
    // 9 % of prices divided by 1 000: too few to trip the feed-wide guard (10 %).
    supplier.products = supplier.products.map((p, i) =>
      i % 11 === 0
        ? { ...p, prices: { dealer: undefined, retail: Math.round((p.prices.retail ?? 0) / 1000) } }
        : p,
    );
    const result = await runSync(deps, { mode: 'full' });
    expect(result.status).toBe('unchanged');
    expect(result.summary.priceHolds).toBe(19);
    const holds = store.priceHolds();
    expect(holds).toHaveLength(19);
    expect(holds[0]).toMatchObject({ sku: 'AS1000', publishedPrice: 1500, wantedPrice: 2 });
    expect(readFileSync(publisher.currentPath, 'utf8')).toContain('<price>1500</price>');
    expect(readFileSync(publisher.currentPath, 'utf8')).not.toContain('<price>2</price>');
    // The hold lasts across syncs until a person accepts the new prices with --force.
    expect((await runSync(deps, { mode: 'full' })).summary.priceHolds).toBe(19);
    const forced = await runSync(deps, { mode: 'full', force: true });
    expect(forced.status).toBe('published');
    expect(store.priceHolds()).toEqual([]);
    expect(readFileSync(publisher.currentPath, 'utf8')).toContain('<price>2</price>');
  });

  it('publishes such an offer as unavailable at its last price with onOfferPriceDrop: skip', async () => {
    const { deps, supplier, store } = setup({ onOfferPriceDrop: 'skip' });
    await runSync(deps, { mode: 'full' });
    supplier.products = supplier.products.map((p, i) =>
      i === 3 ? { ...p, prices: { dealer: undefined, retail: 100 } } : p,
    );
    const result = await runSync(deps, { mode: 'full' });
    expect(result.status).toBe('published');
    expect(store.findSkuMapping('AS1003')).toMatchObject({ price: 1503, available: false });
    expect(store.priceHolds()).toMatchObject([{ sku: 'AS1003', action: 'skip', wantedPrice: 100 }]);
  });

  it('lets a drop within the limit through', async () => {
    const { deps, supplier, store } = setup();
    await runSync(deps, { mode: 'full' });
    supplier.products = supplier.products.map((p, i) =>
      i === 0 ? { ...p, prices: { dealer: 500, retail: 800 } } : p,
    );
    await runSync(deps, { mode: 'full' });
    expect(store.findSkuMapping('AS1000')?.price).toBe(800);
    expect(store.priceHolds()).toEqual([]);
  });

  it('remembers every skipped product with its reason', async () => {
    const { deps, supplier, store } = setup();
    supplier.products = supplier.products.map((p, i) => (i < 3 ? { ...p, brand: undefined } : p));
    await runSync(deps, { mode: 'full' });
    expect(store.skippedProducts()).toEqual([
      { supplier: 'alstyle', key: '1000', reason: 'missing-brand', runId: 1 },
      { supplier: 'alstyle', key: '1001', reason: 'missing-brand', runId: 1 },
      { supplier: 'alstyle', key: '1002', reason: 'missing-brand', runId: 1 },
    ]);
    expect(store.skippedProducts('no-price')).toEqual([]);
  });
});
