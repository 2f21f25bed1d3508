import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { formatPriceListDate } from '@kaspi-connect/kaspi-pricelist';
import { detectStateLoss } from '../../src/orders/fresh-state.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

export const CHILD = fileURLToPath(new URL('../helpers/order-child.mjs', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/orders.js', import.meta.url));
/** A SKU published on Kaspi that the runner never published: its orders must be left alone. */
export const FOREIGN_SKU = 'ZZ999';
const INTERVAL_MS = 3;
// The simulator's own 403 limit is off: timer jitter on a loaded machine would turn it into random
// faults; 403 storms are injected on purpose instead, and the client still spaces its requests.

/** Small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scenario {
  readonly alstyle: AlStyleSimulator;
  readonly kaspi: KaspiSimulator;
  readonly db: string;
  /** The published feed next to the state: a new DB beside it means the state was lost. */
  readonly feedFile: string;
  readonly skus: readonly string[];
  /** A buyer places one more order (between runs: orders keep arriving). */
  addOrder(random: () => number): void;
  /** The state DB is deleted; the next sync rebuilds the SKU mapping in a new one. */
  loseDatabase(): void;
  close(): Promise<void>;
}

/**
 * Both simulators (their faults can lose Al-Style's replies after it acted), a state database whose
 * SKU mapping holds `products` Al-Style articles, and `orders` buyer orders on Kaspi (the first one
 * always hits an out-of-stock product, the second one is always in stock, some hit a foreign SKU).
 */
export async function startScenario(options: {
  readonly seed: number;
  readonly dir: string;
  readonly orders: number;
  readonly products?: number;
  /** Al-Style's `/api/order` returns `external_id` (undocumented, so off by default). */
  readonly supplierProvesIdentity?: boolean;
}): Promise<Scenario> {
  const random = rng(options.seed);
  const alstyle = await startAlStyleSimulator({
    catalogueSize: 30,
    seed: options.seed,
    quirkShare: 0,
    rateLimitMs: 0,
    decrementStockOnOrder: true,
    orderDetailsCarryExternalId: options.supplierProvesIdentity === true,
  });
  const kaspi = await startKaspiSimulator({ merchantId: '30000001' });
  const products = alstyle.catalogue.products.slice(0, options.products ?? 6);
  products.forEach((p, i) => {
    const mutable = p as { quantity: number | string };
    mutable.quantity =
      i === 0 ? 0 : i === 1 ? '>50' : ([1, 2, 3, 10, '>50'][Math.floor(random() * 5)] ?? 1);
  });
  const skus = products.map((p) => `AS${p.article}`);
  const db = join(options.dir, 'state.db');
  const feedFile = join(options.dir, 'kaspi.xml');
  const now = new Date();
  // What a sync leaves behind: the SKU mapping, a recorded run and feed, the feed file.
  const syncedState = (): void => {
    const store = new SqliteStateStore(db);
    try {
      detectStateLoss(store, { feedFile });
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
          stockCount: 5,
          lastSeenAt: now,
          lastPublishedAt: now,
        })),
      );
      const run = store.beginRun('full');
      store.finishRun(run, { status: 'published', exitCode: 0 });
      store.recordPublishedFeed({
        runId: run,
        path: feedFile,
        sha256: 'x',
        offers: skus.length,
        available: skus.length,
        bytes: 1,
        publishedAt: now,
      });
    } finally {
      store.close();
    }
  };
  syncedState();
  writeFileSync(feedFile, '<kaspi_catalog/>');
  // Kaspi prices 30% over the dealer price, so the decision's below-cost check lets them through.
  const kaspiPrice = (i: number): number =>
    i < products.length ? Math.ceil((products[i]?.price1 ?? 1000) * 1.3) : 1000;
  const offers = [...skus, FOREIGN_SKU]
    .map(
      (sku, i) =>
        `<offer sku="${sku}"><model>Product ${sku}</model><brand>Brand</brand><availabilities><availability available="yes" storeId="PP1" stockCount="99"/></availabilities><price>${kaspiPrice(i)}</price></offer>`,
    )
    .join('');
  const report = kaspi.uploadPriceList(
    `<?xml version="1.0" encoding="utf-8"?><kaspi_catalog date="${formatPriceListDate(now)}" xmlns="kaspiShopping" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="kaspiShopping http://kaspi.kz/kaspishopping.xsd"><company>Test</company><merchantid>30000001</merchantid><offers>${offers}</offers></kaspi_catalog>`,
  );
  if (report.outcome !== 'loaded') throw new Error(`price list not loaded: ${report.error}`);
  const order = (i: number, r: () => number): void => {
    const pick = (): string => skus[1 + Math.floor(r() * (skus.length - 1))] as string;
    let items: { sku: string; quantity: number }[];
    if (i === 0) items = [{ sku: skus[0] as string, quantity: 1 }];
    else if (i === 1) items = [{ sku: skus[1] as string, quantity: 1 }];
    else if (r() < 0.12) items = [{ sku: FOREIGN_SKU, quantity: 1 }];
    else {
      const first = pick();
      const second = pick();
      items = [{ sku: first, quantity: 1 + Math.floor(r() * 2) }];
      if (second !== first && r() < 0.5) items.push({ sku: second, quantity: 1 });
    }
    kaspi.createOrder({ items });
  };
  for (let i = 0; i < options.orders; i++) order(i, random);
  return {
    alstyle,
    kaspi,
    db,
    feedFile,
    skus,
    addOrder: (r) => order(2, r),
    loseDatabase() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
      syncedState();
    },
    async close() {
      await kaspi.close();
      await alstyle.close();
    },
  };
}

