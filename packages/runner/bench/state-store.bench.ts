/**
 * Benchmark (`pnpm bench`): the cost of one `StateStore` call, SQLite (a WAL file) against
 * PostgreSQL (a throwaway local cluster behind the synchronous worker bridge). Same calls on
 * both: a one-row read, an order compare-and-set with its step log, and a whole SKU map.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderRecord } from '../src/orders/order-record.js';
import { SyncBridge } from '../src/state/postgres/bridge.js';
import { createPostgresStateStore } from '../src/state/postgres/store.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import type { SkuMappingRecord, StateStore } from '../src/state/state-store.js';
import { startPostgres } from '../test/helpers/postgres.js';

const CALLS = Number(process.env.BENCH_STATE_CALLS ?? 2000);
const SKUS = Number(process.env.BENCH_STATE_SKUS ?? 13_000);
const at = new Date('2026-12-01T00:00:00Z');

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ??
  0;

function timeEach(calls: number, fn: (i: number) => void): { median: number; p99: number } {
  const took: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    fn(i);
    took.push(performance.now() - t);
  }
  return { median: percentile(took, 0.5), p99: percentile(took, 0.99) };
}

const order = (code: string, state: OrderRecord['state']): OrderRecord => ({
  kaspiCode: code,
  kaspiId: `id-${code}`,
  state,
  supplier: 'alstyle',
  supplierOrderId: undefined,
  lines: [],
  attempts: 0,
  createdAt: at,
  updatedAt: at,
});

const skus: SkuMappingRecord[] = Array.from({ length: SKUS }, (_, i) => ({
  sku: `AS${20_000 + i}`,
  supplier: 'alstyle',
  productKey: String(20_000 + i),
  model: `Колонки Mi Bluetooth Speaker ${i}`,
  brand: 'Xiaomi',
  price: 13_490 + i,
  cityPrices: {},
  available: true,
  stockCount: i % 50,
  lastSeenAt: at,
  lastPublishedAt: at,
}));

function measure(name: string, store: StateStore): string {
  store.setMeta('bench', 'x');
  const read = timeEach(CALLS, () => store.getMeta('bench'));
  const cas = timeEach(CALLS, (i) => {
    store.transitionOrder(order(`K${i}`, 'new'), 'start', { step: 'seen', phase: 'done' });
  });
  const lease = store.acquireLease({
    holder: 'bench',
    pid: process.pid,
    host: hostname(),
    ttlMs: 60_000,
  });
  const renew = lease.ok
    ? timeEach(CALLS, () => store.renewLease(lease.lease, 60_000))
    : { median: 0, p99: 0 };
  const t = performance.now();
  store.replaceSkuMappings(skus);
  const bulk = performance.now() - t;
  const f = (n: number) => n.toFixed(3);
  return `| ${name} | ${f(read.median)} / ${f(read.p99)} | ${f(cas.median)} / ${f(cas.p99)} | ${f(renew.median)} / ${f(renew.p99)} | ${bulk.toFixed(0)} |`;
}

const dir = mkdtempSync(join(tmpdir(), 'kc-bench-state-'));
const cluster = await startPostgres();
try {
  const sqlite = new SqliteStateStore(join(dir, 'state.db'));
  const postgres = createPostgresStateStore({ url: await cluster.createDatabase('bench') });
  const rows = [
    measure('SQLite (WAL file)', sqlite),
    measure('PostgreSQL 15 (local, bridge)', postgres),
  ];
  const bridge = new SyncBridge({
    url: await cluster.createDatabase('ping'),
    shop: 'bench',
    poolSize: 1,
    applicationName: 'bench',
    callTimeoutMs: 30_000,
    shownUrl: 'bench',
  });
  const ping = timeEach(CALLS, () => bridge.ping());
  bridge.close();
  sqlite.close();
  postgres.close();
  console.log(
    `\nStateStore call, ms (median / p99 of ${CALLS} calls; SKU map: one call of ${SKUS} SKUs)\n`,
  );
  console.log(
    '| store | getMeta | transitionOrder (CAS + step) | renewLease | replaceSkuMappings (ms) |',
  );
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(
    `\nThe bridge alone (a message to the worker and back, no query): median ${ping.median.toFixed(3)} ms, p99 ${ping.p99.toFixed(3)} ms`,
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
