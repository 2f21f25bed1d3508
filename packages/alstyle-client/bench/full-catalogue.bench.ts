// Full-catalogue fetch against the simulator with the real interval scaled down (5000 ms → 2000 ms).
// The client runs with the same interval as the simulator and no margin; the contrast row spaces
// request starts only (p-throttle alone), which jitter on a loaded machine turns into 403s.
// Run: pnpm bench. Prints a Markdown table (also written to .bench-output/full-catalogue.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createAlStyleClient, MAX_PAGE_SIZE } from '../src/index.js';
import type { AlStyleSimulatorOptions, SimulatorRequest } from '../src/testing/index.js';

const PRODUCTS = 13_000;
const INTERVAL_MS = 2000;
/** The no-margin contrast runs at a shorter interval to keep the benchmark short. */
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
  products: number;
  requests: number;
  minimum: number;
  wallMs: number;
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
  spacingFrom: 'response' | 'request',
): Promise<Row> {
  const sim = await startSimulatorThread({
    catalogueSize: PRODUCTS,
    seed: 42,
    rateLimitMs: intervalMs,
  });
  try {
    const client = createAlStyleClient({
      token: sim.token,
      baseUrl: sim.url,
      rateLimit: { intervalMs, marginMs: 0, spacingFrom, shareAcrossClients: false },
      retry: { rateLimitBackoffMs: intervalMs * 2 },
      logger: (event) => {
        if (event.type === 'http.response') durations.push(event.durationMs);
      },
    });
    let products = 0;
    const durations: number[] = [];
    const started = performance.now();
    for await (const _ of client.iterateProducts({ fields: ['brand', 'images'] })) products += 1;
    const wallMs = performance.now() - started;
    const log = (await sim.requests()).filter((r) => r.path === '/api/elements-pagination');
    return {
      scenario,
      intervalMs,
      products,
      requests: log.length,
      minimum: Math.ceil(PRODUCTS / MAX_PAGE_SIZE),
      wallMs,
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
      rateLimit: { intervalMs: INTERVAL_MS, marginMs: 0, shareAcrossClients: false },
    });
    const started = performance.now();
    const stock = await client.getStockAndPrices();
    const wallMs = performance.now() - started;
    const log = await sim.requests();
    return {
      scenario: 'getStockAndPrices (quantity-price, no article list)',
      intervalMs: INTERVAL_MS,
      products: stock.size,
      requests: log.length,
      minimum: 1,
      wallMs,
      physicalMinMs: 0,
      rejected403: log.filter((r) => r.rateLimited).length,
      meanRequestMs: wallMs,
    };
  } finally {
    await sim.close();
  }
}

const loadBefore = loadavg()[0] ?? 0;
const rows = [
  await fullCatalogue('iterateProducts (spacing from response, margin 0)', INTERVAL_MS, 'response'),
  await fullCatalogue(
    'contrast: spacing from request start only, margin 0',
    CONTRAST_INTERVAL_MS,
    'request',
  ),
  await stockAndPrices(),
];

const table = [
  `${PRODUCTS} products, simulator in its own thread with the same interval as the client, Node ${process.version}, ` +
    `load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} CPUs.`,
  '',
  '| scenario | interval | products | requests | minimum ceil(N/250) | 403s | mean request | wall time | physical minimum (requests−1)×interval | wall / minimum |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.intervalMs} ms | ${r.products} | ${r.requests} | ${r.minimum} | ${r.rejected403} | ${r.meanRequestMs.toFixed(0)} ms | ${r.wallMs.toFixed(0)} ms | ${r.physicalMinMs} ms | ${
        r.physicalMinMs > 0 ? `${((r.wallMs / r.physicalMinMs - 1) * 100).toFixed(2)} % over` : '—'
      } |`,
  ),
].join('\n');

console.log(table);
mkdirSync(new URL('../.bench-output/', import.meta.url), { recursive: true });
writeFileSync(new URL('../.bench-output/full-catalogue.md', import.meta.url), `${table}\n`);
