/**
 * Benchmark (`pnpm bench`): a full sync of 13 000 products against the Al-Style simulator with a
 * scaled rate limit, compared side by side with the rate limit's physical minimum; a refresh; and
 * the publish step alone (map → validate + render → atomic write) with peak RSS.
 */

import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import { openRuntime } from '../src/commands/runtime.js';
import { parseConfig } from '../src/config/load-config.js';
import { mapOffers } from '../src/mapping/map-offers.js';
import { runSync } from '../src/pipeline/sync.js';
import { FeedPublisher } from '../src/publish/feed-publisher.js';
import type { SupplierProduct } from '../src/supplier/supplier.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 13_000);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 1000);
const MARGIN_MS = Number(process.env.BENCH_MARGIN_MS ?? 50);
const PUBLISH_RUNS = 7;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const rows: [string, string, string][] = [];

const publishConfig = parseConfig(
  {
    shop: { company: 'Bench', merchantId: '30000001', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: {} },
    pricing: { markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
  },
  {},
).config;
// 1. The publish step alone (first, so its peak RSS is not hidden by the sync's): map → validate + render → atomic write + rename.
const products: SupplierProduct[] = Array.from({ length: PRODUCTS }, (_, i) => ({
  supplier: 'alstyle',
  key: String(10_000 + i),
  name: `Ноутбук Model ${i} 15.6" & <b>`,
  brand: ['Lenovo', 'HP', 'Apple', 'Xiaomi'][i % 4],
  category: String(i % 50),
  prices: { dealer: 10_000 + i, retail: 12_000 + i },
  stock: i % 7 === 0 ? { min: 0, exact: true } : { min: i % 60, exact: i % 60 < 51 },
}));
const rssBeforePublish = maxRssBytes();
const publisher = new FeedPublisher({
  dir: mkdtempSync(join(tmpdir(), 'kc-bench-pub-')),
  fileName: 'kaspi.xml',
  history: 3,
});
const phases = {
  map: [] as number[],
  render: [] as number[],
  write: [] as number[],
  total: [] as number[],
};
let bytes = 0;
for (let run = 0; run < PUBLISH_RUNS; run++) {
  const t0 = performance.now();
  const mapped = mapOffers(products, publishConfig, { skuPrefixes: { alstyle: 'AS' } });
  const t1 = performance.now();
  const rendered = renderPriceList(
    { company: 'Bench', merchantId: '30000001', date: new Date(), offers: mapped.offers },
    { mode: 'strict', onInvalid: 'throw' },
  );
  const t2 = performance.now();
  bytes = (await publisher.publish(rendered.xml)).bytes;
  const t3 = performance.now();
  phases.map.push(t1 - t0);
  phases.render.push(t2 - t1);
  phases.write.push(t3 - t2);
  phases.total.push(t3 - t0);
}
rows.push([
  `Publish step alone, ${PRODUCTS} offers (median of ${PUBLISH_RUNS})`,
  `${median(phases.total).toFixed(0)} ms`,
  `map ${median(phases.map).toFixed(0)} ms, validate + render ${median(phases.render).toFixed(0)} ms, write + fsync + rename ${median(phases.write).toFixed(0)} ms; ${(bytes / 1024 / 1024).toFixed(1)} MB XML`,
]);
rows.push([
  'Peak RSS after the publish runs',
  mb(maxRssBytes()),
  `${mb(rssBeforePublish)} before (Node baseline + test data)`,
]);
// 2. Full sync and refresh against the simulator (in its own thread).
const worker = new Worker(new URL('./simulator-worker.mjs', import.meta.url), {
  workerData: { catalogueSize: PRODUCTS, seed: 3, rateLimitMs: INTERVAL_MS },
});
async function ask<T>(type: string, extra: object = {}): Promise<T> {
  worker.postMessage({ type, ...extra });
  const [reply] = (await once(worker, 'message')) as [T];
  return reply;
}
const [ready] = (await once(worker, 'message')) as [{ url: string; token: string }];
const alstyle = { url: ready.url, token: ready.token };
type Stats = { requests: number; rateLimited: number; paths: string[] };
const parsed = parseConfig(
  {
    shop: { company: 'Bench', merchantId: '30000001', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: INTERVAL_MS, marginMs: MARGIN_MS } },
    pricing: { markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
    state: { path: 'state.db' },
    feed: { dir: 'feed' },
  },
  { ALSTYLE_TOKEN: alstyle.token },
);
const runtime = openRuntime(
  { ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-bench-')) },
  { withSuppliers: true },
);
const deps = {
  config: parsed.config,
  suppliers: runtime.suppliers,
  store: runtime.store,
  publisher: runtime.publisher,
};
const rssBeforeSync = maxRssBytes();
let started = performance.now();
const full = await runSync(deps, { mode: 'full' });
const fullMs = performance.now() - started;
const fullStats = await ask<Stats>('stats');
const fullRequests = fullStats.requests;
const rateLimited = fullStats.rateLimited;
const pages = Math.ceil(PRODUCTS / 250);
const apiFloorMs = (pages - 1) * INTERVAL_MS;
const clientFloorMs = (pages - 1) * (INTERVAL_MS + MARGIN_MS);
await ask('clear');
await ask('reprice', { count: 50 });
started = performance.now();
const refresh = await runSync(deps, { mode: 'refresh' });
const refreshMs = performance.now() - started;
const refreshRequests = (await ask<Stats>('stats')).requests;
const rssAfterSync = maxRssBytes();
runtime.close();
await ask('close');
await worker.terminate();
if (full.status !== 'published' || refresh.status !== 'published') {
  throw new Error(
    `bench sync failed: ${full.status}/${refresh.status} ${full.summary.error ?? ''}`,
  );
}

rows.push([
  `Full sync, ${PRODUCTS} products`,
  `${(fullMs / 1000).toFixed(2)} s, ${fullRequests} requests (${rateLimited} rate-limited)`,
  `${(fullMs / apiFloorMs).toFixed(3)}× the API floor ${(apiFloorMs / 1000).toFixed(2)} s (${pages} requests at 1 per ${INTERVAL_MS} ms); ${(fullMs / clientFloorMs).toFixed(3)}× the client's spacing floor (+${MARGIN_MS} ms margin)`,
]);
rows.push([
  'Refresh (prices and stock)',
  `${refreshMs.toFixed(0)} ms, ${refreshRequests} request`,
  `${((refreshMs / fullMs) * 100).toFixed(1)} % of a full sync`,
]);
rows.push([
  'Sync phases (full)',
  JSON.stringify(full.summary.timingsMs),
  `publish step alone = ${((median(phases.total) / fullMs) * 100).toFixed(2)} % of the full sync`,
]);
rows.push(['Peak RSS after full sync + refresh', mb(rssAfterSync), `${mb(rssBeforeSync)} before`]);

rows.push(['Peak RSS of the whole benchmark', mb(maxRssBytes()), `Node ${process.version}`]);

console.log('| measure | result | compared |');
console.log('| --- | --- | --- |');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
