import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlStyleEvent } from '@kaspi-connect/alstyle-client';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import {
  type KaspiSimulator,
  type PriceListLoadReport,
  startKaspiSimulator,
} from '@kaspi-connect/kaspi-client/testing';
import { serveFeed } from '../commands/run.js';
import { openRuntime, type Runtime } from '../commands/runtime.js';
import { parseConfig, type ResolvedConfig } from '../config/load-config.js';
import type { KaspiConnectConfigInput } from '../config/schema.js';
import { type ServerExtras, startServerExtras } from '../console/server-extras.js';
import type { SyncEventHandler } from '../pipeline/events.js';
import { runSync, type SyncResult } from '../pipeline/sync.js';
import type { FeedServer } from '../server/feed-server.js';
import { type DemoCardsResult, runDemoCards } from './demo-cards.js';
import { startDemoOrders, withDemoOrders } from './demo-console.js';

/** Options of `runDemo`. */
export interface DemoOptions {
  /** Products in the simulated Al-Style catalogue. Default 3000. */
  readonly products?: number | undefined;
  /** Simulated supplier rate limit (ms between requests); the real one is 5000. Default 40. */
  readonly intervalMs?: number | undefined;
  /** Where the feed and the database go; default a new temp directory. */
  readonly dir?: string | undefined;
  readonly seed?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onEvent?: SyncEventHandler | undefined;
  /** Al-Style client events (requests, retries, rate limit), for debug logs. */
  readonly onSupplierEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** Keep the feed server and simulators running after the summary, until the signal aborts. */
  readonly keepServing?: boolean | undefined;
  /** Called once the feed is served, with its URL and credentials (for people who want to curl it). */
  readonly onServing?:
    | ((info: { url: string; username: string; password: string }) => void)
    | undefined;
  /** With `keepServing`: the console's URL and a one-time password made for this run only. */
  readonly onConsole?:
    | ((info: { url: string; username: string; password: string }) => void)
    | undefined;
}

/** What `runDemo` did: both syncs, the requests they cost and what the simulated Kaspi loaded. */
export interface DemoResult {
  readonly dir: string;
  readonly feedUrl: string;
  readonly full: SyncResult;
  readonly refresh: SyncResult;
  /** What the simulated Kaspi made of the feed it loaded by URL. */
  readonly kaspiLoad: PriceListLoadReport;
  readonly kaspiOffers: number;
  /** Requests the runner sent to the simulated Al-Style (catalogue pages + one snapshot). */
  readonly supplierRequests: { readonly full: number; readonly refresh: number };
  /** Products the demo changed at the supplier between the full sync and the refresh. */
  readonly changedAtSupplier: number;
  /** Catalogue items the Al-Style client dropped as unreadable (reported, never guessed). */
  readonly unreadableAtSupplier: number;
  readonly durationMs: number;
  /** Product cards built, validated and imported on the simulated Kaspi. */
  readonly cards: DemoCardsResult;
}

/** The demo config: the real defaults, pointed at the simulators, with a scaled rate limit. */
export function demoConfig(
  alstyleUrl: string,
  merchantId: string,
  intervalMs: number,
): KaspiConnectConfigInput {
  return {
    shop: {
      company: 'Demo Shop',
      merchantId,
      stores: [{ id: 'PP1' }, { id: 'PP2', preOrderDays: 2 }],
    },
    // The margin absorbs timer jitter on a busy machine, as the real 500 ms margin does.
    suppliers: {
      alstyle: {
        baseUrl: alstyleUrl,
        intervalMs,
        marginMs: Math.max(10, Math.ceil(intervalMs / 2)),
      },
    },
    pricing: {
      source: 'retail',
      markup: { percent: 8 },
      rules: [{ brand: ['Apple'], percent: 4 }],
      rounding: { mode: 'ending', ending: 90 },
      minMarginPercent: 5,
    },
    stock: { cap: 50, minAvailable: 1 },
    server: { host: '127.0.0.1', port: 0, path: '/kaspi.xml', username: 'kaspi' },
    schedule: { refreshEveryMinutes: 0 },
    state: { path: 'kaspi-connect.db' },
    feed: { dir: 'feed', history: 5 },
  };
}

/** What the demo started; each part is closed at the end, however far the start got. */
interface DemoParts {
  alstyle?: AlStyleSimulator;
  kaspi?: KaspiSimulator;
  server?: FeedServer;
  runtime?: Runtime;
  /** Catalogue items the Al-Style client reported unreadable. */
  unreadable: number;
}

