// Syncs Al-Style (simulator) and a CSV price file into one feed with the runner's own pipeline,
// then checks the feed offer by offer; `pnpm test` runs it in CI (no network, no token).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { parsePriceListString } from '@kaspi-connect/kaspi-pricelist';
import {
  ExitCode,
  openRuntime,
  parseConfig,
  runSync,
  type SyncDependencies,
} from '@kaspi-connect/runner';
import { CsvSupplier } from './csv-supplier.js';

const HEADER = 'code,name,brand,category,dealer_price,retail_price,stock';
const dir = mkdtempSync(join(tmpdir(), 'csv-supplier-'));
const csvPath = join(dir, 'prices.csv');
writeFileSync(
  csvPath,
  [
    HEADER,
    '1001,Робот-пылесос S10,Dreame,vacuum,84000,100 000,>10',
    '1002,"Чайник 1,7 л",Bosch,kitchen,19000,24900,3',
    '1003,Фен HD,Philips,beauty,9000,12490,0',
  ].join('\n'),
);

const RATE_LIMIT_MS = 10; // Al-Style: 5000
const alstyleSim = await startAlStyleSimulator({
  catalogueSize: 300,
  seed: 5,
  rateLimitMs: RATE_LIMIT_MS,
});
const kaspiSim = await startKaspiSimulator({ merchantId: '30453464' });
// The same config a seller writes in kaspi-connect.config.ts, validated by the runner.
const resolved = {
  ...parseConfig(
    {
      shop: { company: 'Example Shop', merchantId: kaspiSim.merchantId, stores: [{ id: 'PP1' }] },
      suppliers: { alstyle: { baseUrl: alstyleSim.url, intervalMs: RATE_LIMIT_MS, marginMs: 50 } },
      pricing: { source: 'retail', markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
      feed: { dir: 'feed' },
      state: { path: 'state.db' },
    },
    { ALSTYLE_TOKEN: alstyleSim.token },
  ),
  baseDir: dir,
};
const runtime = openRuntime(resolved, { withSuppliers: true });
try {
  // Adding a supplier: one class, one line here. Its SKUs get their own prefix (CSV1001, …).
  const deps: SyncDependencies = {
    config: resolved.config,
    suppliers: [
      ...runtime.suppliers,
      { supplier: new CsvSupplier({ path: csvPath }), skuPrefix: 'CSV' },
    ],
    store: runtime.store,
    publisher: runtime.publisher,
    secrets: runtime.secrets,
  };
  const feedOf = () =>
    parsePriceListString(readFileSync(runtime.publisher.currentPath, 'utf8')).priceList;
  const offer = (sku: string) => feedOf().offers.find((o) => o.sku === sku);

  // 1. Full sync of both suppliers into one feed.
  const full = await runSync(deps, { mode: 'full' });
  assert.equal(full.status, 'published', full.summary.error ?? full.summary.refusals.join('; '));
  const feed = feedOf();
  assert.equal(feed.offers.length, full.summary.offers);
  const fromAlStyle = feed.offers.filter((o) => o.sku.startsWith('AS')).length;
  assert.ok(fromAlStyle > 200, `only ${fromAlStyle} Al-Style offers`);
  assert.equal(feed.offers.length, fromAlStyle + 3);
  // retail × 1.10, rounded up to 10 KZT; ">10" → 11 in stock; 0 in stock → available="no".
  assert.deepEqual(offer('CSV1001'), {
    sku: 'CSV1001',
    model: 'Робот-пылесос S10',
    brand: 'Dreame',
    availabilities: [{ storeId: 'PP1', available: true, stockCount: 11 }],
    price: 110_000,
  });
  assert.equal(offer('CSV1002')?.model, 'Чайник 1,7 л');
  assert.equal(offer('CSV1002')?.price, 27_390);
  assert.deepEqual(offer('CSV1003')?.availabilities, [
    { storeId: 'PP1', available: false, stockCount: 0 },
  ]);

  // 2. The CSV changes: a refresh (no full catalogue download) picks up price and stock.
  writeFileSync(csvPath, readFileSync(csvPath, 'utf8').replace('24900,3', '26900,0'));
  const refresh = await runSync(deps, { mode: 'refresh' });
  assert.equal(refresh.status, 'published', refresh.summary.error);
  assert.equal(offer('CSV1002')?.price, 29_590);
  assert.deepEqual(offer('CSV1002')?.availabilities, [
    { storeId: 'PP1', available: false, stockCount: 0 },
  ]);

  // 3. A broken price file: the sync fails naming line and column; the live feed is untouched.
  const live = readFileSync(runtime.publisher.currentPath, 'utf8');
  writeFileSync(
    csvPath,
    `${HEADER}\n1001,Робот-пылесос S10,Dreame,vacuum,84000,99 990,>10\n1002,Чайник,Bosch,kitchen,19000,24.9,3\n`,
  );
  const broken = await runSync(deps, { mode: 'refresh' });
  assert.equal(broken.status, 'failed');
  assert.equal(broken.exitCode, ExitCode.Supplier);
  assert.match(
    broken.summary.error ?? '',
    /prices\.csv line 3, column retail_price: expected a whole number/,
  );
  assert.equal(readFileSync(runtime.publisher.currentPath, 'utf8'), live);

  // 4. Kaspi's side: the simulated marketplace loads the feed with the strict rules.
  const load = kaspiSim.uploadPriceList(live);
  assert.equal(load.outcome, 'loaded', load.error);
  assert.deepEqual(load.rejected, []);
  assert.equal(load.accepted, feedOf().offers.length);

  console.log(
    `csv-supplier: one feed of ${feed.offers.length} offers (${fromAlStyle} Al-Style + 3 CSV); refresh repriced CSV1002; broken file refused: ${broken.summary.error}`,
  );
} finally {
  runtime.close();
  await Promise.all([alstyleSim.close(), kaspiSim.close()]);
  rmSync(dir, { recursive: true, force: true });
}
