/**
 * Benchmark of the order flow: 1 000 new Kaspi orders arrive at once. Runs the real
 * flow against both simulators with the supplier's rate limit scaled down, counts requests per
 * API, and derives the floor the real Al-Style limit (1 request / 5 s + 0.5 s margin) imposes.
 *
 *   pnpm bench            (ORDERS=200 pnpm bench for a quick run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { formatPriceListDate } from '@kaspi-connect/kaspi-pricelist';
import { parseConfig } from '../src/config/load-config.js';
import { runOrderCycle } from '../src/orders/order-flow.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import { AlStyleSupplier } from '../src/supplier/alstyle-supplier.js';

const ORDERS = Number(process.env.ORDERS ?? 1000);
const PRODUCTS = 200;
const REAL_SPACING_MS = 5500;
const SIM_SPACING_MS = 2;

const dir = await mkdtemp(join(tmpdir(), 'kc-orders-bench-'));
const alstyle = await startAlStyleSimulator({
  catalogueSize: PRODUCTS,
  seed: 3,
  quirkShare: 0,
  rateLimitMs: SIM_SPACING_MS,
});
const kaspi = await startKaspiSimulator({ merchantId: '30000001' });
const products = alstyle.catalogue.products;
for (const [i, p] of products.entries())
  (p as { quantity: number | string }).quantity = i % 10 === 0 ? 0 : '>100';
const skus = products.map((p) => `AS${p.article}`);
const store = new SqliteStateStore(join(dir, 'state.db'));
const now = new Date();
store.replaceSkuMappings(
  products.map((p, i) => ({
    sku: skus[i] as string,
    supplier: 'alstyle',
    productKey: String(p.article),
    model: p.name,
    brand: 'Brand',
    price: 1000,
    cityPrices: {},
    available: true,
    stockCount: 50,
    lastSeenAt: now,
    lastPublishedAt: now,
  })),
);
// Kaspi prices above the dealer price, so the decision's below-cost check lets the orders through.
const offers = skus
  .map(
    (sku, i) =>
      `<offer sku="${sku}"><model>P ${sku}</model><brand>B</brand><availabilities><availability available="yes" storeId="PP1" stockCount="9999"/></availabilities><price>${Math.ceil((products[i]?.price1 ?? 1000) * 1.3)}</price></offer>`,
  )
  .join('');
kaspi.uploadPriceList(
  `<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="${formatPriceListDate(now)}" xmlns="kaspiShopping"><company>B</company><merchantid>30000001</merchantid><offers>${offers}</offers></kaspi_catalog>`,
);
for (let i = 0; i < ORDERS; i++) {
  kaspi.createOrder({ items: [{ sku: skus[(i * 7) % skus.length] as string, quantity: 1 }] });
}

const config = parseConfig(
  {
    shop: { company: 'Bench', merchantId: '30000001', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: {} },
    orders: { policy: 'auto' },
  },
  {},
).config.orders;
const supplier = new AlStyleSupplier({
  client: createAlStyleClient({
    token: alstyle.token,
    baseUrl: alstyle.url,
    rateLimit: { intervalMs: SIM_SPACING_MS, marginMs: 1 },
  }),
});
const kaspiClient = createKaspiClient({
  token: kaspi.token,
  baseUrl: kaspi.url,
  rateLimit: false,
});

let decidedAt: number | undefined;
const started = performance.now();
let pending = ORDERS;
const summary = await runOrderCycle({
  kaspi: kaspiClient,
  suppliers: [supplier],
  store,
  config,
  onEvent: (event) => {
    if (event.type === 'order.state' && event.from === 'new' && --pending === 0)
      decidedAt = performance.now();
  },
});
const finishedMs = performance.now() - started;
const kaspiRequests = kaspi.requests.length;
const alstyleRequests = alstyle.requests.length;
const alstyleRefused = alstyle.requests.filter((r) => r.rateLimited).length;
const byEndpoint = new Map<string, number>();
for (const r of alstyle.requests) byEndpoint.set(r.path, (byEndpoint.get(r.path) ?? 0) + 1);
const kaspiByKind = new Map<string, number>();
for (const r of kaspi.requests) {
  const key = `${r.method} ${r.path.replace(/\/v2\/orders\/[^/]+$/, '/v2/orders/{id}')}`;
  kaspiByKind.set(key, (kaspiByKind.get(key) ?? 0) + 1);
}

// A quiet poll right after: its cost must not grow with the 1 000 orders already handled.
kaspi.clearRequests();
alstyle.clearRequests();
const quietStarted = performance.now();
await runOrderCycle({ kaspi: kaspiClient, suppliers: [supplier], store, config });
const quietMs = performance.now() - quietStarted;

const decideMs = (decidedAt ?? performance.now()) - started;
const stockRequests = byEndpoint.get('/api/quantity') ?? 0;
const floorDecideMs = stockRequests * REAL_SPACING_MS;
const floorAllMs = alstyleRequests * REAL_SPACING_MS;
const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;
const table = [
  '| measure | value |',
  '|---|---|',
  `| orders arriving at once | ${ORDERS} |`,
  `| outcome | ${JSON.stringify(summary.counts)} |`,
  `| time until all decided (simulators, supplier spacing ${SIM_SPACING_MS} ms) | ${decideMs.toFixed(0)} ms |`,
  `| time until all reserved+accepted or cancelled (simulators) | ${(finishedMs / 1000).toFixed(1)} s |`,
  `| Kaspi requests | ${kaspiRequests} (${[...kaspiByKind].map(([k, n]) => `${k}: ${n}`).join(', ')}) |`,
  `| Al-Style requests | ${alstyleRequests} (${[...byEndpoint].map(([k, n]) => `${k}: ${n}`).join(', ')}) |`,
  `| Al-Style requests per reserved order | ${((alstyleRequests - stockRequests) / Math.max(1, summary.counts.accepted ?? 0)).toFixed(2)} |`,
  `| of them refused as too fast (403, at the simulator's ${SIM_SPACING_MS} ms limit) | ${alstyleRefused} |`,
  `| supplier floor to decide all (${stockRequests} stock request × 5.5 s) | ${(floorDecideMs / 1000).toFixed(1)} s |`,
  `| supplier floor to reserve all (${alstyleRequests} × 5.5 s) | ${hours(floorAllMs)} |`,
  `| quiet poll after them: Kaspi / Al-Style requests, time | ${kaspi.requests.length} / ${alstyle.requests.length}, ${quietMs.toFixed(0)} ms |`,
];
process.stdout.write(`${table.join('\n')}\n`);
store.close();
await kaspi.close();
await alstyle.close();
await rm(dir, { recursive: true, force: true });
