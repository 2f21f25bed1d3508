// Full-catalogue fetch against the simulator with latency, the real limit and latency scaled down
// alike (5 s → 1 s, 150–800 ms per page → 30–160 ms), since what a spacing mode costs is its
// margin and latency as a share of the interval. The simulator runs in its own thread and judges
// spacing by its own arrival stamps; the span is first to last page arrival, by its clock.
// Run: pnpm bench. Prints a Markdown table (also written to .bench-output/full-catalogue.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createAlStyleClient, MAX_PAGE_SIZE, type SpacingFrom } from '../src/index.js';
import type { AlStyleSimulatorOptions, SimulatorRequest } from '../src/testing/index.js';

const PRODUCTS = 13_000;
/** The real limit, the client's default margin and a realistic page latency, all divided by this. */
const SCALE = 5;
const INTERVAL_MS = 5000 / SCALE;
const MARGIN_MS = 500 / SCALE;
/** A realistic time for one catalogue page at the real limit. */
const REAL_PAGE_LATENCY_MS = { minMs: 150, maxMs: 800 };
/** The no-margin contrast runs at a shorter interval, latency scaled alike, to keep it short. */
const CONTRAST_INTERVAL_MS = 250;

interface SimHandle {
  url: string;
  token: string;
  requests(): Promise<SimulatorRequest[]>;
  close(): Promise<void>;
}

function startSimulatorThread(options: AlStyleSimulatorOptions): Promise<SimHandle> {
  const worker = new Worker(new URL('./simulator-worker.mjs', import.meta.url), {
    workerData: options,
  });
  const next = (type: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>): void => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  return next('ready').then((ready) => ({
    url: String(ready.url),
    token: String(ready.token),
    requests: async () => {
      const reply = next('requests');
      worker.postMessage('requests');
      return (await reply).requests as SimulatorRequest[];
    },
    close: async () => {
      const closed = next('closed');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  }));
}

interface Row {
  scenario: string;
  intervalMs: number;
  marginMs: number;
  latency: string;
  products: number;
  requests: number;
  minimum: number;
  wallMs: number;
  spanMs: number;
  physicalMinMs: number;
  rejected403: number;
  meanRequestMs: number;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

async function fullCatalogue(
  scenario: string,
  intervalMs: number,
  marginMs: number,
  spacingFrom: SpacingFrom,
): Promise<Row> {
  // Latency shrinks with the interval, keeping its share of it realistic.
  const minMs = (REAL_PAGE_LATENCY_MS.minMs * intervalMs) / 5000;
  const maxMs = (REAL_PAGE_LATENCY_MS.maxMs * intervalMs) / 5000;
  const sim = await startSimulatorThread({
    catalogueSize: PRODUCTS,
    seed: 42,
    rateLimitMs: intervalMs,
    latency: { '/api/elements-pagination': { minMs, maxMs } },
  });
  try {
    const durations: number[] = [];
    const client = createAlStyleClient({
      token: sim.token,
      baseUrl: sim.url,
      rateLimit: { intervalMs, marginMs, spacingFrom, shareAcrossClients: false },
      retry: { rateLimitBackoffMs: intervalMs * 2 },
      onEvent: (event) => {
        if (event.type === 'http.response') durations.push(event.durationMs);
      },
    });
    let products = 0;
    const started = performance.now();
    for await (const _ of client.iterateProducts({ fields: ['brand', 'images'] })) products += 1;
    const wallMs = performance.now() - started;
    const log = (await sim.requests()).filter((r) => r.path === '/api/elements-pagination');
    return {
      scenario,
      intervalMs,
      marginMs,
      latency: `${minMs.toFixed(0)}–${maxMs.toFixed(0)} ms`,
      products,
      requests: log.length,
      minimum: Math.ceil(PRODUCTS / MAX_PAGE_SIZE),
      wallMs,
      spanMs: (log.at(-1)?.receivedAt ?? 0) - (log[0]?.receivedAt ?? 0),
      physicalMinMs: (log.length - 1) * intervalMs,
      rejected403: log.filter((r) => r.rateLimited).length,
      meanRequestMs: mean(durations),
    };
  } finally {
    await sim.close();
  }
}

async function stockAndPrices(): Promise<Row> {
  const sim = await startSimulatorThread({
    catalogueSize: PRODUCTS,
    seed: 42,
    rateLimitMs: INTERVAL_MS,
  });
  try {
    const client = createAlStyleClient({
      token: sim.token,
      baseUrl: sim.url,
      rateLimit: { intervalMs: INTERVAL_MS, marginMs: MARGIN_MS, shareAcrossClients: false },
    });
    const started = performance.now();
    const stock = await client.getStockAndPrices();
    const wallMs = performance.now() - started;
    const log = await sim.requests();
    return {
      scenario: 'getStockAndPrices (quantity-price, no article list)',
      intervalMs: INTERVAL_MS,
      marginMs: MARGIN_MS,
      latency: 'none',
      products: stock.size,
      requests: log.length,
      minimum: 1,
      wallMs,
      spanMs: 0,
      physicalMinMs: 0,
      rejected403: log.filter((r) => r.rateLimited).length,
      meanRequestMs: wallMs,
    };
  } finally {
    await sim.close();
  }
}

const loadBefore = loadavg().map((n) => n.toFixed(1));
const only = process.env.BENCH_SCENARIOS?.split(',');
const scenarios: [string, () => Promise<Row>][] = [
  [
    'arrival',
    () =>
      fullCatalogue(
        "iterateProducts, spacingFrom 'arrival' (default)",
        INTERVAL_MS,
        MARGIN_MS,
        'arrival',
      ),
  ],
  [
    'response',
    () =>
      fullCatalogue("iterateProducts, spacingFrom 'response'", INTERVAL_MS, MARGIN_MS, 'response'),
  ],
  [
    'request',
    () =>
      fullCatalogue(
        "contrast: spacingFrom 'request', margin 0",
        CONTRAST_INTERVAL_MS,
        0,
        'request',
      ),
  ],
  ['stock', stockAndPrices],
];
const rows: Row[] = [];
for (const [name, run] of scenarios) if (!only || only.includes(name)) rows.push(await run());

const ratio = (r: Row): string =>
  r.physicalMinMs > 0 ? `${(r.spanMs / r.physicalMinMs).toFixed(3)}×` : '—';
const table = [
  `${PRODUCTS} products, simulator in its own thread with the same interval as the client, page latency ` +
    `uniform in the range shown (a tenth of it before the request counts as arrived), Node ${process.version}, ` +
    `load average (1/5/15 min) ${loadBefore.join(' ')} before, ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} after, on ${cpus().length} CPUs.`,
  '',
  '| scenario | interval | margin | page latency | products | requests | minimum ceil(N/250) | 403s | mean request | paging span (simulator clock) | (requests−1)×interval | span / minimum | wall time |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.intervalMs} ms | ${r.marginMs} ms | ${r.latency} | ${r.products} | ${r.requests} | ${r.minimum} | ${r.rejected403} | ${r.meanRequestMs.toFixed(0)} ms | ${r.spanMs.toFixed(0)} ms | ${r.physicalMinMs} ms | ${ratio(r)} | ${r.wallMs.toFixed(0)} ms |`,
  ),
].join('\n');

console.log(table);
mkdirSync(new URL('../.bench-output/', import.meta.url), { recursive: true });
writeFileSync(new URL('../.bench-output/full-catalogue.md', import.meta.url), `${table}\n`);
