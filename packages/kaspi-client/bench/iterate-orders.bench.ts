// Benchmark: iterate 20 000 orders over 90 days against the simulator.
// Reports requests made vs the minimum (one request per page that must exist) and time per
// order, for several scenarios measured side by side in one run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createKaspiClient, MAX_WINDOW_MS, splitDateRange } from '../src/index.js';
import { startKaspiSimulator } from '../src/testing/index.js';

const ORDERS = 20_000;
const DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;
const SKUS = 50;

const xml = `<?xml version="1.0" encoding="utf-8"?>
<kaspi_catalog date="2026-01-01T00:00:00" xmlns="kaspiShopping">
  <company>Bench</company><merchantid>30000001</merchantid>
  <offers>${Array.from(
    { length: SKUS },
    (_, i) => `<offer sku="BENCH${i}"><model>Item ${i}</model><brand>Bench</brand>
    <availabilities><availability available="yes" storeId="PP1" stockCount="1000"/></availabilities>
    <price>${1000 + i}</price></offer>`,
  ).join('')}</offers></kaspi_catalog>`;

// The price list is served over HTTP and loaded by URL, as Kaspi's automatic loading does.
const feed = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(xml);
});
await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/kaspi.xml`;

const end = Date.now();
const start = end - DAYS * DAY;
const sim = await startKaspiSimulator({ priceList: { url: feedUrl }, now: () => end });
await sim.loadPriceList();
// Deterministic spread (LCG) so every run sees the same distribution.
let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 2 ** 32;
  return seed / 2 ** 32;
};
const created: number[] = [];
for (let i = 0; i < ORDERS; i++) {
  const at = start + Math.floor(random() * (end - start));
  created.push(at);
  sim.createOrder({ items: [{ sku: `BENCH${i % SKUS}` }], creationDate: new Date(at) });
}

const client = createKaspiClient({
  token: sim.token,
  baseUrl: sim.url,
  rateLimit: false,
  retry: false,
});

function minimumRequests(from: number, to: number, pageSize: number): number {
  let total = 0;
  for (const w of splitDateRange(new Date(from), new Date(to), MAX_WINDOW_MS)) {
    const n = created.filter((t) => t >= w.from.getTime() && t <= w.to.getTime()).length;
    total += Math.max(1, Math.ceil(n / pageSize));
  }
  return total;
}

interface Row {
  scenario: string;
  orders: number;
  requests: number;
  minimum: number;
  ms: number;
}
const rows: Row[] = [];

async function run(
  scenario: string,
  from: number,
  pageSize: number,
  include?: 'entries',
): Promise<void> {
  sim.clearRequests();
  const t0 = performance.now();
  let orders = 0;
  const ids = new Set<string>();
  for await (const order of client.iterateOrders({
    from: new Date(from),
    to: new Date(end),
    pageSize,
    ...(include ? { include } : {}),
  })) {
    orders += 1;
    ids.add(order.id);
  }
  const ms = performance.now() - t0;
  if (ids.size !== orders) throw new Error(`${scenario}: duplicates yielded`);
  rows.push({
    scenario,
    orders,
    requests: sim.requests.length,
    minimum: minimumRequests(from, end, pageSize),
    ms,
  });
}

// Warm-up (JIT, sockets), not reported.
await run('warm-up', start, 100);
rows.length = 0;
await run(`${DAYS} days, page size 100`, start, 100);
await run(`${DAYS} days, page size 100, include=entries`, start, 100, 'entries');
await run(`${DAYS} days, page size 20 (guide example)`, start, 20);
await run('last 24 h, page size 100 (polling)', end - DAY, 100);

const base = rows[0] as Row;
console.log(
  `\nkaspi-client iterateOrders: ${ORDERS} orders over ${DAYS} days, Node ${process.version}\n`,
);
console.log(
  '| scenario | orders | requests | minimum | requests / minimum | total ms | µs per order | time vs first row |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.orders} | ${r.requests} | ${r.minimum} | ${(r.requests / r.minimum).toFixed(2)} | ${r.ms.toFixed(0)} | ${((r.ms * 1000) / Math.max(1, r.orders)).toFixed(1)} | ${(r.ms / base.ms).toFixed(2)}× |`,
  );
}
await sim.close();
await new Promise<void>((resolve) => feed.close(() => resolve()));
