import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import type { SyncEvent } from '../src/pipeline/events.js';
import { runSync, type SyncDependencies } from '../src/pipeline/sync.js';
import { FeedPublisher } from '../src/publish/feed-publisher.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import type { SupplierProduct } from '../src/supplier/supplier.js';
import { testConfig } from './helpers/config.js';
import { FakeSupplier, makeProducts } from './helpers/fake-supplier.js';

function setup(products = makeProducts(100)) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-sync-'));
  const supplier = new FakeSupplier(products);
  const second = new FakeSupplier([], 'other');
  const store = new SqliteStateStore(':memory:');
  const publisher = new FeedPublisher({ dir, fileName: 'kaspi.xml', history: 5 });
  const events: SyncEvent[] = [];
  const deps: SyncDependencies = {
    config: testConfig(),
    suppliers: [{ supplier, skuPrefix: 'AS' }],
    store,
    publisher,
    onEvent: (event) => events.push(event),
    secrets: ['tok-secret-123'],
  };
  const feed = () => readFileSync(publisher.currentPath, 'utf8');
  return { supplier, second, store, publisher, deps, events, feed };
}

const withStock = (p: SupplierProduct, min: number): SupplierProduct => ({
  ...p,
  stock: { min, exact: true },
});

describe('runSync', () => {
  it('publishes a validated feed on the first full sync and stores the SKU mapping', async () => {
    const { deps, store, feed } = setup();
    const result = await runSync(deps, { mode: 'full' });
    expect(result).toMatchObject({ status: 'published', exitCode: ExitCode.Ok });
    expect(result.summary).toMatchObject({ supplierProducts: 100, offers: 100, available: 100 });
    expect(feed()).toContain('<offer sku="AS1000">');
    expect(feed()).toContain('<merchantid>30453464</merchantid>');
    expect(store.findSkuMapping('AS1042')).toMatchObject({
      supplier: 'alstyle',
      productKey: '1042',
    });
    expect(store.lastPublishedFeed()).toMatchObject({ offers: 100, available: 100 });
    expect(store.loadCatalogue('alstyle')).toHaveLength(100);
  });

  it('refreshes prices and stock from one snapshot without reading the catalogue', async () => {
    const { deps, supplier, feed } = setup();
    await runSync(deps, { mode: 'full' });
    supplier.products = supplier.products.map((p, i) =>
      i === 0 ? { ...withStock(p, 0), prices: { dealer: 1000, retail: 1600 } } : p,
    );
    const result = await runSync(deps, { mode: 'refresh' });
    expect(result.status).toBe('published');
    expect(supplier.catalogueCalls).toBe(1);
    expect(supplier.snapshotCalls).toBe(1);
    expect(feed()).toMatch(/<offer sku="AS1000">.*?available="no".*?<price>1600<\/price>/s);
    expect(result.summary.changes).toMatchObject({ becameUnavailable: 1, priceChanged: 1 });
  });

  it('refuses a refresh before any full sync', async () => {
    const { deps } = setup();
    const result = await runSync(deps, { mode: 'refresh' });
    expect(result).toMatchObject({ status: 'failed', exitCode: ExitCode.Supplier });
    expect(result.summary.error).toMatch(/sync --full/);
  });

  it('keeps the live feed when the supplier returns nothing, even on the first run', async () => {
    const { deps, supplier, publisher, events } = setup([]);
    const first = await runSync(deps, { mode: 'full' });
    expect(first).toMatchObject({ status: 'refused', exitCode: ExitCode.Refused });
    expect(first.summary.refusals).toContain('the supplier returned no products');
    await expect(readFile(publisher.currentPath)).rejects.toThrow();
    supplier.products = makeProducts(10);
    expect((await runSync(deps, { mode: 'full' })).status).toBe('published');
    expect(events.some((e) => e.type === 'sync.refused')).toBe(true);
    // --force never publishes an empty feed
    supplier.products = [];
    expect((await runSync(deps, { mode: 'full', force: true })).status).toBe('refused');
  });

  it('refuses a catalogue that shrank, keeps the previous feed, and recovers when data is good again', async () => {
    const { deps, supplier, feed, store } = setup();
    await runSync(deps, { mode: 'full' });
    const before = feed();
    const full = supplier.products;
    supplier.products = full.slice(0, 50);
    const refused = await runSync(deps, { mode: 'full' });
    expect(refused.status).toBe('refused');
    expect(refused.summary.refusals.join('\n')).toMatch(/shrank by 50%/);
    expect(feed()).toBe(before);
    expect(store.recentRuns(1)[0]).toMatchObject({ status: 'refused', exitCode: ExitCode.Refused });
    // recovery: the supplier is whole again
    supplier.products = full;
    const recovered = await runSync(deps, { mode: 'full' });
    expect(recovered.status).toBe('unchanged');
    // --force publishes past a relative guard
    supplier.products = full.slice(0, 50);
    const forced = await runSync(deps, { mode: 'full', force: true });
    expect(forced.status).toBe('published');
    expect(forced.summary.retained).toBe(50);
  });

  it('refuses when too many offers would go unavailable', async () => {
    const { deps, supplier, feed } = setup();
    await runSync(deps, { mode: 'full' });
    const before = feed();
    supplier.products = supplier.products.map((p, i) => (i < 40 ? withStock(p, 0) : p));
    const result = await runSync(deps, { mode: 'refresh' });
    expect(result.status).toBe('refused');
    expect(result.summary.refusals[0]).toMatch(
      /40 of 100 available offers would become unavailable/,
    );
    expect(feed()).toBe(before);
  });

  it('refuses when too many prices jump', async () => {
    const { deps, supplier } = setup();
    await runSync(deps, { mode: 'full' });
    supplier.products = supplier.products.map((p, i) =>
      i < 20 ? { ...p, prices: { dealer: 1000, retail: 9000 } } : p,
    );
    const result = await runSync(deps, { mode: 'refresh' });
    expect(result.summary.refusals[0]).toMatch(/20 offers changed price by more than 30%/);
  });

  it('keeps products that left the catalogue as available="no"', async () => {
    const { deps, supplier, feed } = setup();
    await runSync(deps, { mode: 'full' });
    supplier.products = supplier.products.slice(1);
    const result = await runSync(deps, { mode: 'full' });
    expect(result.status).toBe('published');
    expect(result.summary).toMatchObject({ offers: 100, retained: 1 });
    expect(feed()).toMatch(/<offer sku="AS1000">.*?available="no"/s);
  });

  it('keeps a product missing from the refresh snapshot as available="no"', async () => {
    const { deps, supplier, feed } = setup();
    await runSync(deps, { mode: 'full' });
    const full = supplier.products;
    supplier.products = full.slice(1);
    const result = await runSync(deps, { mode: 'refresh' });
    expect(result.status).toBe('published');
    expect(result.summary).toMatchObject({ offers: 100, retained: 1 });
    expect(result.summary.changes).toMatchObject({ removed: 0, becameUnavailable: 1 });
    expect(feed()).toMatch(/<offer sku="AS1000">.*?available="no"/s);
  });

  it('does not publish or store anything on a dry run', async () => {
    const { deps, publisher, store } = setup();
    const result = await runSync(deps, { mode: 'full', dryRun: true });
    expect(result).toMatchObject({ status: 'dry-run', exitCode: ExitCode.Ok });
    expect(result.summary.offers).toBe(100);
    await expect(readFile(publisher.currentPath)).rejects.toThrow();
    expect(store.skuMappings()).toEqual([]);
  });

  it('reports a supplier failure with the secret redacted and keeps state', async () => {
    const { deps, supplier, feed } = setup();
    await runSync(deps, { mode: 'full' });
    const before = feed();
    supplier.fail = new Error('GET /api/x?access-token=tok-secret-123 failed: 503');
    const result = await runSync(deps, { mode: 'full' });
    expect(result).toMatchObject({ status: 'failed', exitCode: ExitCode.Supplier });
    expect(result.summary.error).not.toContain('tok-secret-123');
    expect(result.summary.error).toContain('[REDACTED]');
    expect(feed()).toBe(before);
  });

  it('merges suppliers; a SKU collision keeps the first supplier and is reported', async () => {
    const { deps, second } = setup(makeProducts(3));
    second.products = makeProducts(2, 'other');
    const result = await runSync(
      { ...deps, suppliers: [...deps.suppliers, { supplier: second, skuPrefix: 'AS' }] },
      { mode: 'full' },
    );
    expect(result.summary.conflicts).toEqual([
      { sku: 'AS1000', kept: 'alstyle', dropped: 'other' },
      { sku: 'AS1001', kept: 'alstyle', dropped: 'other' },
    ]);
    expect(result.summary.offers).toBe(3);
    const distinct = await runSync(
      { ...deps, suppliers: [...deps.suppliers, { supplier: second, skuPrefix: 'OT' }] },
      { mode: 'full', force: true },
    );
    expect(distinct.summary).toMatchObject({ offers: 5, conflicts: [] });
  });
});

async function readFile(path: string): Promise<string> {
  const { readFile: read } = await import('node:fs/promises');
  return read(path, 'utf8');
}
