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
import { type KeyConflict, mergeCatalogues, type SupplierCatalogue } from '../supplier/merge.js';
import type { Supplier, SupplierProduct } from '../supplier/supplier.js';
import type { SyncEventHandler } from './events.js';
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

/** The supplier had no full catalogue to refresh, or could not be read. */
export class SupplierReadError extends Error {
  override readonly name = 'SupplierReadError';
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

async function syncOnce(deps: SyncDependencies, options: SyncOptions): Promise<SyncResult> {
  const { config, store } = deps;
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const runId = store.beginRun(options.mode, startedAt);
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const time = (name: string) => {
    const at = performance.now();
    timings[name] = Math.round(at - lap);
    lap = at;
  };
  deps.onEvent?.({ type: 'sync.start', mode: options.mode, runId });

  let supplierProducts = 0;
  let conflicts: readonly KeyConflict[] = [];
  const empty: RunSummary = {
    mode: options.mode,
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

  try {
    // 1. Read the supplier(s).
    const catalogues: SupplierCatalogue[] = [];
    for (const { supplier, skuPrefix } of deps.suppliers) {
      const products =
        options.mode === 'full'
          ? await readFullCatalogue(supplier, deps, options.signal)
          : await readRefreshedCatalogue(supplier, store, options.signal);
      catalogues.push({ supplier: supplier.id, skuPrefix, products });
      deps.onEvent?.({ type: 'sync.fetched', supplier: supplier.id, products: products.length });
    }
    time('fetch');
    supplierProducts = catalogues.reduce((sum, c) => sum + c.products.length, 0);
    const merged = mergeCatalogues(catalogues);
    conflicts = merged.conflicts;
    if (conflicts.length > 0) deps.onEvent?.({ type: 'sync.conflicts', conflicts });

    // 2. Map offers; previously published SKUs that are gone stay as available="no".
    const previousMappings = store.skuMappings();
    const mapped = mapOffers(merged.products, config, {
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

    // 3. Compare with the live feed and apply the guards.
    const lastFeed = store.lastPublishedFeed();
    const previousOffers =
      lastFeed === undefined ? undefined : offersFromMappings(previousMappings, config.shop.stores);
    const changes =
      previousOffers === undefined
        ? undefined
        : summariseChanges(previousOffers, held.offers, config.guards.priceChangePercent);
    time('diff');
    const available = held.offers.filter(isOfferAvailable).length;
    const lastGood = lastPublishedRun(store);
    const verdict = evaluateGuards(
      {
        supplierProducts,
        previousSupplierProducts: lastGood?.supplierProducts,
        offers: mapped.offers.length,
        available,
        changes,
        previousAvailable: lastFeed?.available,
      },
      config.guards,
    );
    const absolute = supplierProducts === 0 || mapped.offers.length === 0;
    const refusals = options.force === true && !absolute ? [] : verdict.refusals;

    const summary = (extra: Partial<RunSummary> = {}): RunSummary => ({
      mode: options.mode,
      supplierProducts,
      offers: mapped.offers.length,
      available,
      unavailable: mapped.offers.length - available,
      retained: mapped.retained,
      retired: mapped.retired,
      skipped: mapped.skipped,
      conflicts,
      changes: changes === undefined ? undefined : withoutFlag(changes),
      refusals,
      timingsMs: timings,
      ...(held.holds.length > 0 ? { priceHolds: held.holds.length } : {}),
      ...extra,
    });

    if (refusals.length > 0) {
      const result = summary();
      store.finishRun(runId, { status: 'refused', exitCode: ExitCode.Refused, summary: result });
      deps.onEvent?.({ type: 'sync.refused', summary: result });
      return { runId, status: 'refused', exitCode: ExitCode.Refused, summary: result };
    }

    // 4. Validate and render with the price-list writer (strict rules; any invalid offer fails).
    const rendered = renderPriceList(
      {
        company: config.shop.company,
        merchantId: config.shop.merchantId,
        date: startedAt,
        offers: held.offers,
      },
      { mode: 'strict', onInvalid: 'throw' },
    );
    time('render');

    if (options.dryRun === true) {
      const result = summary();
      store.finishRun(runId, { status: 'dry-run', exitCode: ExitCode.Ok, summary: result });
      deps.onEvent?.({ type: 'sync.dry-run', summary: result });
      return { runId, status: 'dry-run', exitCode: ExitCode.Ok, summary: result };
    }

    // 5. Publish (unless nothing changed), then remember what is live.
    const live = await liveFileState(deps, lastFeed?.sha256);
    const unchanged = changes !== undefined && !changes.changed && live === 'ok';
    if (live !== 'ok' && changes !== undefined && !changes.changed) {
      deps.onEvent?.({ type: 'sync.live-file', state: live, path: deps.publisher.currentPath });
    }
    let status: RunStatus = 'unchanged';
    let published: RunSummary['published'];
    if (!unchanged) {
      const file = await deps.publisher.publish(rendered.xml, startedAt);
      time('write');
      store.recordPublishedFeed({
        runId,
        path: file.path,
        sha256: file.sha256,
        offers: mapped.offers.length,
        available,
        bytes: file.bytes,
        publishedAt: startedAt,
      });
      published = { path: file.path, sha256: file.sha256, bytes: file.bytes };
      status = 'published';
    }
    store.replaceSkuMappings(held.mappings);
    store.replaceSkippedProducts?.(runId, mapped.skippedProducts);
    store.replacePriceHolds?.(runId, held.holds, startedAt);
    if (options.mode === 'full') {
      for (const catalogue of catalogues)
        store.saveCatalogue(catalogue.supplier, catalogue.products);
    }
    time('store');
    const result = summary({
      ...(published === undefined ? {} : { published }),
      ...(live !== 'ok' && changes !== undefined && !changes.changed ? { rewrote: live } : {}),
    });
    store.finishRun(runId, { status, exitCode: ExitCode.Ok, summary: result });
    deps.onEvent?.({
      type: status === 'published' ? 'sync.published' : 'sync.unchanged',
      summary: result,
    });
    return { runId, status, exitCode: ExitCode.Ok, summary: result };
  } catch (error) {
    const exitCode = exitCodeFor(error, options.signal);
    const message = explainError(error, deps.secrets ?? []);
    const result: RunSummary = { ...empty, supplierProducts, conflicts, error: message };
    store.finishRun(runId, { status: 'failed', exitCode, summary: result });
    deps.onEvent?.({ type: 'sync.failed', summary: result, error });
    return { runId, status: 'failed', exitCode, summary: result };
  }
}

async function readFullCatalogue(
  supplier: Supplier,
  deps: SyncDependencies,
  signal: AbortSignal | undefined,
): Promise<SupplierProduct[]> {
  const products: SupplierProduct[] = [];
  try {
    for await (const product of supplier.iterateCatalogue({
      signal,
      onProgress: (progress) =>
        deps.onEvent?.({ type: 'sync.progress', supplier: supplier.id, ...progress }),
    })) {
      products.push(product);
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new SupplierReadError(`${supplier.id}: ${(error as Error).message}`, { cause: error });
  }
  return products;
}

/** The saved full catalogue with every product's price and stock replaced by one snapshot. */
async function readRefreshedCatalogue(
  supplier: Supplier,
  store: StateStore,
  signal: AbortSignal | undefined,
): Promise<SupplierProduct[]> {
  const saved = store.loadCatalogue(supplier.id);
  if (saved.length === 0) {
    throw new SupplierReadError(
      `${supplier.id}: no saved catalogue to refresh; run "kaspi-connect sync --full" first`,
    );
  }
  let snapshot: Awaited<ReturnType<Supplier['getStockAndPrices']>>;
  try {
    snapshot = await supplier.getStockAndPrices({ signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new SupplierReadError(`${supplier.id}: ${(error as Error).message}`, { cause: error });
  }
  const refreshed: SupplierProduct[] = [];
  for (const product of saved) {
    const fresh = snapshot.get(product.key);
    // A product missing from the snapshot is no longer stocked; it stays in the feed unavailable.
    if (fresh === undefined) continue;
    // Snapshot prices replace the catalogue's; `recommended` survives when the snapshot lacks it.
    const recommended = fresh.prices.recommended ?? product.prices.recommended;
    // The snapshot has no stock per warehouse: the catalogue's split stays, and allocation clamps
    // it to the fresh total, so a refresh never publishes more than the supplier has now.
    const byWarehouse = fresh.stock?.byWarehouse ?? product.stock?.byWarehouse;
    const stock =
      fresh.stock === undefined || byWarehouse === undefined
        ? fresh.stock
        : { ...fresh.stock, byWarehouse };
    refreshed.push({ ...product, prices: { ...fresh.prices, recommended }, stock });
  }
  return refreshed;
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

function withoutFlag(changes: FeedChangeSummary & { changed?: boolean }): FeedChangeSummary {
  const { changed: _changed, ...rest } = changes;
  return rest;
}

function exitCodeFor(error: unknown, signal: AbortSignal | undefined): ExitCode {
  if (signal?.aborted) return ExitCode.Interrupted;
  if (error instanceof SupplierReadError) return ExitCode.Supplier;
  if (PriceListValidationError.isInstance(error)) return ExitCode.Invalid;
  return ExitCode.Failure;
}
