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
import { startServerExtras } from '../console/server-extras.js';
import type { SyncEventHandler } from '../pipeline/events.js';
import type { RunSummary } from '../pipeline/run-summary.js';
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

/**
 * `kaspi-connect demo`: the whole job on simulators, no token and no network. Al-Style and Kaspi
 * simulators on 127.0.0.1 → full sync → the supplier changes prices and stock → one-request
 * refresh → feed server with basic auth → the simulated Kaspi loads the feed by URL.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const intervalMs = options.intervalMs ?? 40;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'kaspi-connect-demo-')));
  const password = randomBytes(12).toString('base64url');
  let alstyle: AlStyleSimulator | undefined;
  let kaspi: KaspiSimulator | undefined;
  let server: FeedServer | undefined;
  let runtime: Runtime | undefined;
  let unreadable = 0;
  try {
    alstyle = await startAlStyleSimulator({
      catalogueSize: options.products ?? 3000,
      seed: options.seed ?? 7,
      rateLimitMs: intervalMs,
      invalidProducts: 3,
    });
    const existingCards: Array<{ brand: string; title: string }> = [];
    kaspi = await startKaspiSimulator({ merchantId: '30000001', importRules: { existingCards } });
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
    runtime = openRuntime(resolved, {
      withSuppliers: true,
      signal: options.signal,
      onSupplierEvent: (event) => {
        if (event.type === 'data.invalid' && event.endpoint === '/api/elements-pagination') {
          unreadable++;
        }
        options.onSupplierEvent?.(event);
      },
    });
    const deps = {
      config: resolved.config,
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
    server = await serveFeed(runtime, { signal: options.signal, port: 0, extras });
    options.onServing?.({ url: server.feedUrl, username: 'kaspi', password });
    kaspi.setPriceListSource({ url: server.feedUrl, username: 'kaspi', password });
    const kaspiLoad = await kaspi.loadPriceList(options.signal);
    const cards = await runDemoCards(runtime, alstyle, kaspi, existingCards, options.signal);

    if (options.keepServing === true && options.signal !== undefined) {
      const signal = options.signal;
      if (consolePassword !== undefined) {
        await startDemoOrders(runtime, kaspi, extras, signal);
        const path = resolved.config.console.path;
        options.onConsole?.({
          url: `${server.url}${path}/`,
          username: resolved.config.console.username,
          password: consolePassword,
        });
      }
      await new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
    }
    return {
      dir,
      feedUrl: server.feedUrl,
      full,
      refresh,
      kaspiLoad,
      kaspiOffers: kaspi.offers().length,
      supplierRequests: { full: afterFull - before, refresh: afterRefresh - afterFull },
      changedAtSupplier,
      unreadableAtSupplier: unreadable,
      durationMs: Math.round(performance.now() - started),
      cards,
    };
  } finally {
    await server?.close();
    runtime?.close();
    await kaspi?.close();
    await alstyle?.close();
  }
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

function formatDemoCards(cards: DemoCardsResult): string[] {
  const p = cards.summary.prepared;
  const c = cards.summary.status.counts;
  return [
    `  Cards          ${Object.keys(cards.mapped).length} supplier categories mapped to a ranked Kaspi candidate, ${cards.unmapped} left unmapped`,
    `                 ${p?.selected ?? 0} products: ${p?.ready ?? 0} validated cards, ${p?.drafts ?? 0} drafts; ${cards.summary.sentImports.length} import → ${c.finished} finished, ${c.rejected} rejected`,
  ];
}

/** The demo's closing report for people. */
export function formatDemoReport(result: DemoResult): string {
  const full: RunSummary = result.full.summary;
  const refresh: RunSummary = result.refresh.summary;
  const skipped = Object.entries(full.skipped)
    .map(([reason, count]) => `    ${reason.padEnd(18)} ${count}`)
    .join('\n');
  const rejected = result.kaspiLoad.rejected
    .slice(0, 5)
    .map((r) => `    ${r.sku}: ${r.reason}`)
    .join('\n');
  return [
    '',
    'kaspi-connect demo: simulated Al-Style → priced, validated Kaspi feed → simulated Kaspi',
    '',
    `  Full sync      ${full.supplierProducts} supplier products in ${result.supplierRequests.full} requests (${full.timingsMs.fetch ?? 0} ms)`,
    `                 ${full.offers} offers published: ${full.available} available, ${full.unavailable} out of stock (available="no")`,
    '  Skipped, and why:',
    skipped || '    (none)',
    ...(result.unreadableAtSupplier > 0
      ? [
          `    ${'unreadable-data'.padEnd(18)} ${result.unreadableAtSupplier} (dropped by the Al-Style client, reported)`,
        ]
      : []),
    `  Refresh        ${result.supplierRequests.refresh} request; ${result.changedAtSupplier} products changed at the supplier → ` +
      `${refresh.changes?.priceChanged ?? 0} prices, ${refresh.changes?.becameUnavailable ?? 0} sold out`,
    `  Feed           ${result.feedUrl} (basic auth, gzip, ETag)`,
    `  Kaspi loaded   ${result.kaspiLoad.outcome}: ${result.kaspiLoad.accepted} offers accepted, ${result.kaspiLoad.rejected.length} rejected (HTTP ${result.kaspiLoad.httpStatus ?? '-'})`,
    ...(rejected === '' ? [] : [rejected]),
    ...formatDemoCards(result.cards),
    `  State          ${result.dir}`,
    `  Took           ${(result.durationMs / 1000).toFixed(1)} s (supplier rate limit scaled down; the real one is 1 request / 5 s)`,
    '',
  ].join('\n');
}
