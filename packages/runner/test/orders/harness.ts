import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { formatPriceListDate } from '@kaspi-connect/kaspi-pricelist';
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

/**
 * Loses replies: the request reaches the supplier and is processed, then the connection is cut
 * before the answer arrives. The Al-Style simulator cannot do this by itself.
 */
export interface LossyProxy {
  readonly url: string;
  loseNextSubmits: number;
  close(): Promise<void>;
}

export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const proxy: { loseNextSubmits: number } = { loseNextSubmits: 0 };
  const server: Server = createServer((req, res) => {
    const lose = req.url?.startsWith('/cart-api/submit') === true && proxy.loseNextSubmits > 0;
    if (lose) proxy.loseNextSubmits--;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (lose) {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get loseNextSubmits() {
      return proxy.loseNextSubmits;
    },
    set loseNextSubmits(n: number) {
      proxy.loseNextSubmits = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Scenario {
  readonly alstyle: AlStyleSimulator;
  readonly kaspi: KaspiSimulator;
  readonly proxy: LossyProxy;
  readonly db: string;
  readonly skus: readonly string[];
  close(): Promise<void>;
}

/**
 * Both simulators, a lossy proxy in front of Al-Style, a state database whose SKU mapping holds
 * `products` Al-Style articles, and `orders` buyer orders on Kaspi (the first one always hits an
 * out-of-stock product, the second one is always in stock, some hit a foreign SKU).
 */
export async function startScenario(options: {
  readonly seed: number;
  readonly dir: string;
  readonly orders: number;
  readonly products?: number;
}): Promise<Scenario> {
  const random = rng(options.seed);
  const alstyle = await startAlStyleSimulator({
    catalogueSize: 30,
    seed: options.seed,
    quirkShare: 0,
    rateLimitMs: 0,
  });
  const kaspi = await startKaspiSimulator({ merchantId: '30000001' });
  const proxy = await startLossyProxy(alstyle.url);
  const products = alstyle.catalogue.products.slice(0, options.products ?? 6);
  products.forEach((p, i) => {
    const mutable = p as { quantity: number | string };
    mutable.quantity =
      i === 0 ? 0 : i === 1 ? '>50' : ([1, 2, 3, 10, '>50'][Math.floor(random() * 5)] ?? 1);
  });
  const skus = products.map((p) => `AS${p.article}`);
  const store = new SqliteStateStore(join(options.dir, 'state.db'));
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
      stockCount: 5,
      lastSeenAt: now,
      lastPublishedAt: now,
    })),
  );
  store.close();
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
  for (let i = 0; i < options.orders; i++) {
    const pick = (): string => skus[1 + Math.floor(random() * (skus.length - 1))] as string;
    let items: { sku: string; quantity: number }[];
    if (i === 0) items = [{ sku: skus[0] as string, quantity: 1 }];
    else if (i === 1) items = [{ sku: skus[1] as string, quantity: 1 }];
    else if (random() < 0.12) items = [{ sku: FOREIGN_SKU, quantity: 1 }];
    else {
      const first = pick();
      const second = pick();
      items = [{ sku: first, quantity: 1 + Math.floor(random() * 2) }];
      if (second !== first && random() < 0.5) items.push({ sku: second, quantity: 1 });
    }
    kaspi.createOrder({ items });
  }
  return {
    alstyle,
    kaspi,
    proxy,
    db: join(options.dir, 'state.db'),
    skus,
    async close() {
      await proxy.close();
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

/** Runs the order flow in a child; `crashAt` kills it at a boundary, `killAfterMs` from outside. */
export function runChild(
  scenario: Scenario,
  options: { crashAt?: string; killAfterMs?: number; timeoutMs?: number; maxAttempts?: number },
): Promise<ChildRun> {
  const config = {
    db: scenario.db,
    alstyleUrl: scenario.proxy.url,
    alstyleToken: scenario.alstyle.token,
    alstyleIntervalMs: INTERVAL_MS,
    kaspiUrl: scenario.kaspi.url,
    kaspiToken: scenario.kaspi.token,
    timeoutMs: options.timeoutMs ?? 1500,
    crashAt: options.crashAt,
    maxAttempts: options.maxAttempts ?? 3,
    debug: (options as { debug?: boolean }).debug === true,
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
      if (
        options.killAfterMs !== undefined &&
        timer === undefined &&
        c.toString().includes('ready')
      )
        timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer !== undefined) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, stderr });
    });
  });
}

/** The three invariants of issue 7; `final` adds "no order lost" and "no reservation leaked". */
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
    for (const order of scenario.kaspi.orders()) {
      const record = store.findOrder(order.code);
      const ended =
        order.status === 'ACCEPTED_BY_MERCHANT' ||
        order.status === 'CANCELLED' ||
        (record?.state === 'attention' && record.attention !== undefined);
      if (!ended)
        problems.push(
          `lost: Kaspi order ${order.code} is ${order.status}, runner state ${record?.state ?? 'none'}`,
        );
      const live = (byCode.get(order.code) ?? []).filter((o) => o.status !== 'DA');
      if (
        order.status !== 'ACCEPTED_BY_MERCHANT' &&
        live.length > 0 &&
        record?.state !== 'attention'
      )
        problems.push(
          `leaked reservation: supplier order ${live[0]?.id} for ${order.code} (${order.status})`,
        );
    }
  } finally {
    store.close();
  }
  return problems;
}