/**
 * `kaspi-connect demo`: the whole job on simulators, no token and no network. Al-Style and Kaspi
 * simulators on 127.0.0.1 → full sync → the supplier changes prices and stock → one-request
 * refresh → feed server with basic auth → the simulated Kaspi loads the feed by URL.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'kaspi-connect-demo-')));
  const password = randomBytes(12).toString('base64url');
  const parts: DemoParts = { unreadable: 0 };
  try {
    const world = await startWorld(parts, options, dir, password);
    const { alstyle, kaspi, runtime } = world;
    const deps = {
      config: world.resolved.config,
      suppliers: runtime.suppliers,
      store: runtime.store,
      publisher: runtime.publisher,
      onEvent: options.onEvent,
      secrets: runtime.secrets,
    };

    const before = alstyle.requests.length;
    const full = await runSync(deps, { mode: 'full', signal: options.signal });
    const afterFull = alstyle.requests.length;
    assertOk(full, 'full sync');

    const changedAtSupplier = changeSomeProducts(alstyle);
    const refresh = await runSync(deps, { mode: 'refresh', signal: options.signal });
    const afterRefresh = alstyle.requests.length;
    assertOk(refresh, 'refresh');

    const extras = startServerExtras(runtime, { process: 'serve', signal: options.signal });
    const server = await serveFeed(runtime, { signal: options.signal, port: 0, extras });
    parts.server = server;
    options.onServing?.({ url: server.feedUrl, username: 'kaspi', password });
    kaspi.setPriceListSource({ url: server.feedUrl, username: 'kaspi', password });
    const kaspiLoad = await kaspi.loadPriceList(options.signal);
    const cards = await runDemoCards(runtime, alstyle, kaspi, world.existingCards, options.signal);
    await keepServing(world, server, extras, options);
    return {
      dir,
      feedUrl: server.feedUrl,
      full,
      refresh,
      kaspiLoad,
      kaspiOffers: kaspi.offers().length,
      supplierRequests: { full: afterFull - before, refresh: afterRefresh - afterFull },
      changedAtSupplier,
      unreadableAtSupplier: parts.unreadable,
      durationMs: Math.round(performance.now() - started),
      cards,
    };
  } finally {
    await parts.server?.close();
    parts.runtime?.close();
    await parts.kaspi?.close();
    await parts.alstyle?.close();
  }
}

interface DemoWorld {
  readonly alstyle: AlStyleSimulator;
  readonly kaspi: KaspiSimulator;
  readonly runtime: Runtime;
  readonly resolved: ResolvedConfig;
  /** Set only when the demo keeps serving: the console's one-time password. */
  readonly consolePassword: string | undefined;
  readonly existingCards: Array<{ brand: string; title: string }>;
}

/** Both simulators, the demo config and the runtime on them (each recorded in `parts`). */
async function startWorld(
  parts: DemoParts,
  options: DemoOptions,
  dir: string,
  password: string,
): Promise<DemoWorld> {
  const intervalMs = options.intervalMs ?? 40;
  const alstyle = await startAlStyleSimulator({
    catalogueSize: options.products ?? 3000,
    seed: options.seed ?? 7,
    rateLimitMs: intervalMs,
    invalidProducts: 3,
  });
  parts.alstyle = alstyle;
  const existingCards: Array<{ brand: string; title: string }> = [];
  const kaspi = await startKaspiSimulator({
    merchantId: '30000001',
    importRules: { existingCards },
  });
  parts.kaspi = kaspi;
  // Serving: the console too, with a password that exists only for this run.
  const consolePassword =
    options.keepServing === true ? randomBytes(9).toString('base64url') : undefined;
  const base = demoConfig(alstyle.url, kaspi.merchantId, intervalMs);
  const parsed = parseConfig(
    consolePassword === undefined ? base : withDemoOrders(base, kaspi.url),
    {
      ALSTYLE_TOKEN: alstyle.token,
      FEED_PASSWORD: password,
      ...(consolePassword === undefined
        ? {}
        : { CONSOLE_PASSWORD: consolePassword, KASPI_TOKEN: kaspi.token }),
    },
    'demo config',
  );
  const resolved: ResolvedConfig = { ...parsed, baseDir: dir };
  const runtime = openRuntime(resolved, {
    withSuppliers: true,
    signal: options.signal,
    onSupplierEvent: (event) => {
      if (event.type === 'data.invalid' && event.endpoint === '/api/elements-pagination') {
        parts.unreadable++;
      }
      options.onSupplierEvent?.(event);
    },
  });
  parts.runtime = runtime;
  return { alstyle, kaspi, runtime, resolved, consolePassword, existingCards };
}

/** With `keepServing`: demo orders and the console until the signal aborts. */
async function keepServing(
  world: DemoWorld,
  server: FeedServer,
  extras: ServerExtras,
  options: DemoOptions,
): Promise<void> {
  if (options.keepServing !== true || options.signal === undefined) return;
  const signal = options.signal;
  if (world.consolePassword !== undefined) {
    await startDemoOrders(world.runtime, world.kaspi, extras, signal);
    options.onConsole?.({
      url: `${server.url}${world.resolved.config.console.path}/`,
      username: world.resolved.config.console.username,
      password: world.consolePassword,
    });
  }
  await new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** Between syncs the supplier sells out a few items and moves a few prices, as a real day would. */
function changeSomeProducts(alstyle: AlStyleSimulator): number {
  const products = alstyle.catalogue.products.filter(
    (p) => p.quirk === null && typeof p.quantity === 'number' && p.quantity > 0,
  );
  let changed = 0;
  for (const [index, product] of products.entries()) {
    if (index % 97 === 0) {
      product.quantity = 0;
      changed++;
    } else if (index % 89 === 0) {
      product.price2 = Math.round(product.price2 * 1.05);
      changed++;
    }
  }
  return changed;
}

function assertOk(result: SyncResult, what: string): void {
  if (result.status !== 'published' && result.status !== 'unchanged') {
    throw new Error(
      `demo ${what} ended "${result.status}": ${result.summary.error ?? result.summary.refusals.join('; ')}`,
    );
  }
}
