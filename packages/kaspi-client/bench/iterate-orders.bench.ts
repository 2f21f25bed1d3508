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

interface Scenario {
  readonly name: string;
  readonly from: number;
  readonly pageSize: number;
  /** One pass; returns the number of orders seen. */
  readonly once: () => Promise<number>;
}

const viaClient = (
  name: string,
  from: number,
  pageSize: number,
  include?: 'entries',
): Scenario => ({
  name,
  from,
  pageSize,
  async once() {
    const ids = new Set<string>();
    let orders = 0;
    for await (const order of client.iterateOrders({
      from: new Date(from),
      to: new Date(end),
      pageSize,
      ...(include ? { include } : {}),
    })) {
      orders += 1;
      ids.add(order.id);
    }
    if (ids.size !== orders) throw new Error(`${name}: duplicates yielded`);
    return orders;
  },
});

/** Baseline: the same windows and pages with bare fetch + JSON.parse (no client, no validation). */
const bare = (name: string, from: number, pageSize: number): Scenario => ({
  name,
  from,
  pageSize,
  async once() {
    let orders = 0;
    for (const w of splitDateRange(new Date(from), new Date(end), MAX_WINDOW_MS)) {
      for (let page = 0; ; page++) {
        const response = await fetch(
          `${sim.url}/v2/orders?page[number]=${page}&page[size]=${pageSize}&filter[orders][creationDate][$ge]=${w.from.getTime()}&filter[orders][creationDate][$le]=${w.to.getTime()}`,
          {
            headers: {
              accept: 'application/vnd.api+json',
              'content-type': 'application/vnd.api+json',
              'x-auth-token': sim.token,
              'user-agent': 'bench',
            },
          },
        );
        const doc = (await response.json()) as { data: unknown[]; meta: { pageCount: number } };
        orders += doc.data.length;
        if (page + 1 >= doc.meta.pageCount) break;
      }
    }
    return orders;
  },
});

const scenarios: Scenario[] = [
  viaClient(`${DAYS} days, page size 100`, start, 100),
  viaClient(`${DAYS} days, page size 100, include=entries`, start, 100, 'entries'),
  viaClient(`${DAYS} days, page size 20 (guide example)`, start, 20),
  viaClient('last 24 h, page size 100 (polling)', end - DAY, 100),
  bare(`baseline: bare fetch + JSON.parse, ${DAYS} days, page size 100`, start, 100),
  bare(`baseline: bare fetch + JSON.parse, ${DAYS} days, page size 20`, start, 20),
];

// Rounds interleave the scenarios so load from other processes hits them alike; the first
// round warms up (JIT, sockets) and is not counted.
const ROUNDS = 5;
const times = scenarios.map(() => [] as number[]);
const seen = scenarios.map(() => ({ orders: 0, requests: 0 }));
for (let round = 0; round <= ROUNDS; round++) {
  for (const [i, scenario] of scenarios.entries()) {
    sim.clearRequests();
    const t0 = performance.now();
    const orders = await scenario.once();
    const ms = performance.now() - t0;
    if (round > 0) times[i]?.push(ms);
    seen[i] = { orders, requests: sim.requests.length };
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rows: Row[] = scenarios.map((s, i) => ({
  scenario: s.name,
  orders: seen[i]?.orders ?? 0,
  requests: seen[i]?.requests ?? 0,
  minimum: minimumRequests(s.from, end, s.pageSize),
  ms: median(times[i] ?? []),
}));

const base = rows[0] as Row;
console.log(
  `\nkaspi-client iterateOrders: ${ORDERS} orders over ${DAYS} days, median of ${ROUNDS} interleaved rounds, Node ${process.version}\n`,
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