export interface ChildRun {
  /** Ended by SIGKILL (at a boundary or by the harness). */
  readonly killed: boolean;
  readonly code: number | null;
  readonly stderr: string;
}

/** How one child runs: kills, pauses, a skewed clock, waiting for the lease, a fresh state. */
export interface ChildOptions {
  readonly crashAt?: string | undefined;
  readonly killAfterMs?: number | undefined;
  /** Block the child synchronously at this boundary (`"reserve:started#1"`) for `pauseMs`. */
  readonly pauseAt?: string | undefined;
  readonly pauseMs?: number | undefined;
  /** Called when the child reached `pauseAt` (the other process starts then). */
  readonly onPaused?: (() => void) | undefined;
  /** The child's clock runs this far ahead (negative: behind) of the simulators'. */
  readonly skewMs?: number | undefined;
  /** Wait for the lease instead of exiting 6. */
  readonly wait?: boolean | undefined;
  readonly freshState?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxAttempts?: number | undefined;
  readonly debug?: boolean | undefined;
}

/** Runs the order flow in a child; `crashAt` kills it at a boundary, `killAfterMs` from outside. */
export function runChild(scenario: Scenario, options: ChildOptions): Promise<ChildRun> {
  const config = {
    db: scenario.db,
    feedFile: scenario.feedFile,
    alstyleUrl: scenario.alstyle.url,
    alstyleToken: scenario.alstyle.token,
    alstyleIntervalMs: INTERVAL_MS,
    kaspiUrl: scenario.kaspi.url,
    kaspiToken: scenario.kaspi.token,
    timeoutMs: options.timeoutMs ?? 1500,
    crashAt: options.crashAt,
    pauseAt: options.pauseAt,
    pauseMs: options.pauseMs,
    skewMs: options.skewMs,
    wait: options.wait,
    freshState: options.freshState,
    maxAttempts: options.maxAttempts ?? 3,
    debug: options.debug === true,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, ORDER_CHILD: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout.on('data', (c: Buffer) => {
      const text = c.toString();
      if (options.killAfterMs !== undefined && timer === undefined && text.includes('ready'))
        timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
      if (text.includes('paused')) options.onPaused?.();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer !== undefined) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, stderr });
    });
  });
}

const LIVE_KASPI = new Set(['APPROVED_BY_BANK', 'ACCEPTED_BY_MERCHANT']);

/**
 * The invariants, judged from the simulators' own records: per Kaspi order at most one supplier
 * order; every accepted Kaspi order has a live one. `final` adds: every order seen reached a final
 * decision or a person, and no live supplier order is owned by no live Kaspi order unless it was
 * reported for a person (its order in `attention`, or listed as a supplier orphan).
 */
export function checkInvariants(scenario: Scenario, final: boolean): string[] {
  const problems: string[] = [];
  const supplierOrders = scenario.alstyle.orders;
  const byCode = new Map<string, typeof supplierOrders>();
  for (const order of supplierOrders) {
    const key = order.externalId ?? '(none)';
    byCode.set(key, [...(byCode.get(key) ?? []), order]);
  }
  for (const [code, list] of byCode) {
    if (list.length > 1)
      problems.push(
        `duplicate: Kaspi order ${code} has supplier orders ${list.map((o) => o.id).join(', ')}`,
      );
  }
  for (const order of scenario.kaspi.orders()) {
    const reservation = (byCode.get(order.code) ?? []).find((o) => o.status !== 'DA');
    if (order.status === 'ACCEPTED_BY_MERCHANT' && reservation === undefined)
      problems.push(`accepted without reservation: ${order.code}`);
  }
  if (!final) return problems;
  const store = new SqliteStateStore(scenario.db);
  try {
    const orphans = new Set(store.supplierOrphans().map((o) => o.supplierOrderId));
    for (const order of scenario.kaspi.orders()) {
      const record = store.findOrder(order.code);
      const person = record?.state === 'attention' && record.attention !== undefined;
      // Kaspi's own status is the decision once it left APPROVED_BY_BANK.
      const ended = order.status !== 'APPROVED_BY_BANK' || person;
      if (!ended)
        problems.push(
          `lost: Kaspi order ${order.code} is ${order.status}, runner state ${record?.state ?? 'none'}`,
        );
      const live = (byCode.get(order.code) ?? []).filter((o) => o.status !== 'DA');
      for (const reservation of live) {
        if (LIVE_KASPI.has(order.status) || person || orphans.has(String(reservation.id))) continue;
        problems.push(
          `leaked reservation: supplier order ${reservation.id} for ${order.code} (${order.status}), runner state ${record?.state ?? 'none'}`,
        );
      }
    }
  } finally {
    store.close();
  }
  return problems;
}
