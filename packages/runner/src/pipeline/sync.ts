import { PriceListValidationError, renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import type { KaspiConnectConfig } from '../config/schema.js';
import { ExitCode } from '../exit-codes.js';
import { applyPriceDropGuard } from '../guards/price-drop.js';
import { evaluateGuards } from '../guards/safety-guards.js';
import { explainError } from '../logging/explain-error.js';
import { mapOffers } from '../mapping/map-offers.js';
import type { FeedPublisher } from '../publish/feed-publisher.js';
import type { TargetOutbox } from '../publish/targets/outbox.js';
import type { StateStore } from '../state/state-store.js';
import type { Supplier } from '../supplier/supplier.js';
import type { SyncEventHandler } from './events.js';
import { type ReadCatalogues, readCatalogues, SupplierReadError } from './read-catalogues.js';

export { SupplierReadError } from './read-catalogues.js';

import { isOfferAvailable, offersFromMappings, summariseChanges } from './feed-changes.js';
import type { FeedChangeSummary, RunStatus, RunSummary, SyncMode } from './run-summary.js';

/** A supplier plus the SKU prefix its products get. */
export interface ConfiguredSupplier {
  readonly supplier: Supplier;
  readonly skuPrefix: string;
}

/** Everything `runSync` works with; inject fakes in tests. */
export interface SyncDependencies {
  readonly config: KaspiConnectConfig;
  /** In config order: on a SKU collision the first one wins. */
  readonly suppliers: readonly ConfiguredSupplier[];
  readonly store: StateStore;
  readonly publisher: FeedPublisher;
  readonly onEvent?: SyncEventHandler | undefined;
  /** Strings to scrub from error messages (tokens, passwords). */
  readonly secrets?: readonly string[] | undefined;
  readonly now?: (() => Date) | undefined;
  /** `feed.targets`: brought up to the live feed after every run, whatever the run did. */
  readonly targets?: Pick<TargetOutbox, 'deliver'> | undefined;
}

/** Options of one `runSync` call. */
export interface SyncOptions {
  readonly mode: SyncMode;
  /** Build, validate and diff, but publish nothing and store nothing but the run. */
  readonly dryRun?: boolean | undefined;
  /** Publish even when a relative guard trips (never an empty feed). */
  readonly force?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** How a sync ended: status, exit code and summary. */
export interface SyncResult {
  readonly runId: number;
  readonly status: RunStatus;
  readonly exitCode: ExitCode;
  readonly summary: RunSummary;
}

/**
 * One sync: read the supplier(s) (full catalogue, or the saved catalogue plus one stock-and-price
 * snapshot), map offers, compare with the live feed, apply the safety guards, validate and render
 * with the price-list writer, then publish atomically and remember the SKU mapping. Any failure
 * leaves the live feed and the stored state as they were. Then every publish target that lacks
 * the live feed gets it (a failing target never changes the result: it is retried next run).
 */
export async function runSync(deps: SyncDependencies, options: SyncOptions): Promise<SyncResult> {
  const result = await syncOnce(deps, options);
  if (options.dryRun !== true && options.signal?.aborted !== true) {
    await deps.targets?.deliver({ signal: options.signal });
  }
  return result;
}

function stopwatch() {
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const time = (name: string) => {
    const at = performance.now();
    timings[name] = Math.round(at - lap);
    lap = at;
  };
  return { timings, time };
}

type Lap = (name: string) => void;

/** Offers mapped, price-guarded and compared with the live feed: everything a verdict needs. */
interface Plan {
  readonly read: ReadCatalogues;
  readonly mapped: ReturnType<typeof mapOffers>;
  readonly held: ReturnType<typeof applyPriceDropGuard>;
  readonly changes: ReturnType<typeof summariseChanges> | undefined;
  readonly available: number;
  readonly refusals: readonly string[];
  readonly lastFeed: ReturnType<StateStore['lastPublishedFeed']>;
}

function plan(
  deps: SyncDependencies,
  options: SyncOptions,
  read: ReadCatalogues,
  startedAt: Date,
  time: Lap,
): Plan {
  const { config, store } = deps;
  // Previously published SKUs that are gone stay as available="no".
  const previousMappings = store.skuMappings();
  const mapped = mapOffers(read.products, config, {
    skuPrefixes: Object.fromEntries(deps.suppliers.map((s) => [s.supplier.id, s.skuPrefix])),
    previous: previousMappings,
    now: startedAt,
  });
  if (mapped.skippedSamples.length > 0) {
    deps.onEvent?.({ type: 'sync.skipped', samples: mapped.skippedSamples });
  }
  // The per-offer price guard; --force accepts the new prices.
  const held = applyPriceDropGuard(
    mapped.offers,
    mapped.mappings,
    previousMappings,
    config.guards,
    options.force === true,
  );
  if (held.holds.length > 0) deps.onEvent?.({ type: 'sync.price-holds', holds: held.holds });
  time('map');

  const lastFeed = store.lastPublishedFeed();
  const changes =
    lastFeed === undefined
      ? undefined
      : summariseChanges(
          offersFromMappings(previousMappings, config.shop.stores),
          held.offers,
          config.guards.priceChangePercent,
        );
  time('diff');
  const available = held.offers.filter(isOfferAvailable).length;
  const verdict = evaluateGuards(
    {
      supplierProducts: read.supplierProducts,
      previousSupplierProducts: lastPublishedRun(store)?.supplierProducts,
      offers: mapped.offers.length,
      available,
      changes,
      previousAvailable: lastFeed?.available,
    },
    config.guards,
  );
  const absolute = read.supplierProducts === 0 || mapped.offers.length === 0;
  const refusals = options.force === true && !absolute ? [] : verdict.refusals;
  return { read, mapped, held, changes, available, refusals, lastFeed };
}

function summarise(
  p: Plan,
  mode: SyncMode,
  timings: Readonly<Record<string, number>>,
  extra: Partial<RunSummary> = {},
): RunSummary {
  return {
    mode,
    supplierProducts: p.read.supplierProducts,
    offers: p.mapped.offers.length,
    available: p.available,
    unavailable: p.mapped.offers.length - p.available,
    retained: p.mapped.retained,
    retired: p.mapped.retired,
    skipped: p.mapped.skipped,
    conflicts: p.read.conflicts,
    changes: p.changes === undefined ? undefined : withoutDetails(p.changes),
    refusals: p.refusals,
    timingsMs: timings,
    ...(p.held.holds.length > 0 ? { priceHolds: p.held.holds.length } : {}),
    ...extra,
  };
}

async function syncOnce(deps: SyncDependencies, options: SyncOptions): Promise<SyncResult> {
  const { store } = deps;
  const startedAt = (deps.now ?? (() => new Date()))();
  const runId = store.beginRun(options.mode, startedAt);
  const { timings, time } = stopwatch();
  deps.onEvent?.({ type: 'sync.start', mode: options.mode, runId });
  let read: ReadCatalogues | undefined;
  const finish = (status: RunStatus, exitCode: ExitCode, summary: RunSummary): SyncResult => {
    store.finishRun(runId, { status, exitCode, summary });
    return { runId, status, exitCode, summary };
  };

  try {
    read = await readCatalogues(deps.suppliers, options.mode, store, deps.onEvent, options.signal);
    time('fetch');
    const p = plan(deps, options, read, startedAt, time);

    if (p.refusals.length > 0) {
      // The per-SKU list lets a person judge the refusal before publishing anyway.
      const skus = p.changes?.skus();
      const result = summarise(p, options.mode, timings, {
        ...(skus === undefined ? {} : { skuChanges: skus.changes, skuChangesTotal: skus.total }),
      });
      const refused = finish('refused', ExitCode.Refused, result);
      deps.onEvent?.({ type: 'sync.refused', summary: result });
      return refused;
    }

    // Validate and render with the price-list writer (strict rules; any invalid offer fails).
    const rendered = renderPriceList(
      {
        company: deps.config.shop.company,
        merchantId: deps.config.shop.merchantId,
        date: startedAt,
        offers: p.held.offers,
      },
      { mode: 'strict', onInvalid: 'throw' },
    );
    time('render');

    if (options.dryRun === true) {
      const result = summarise(p, options.mode, timings);
      const dry = finish('dry-run', ExitCode.Ok, result);
      deps.onEvent?.({ type: 'sync.dry-run', summary: result });
      return dry;
    }
    const outcome = await publishAndRemember(
      deps,
      options,
      p,
      rendered.xml,
      runId,
      startedAt,
      time,
    );
    const result = summarise(p, options.mode, timings, outcome.extra);
    const done = finish(outcome.status, ExitCode.Ok, result);
    deps.onEvent?.({
      type: outcome.status === 'published' ? 'sync.published' : 'sync.unchanged',
      summary: result,
    });
    return done;
  } catch (error) {
    const exitCode = exitCodeFor(error, options.signal);
    const result: RunSummary = {
      ...emptySummary(options.mode, timings),
      supplierProducts: read?.supplierProducts ?? 0,
      conflicts: read?.conflicts ?? [],
      error: explainError(error, deps.secrets ?? []),
    };
    const failed = finish('failed', exitCode, result);
    deps.onEvent?.({ type: 'sync.failed', summary: result, error });
    return failed;
  }
}

/** Publishes (unless nothing changed and the live file is intact), then remembers what is live. */
async function publishAndRemember(
  deps: SyncDependencies,
  options: SyncOptions,
  p: Plan,
  xml: Parameters<FeedPublisher['publish']>[0],
  runId: number,
  startedAt: Date,
  time: Lap,
): Promise<{ status: 'published' | 'unchanged'; extra: Partial<RunSummary> }> {
  const { store } = deps;
  const live = await liveFileState(deps, p.lastFeed?.sha256);
  const sameOffers = p.changes !== undefined && !p.changes.changed;
  if (live !== 'ok' && sameOffers) {
    deps.onEvent?.({ type: 'sync.live-file', state: live, path: deps.publisher.currentPath });
  }
  let published: RunSummary['published'];
  if (!(sameOffers && live === 'ok')) {
    const file = await deps.publisher.publish(xml, startedAt);
    time('write');
    store.recordPublishedFeed({
      runId,
      path: file.path,
      sha256: file.sha256,
      offers: p.mapped.offers.length,
      available: p.available,
      bytes: file.bytes,
      publishedAt: startedAt,
    });
    published = { path: file.path, sha256: file.sha256, bytes: file.bytes };
  }
  store.replaceSkuMappings(p.held.mappings);
  store.replaceSkippedProducts?.(runId, p.mapped.skippedProducts);
  store.replacePriceHolds?.(runId, p.held.holds, startedAt);
  if (options.mode === 'full') {
    for (const catalogue of p.read.catalogues) {
      store.saveCatalogue(catalogue.supplier, catalogue.products);
    }
  }
  time('store');
  return {
    status: published === undefined ? 'unchanged' : 'published',
    extra: {
      ...(published === undefined ? {} : { published }),
      ...(live !== 'ok' && sameOffers ? { rewrote: live } : {}),
    },
  };
}

function emptySummary(mode: SyncMode, timings: Readonly<Record<string, number>>): RunSummary {
  return {
    mode,
    supplierProducts: 0,
    offers: 0,
    available: 0,
    unavailable: 0,
    retained: 0,
    retired: 0,
    skipped: {},
    conflicts: [],
    refusals: [],
    timingsMs: timings,
  };
}

/** `ok` when the file on disk is the one last published; nothing published yet counts as ok. */
async function liveFileState(
  deps: SyncDependencies,
  sha256: string | undefined,
): Promise<'ok' | 'missing' | 'altered'> {
  return sha256 === undefined ? 'ok' : deps.publisher.checkLive(sha256);
}

function lastPublishedRun(store: StateStore): RunSummary | undefined {
  return store.lastRun(undefined, ['published', 'unchanged'])?.summary;
}

function withoutDetails(changes: ReturnType<typeof summariseChanges>): FeedChangeSummary {
  const { changed: _changed, skus: _skus, ...rest } = changes;
  return rest;
}

function exitCodeFor(error: unknown, signal: AbortSignal | undefined): ExitCode {
  if (signal?.aborted) return ExitCode.Interrupted;
  if (error instanceof SupplierReadError) return ExitCode.Supplier;
  if (PriceListValidationError.isInstance(error)) return ExitCode.Invalid;
  return ExitCode.Failure;
}
