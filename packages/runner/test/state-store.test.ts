import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/state/migrations.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import type { SkuMappingRecord } from '../src/state/state-store.js';
import { product } from './helpers/config.js';
import { mapping as contractMapping } from './state/store-fixtures.js';

// The contract's record, without city prices or per-store stock.
const mapping = (sku: string, overrides: Partial<SkuMappingRecord> = {}): SkuMappingRecord =>
  contractMapping(sku, { cityPrices: {}, storeStock: undefined, ...overrides });

describe('SqliteStateStore', () => {
  it('migrates a new database to the latest version, including the order tables', () => {
    const store = new SqliteStateStore(':memory:');
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
  });

  it('re-opens an existing file without re-running migrations and keeps its data', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kc-state-')), 'state.db');
    const first = new SqliteStateStore(path);
    const id = first.beginRun('full');
    first.close();
    const second = new SqliteStateStore(path);
    expect(second.recentRuns(5).map((run) => run.id)).toEqual([id]);
    second.close();
    const db = new Database(path);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['runs', 'feeds', 'sku_map', 'catalogue', 'orders', 'order_steps']),
    );
    db.close();
  });

  it('records runs with their summary and finds the last one by mode and status', () => {
    const store = new SqliteStateStore(':memory:');
    const a = store.beginRun('full');
    store.finishRun(a, { status: 'published', exitCode: 0 });
    const b = store.beginRun('refresh');
    store.finishRun(b, { status: 'refused', exitCode: 3 });
    expect(store.lastRun('full', ['published'])?.id).toBe(a);
    expect(store.lastRun(undefined, ['published', 'refused'])?.id).toBe(b);
    expect(store.lastRun('refresh', ['published'])).toBeUndefined();
    expect(store.recentRuns(10).map((run) => run.status)).toEqual(['refused', 'published']);
    store.close();
  });

  it('stores published feeds', () => {
    const store = new SqliteStateStore(':memory:');
    const runId = store.beginRun('full');
    const publishedAt = new Date('2026-11-26T09:00:00Z');
    store.recordPublishedFeed({
      runId,
      path: '/f.xml',
      sha256: 'ab',
      offers: 3,
      available: 2,
      bytes: 10,
      publishedAt,
    });
    expect(store.lastPublishedFeed()).toMatchObject({ runId, offers: 3, publishedAt });
    store.close();
  });

  it('replaces the live SKU mapping and keeps retired SKUs findable for late orders', () => {
    const store = new SqliteStateStore(':memory:');
    store.replaceSkuMappings([mapping('1'), mapping('2', { cityPrices: { '750000000': 5 } })]);
    store.replaceSkuMappings([mapping('2', { price: 2000 }), mapping('3')]);
    expect(store.skuMappings().map((m) => [m.sku, m.price])).toEqual([
      ['2', 2000],
      ['3', 1000],
    ]);
    expect(store.findSkuMapping('1')?.retiredAt).toBeInstanceOf(Date);
    expect(store.findSkuMapping('2')).toMatchObject({ retiredAt: undefined, cityPrices: {} });
    store.close();
  });

  it('saves and loads the last catalogue per supplier', () => {
    const store = new SqliteStateStore(':memory:');
    store.saveCatalogue('alstyle', [product({ key: '2' }), product({ key: '1' })]);
    store.saveCatalogue('other', [product({ supplier: 'other', key: '9' })]);
    store.saveCatalogue('alstyle', [product({ key: '3' })]);
    expect(store.loadCatalogue('alstyle').map((p) => p.key)).toEqual(['3']);
    expect(store.loadCatalogue('other')[0]).toEqual(product({ supplier: 'other', key: '9' }));
    store.close();
  });
});
