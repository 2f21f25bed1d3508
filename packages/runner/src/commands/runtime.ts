import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AlStyleEvent } from '@kaspi-connect/alstyle-client';
import type { KaspiClientEvent } from '@kaspi-connect/kaspi-client';
import type { ResolvedConfig } from '../config/load-config.js';
import { type ClockWatch, createClockWatch } from '../orders/clock-check.js';
import type { ConfiguredSupplier } from '../pipeline/sync.js';
import type { FeedPublisher } from '../publish/feed-publisher.js';
import { createPublishing } from '../publish/publishing.js';
import { createTargets } from '../publish/targets/create-targets.js';
import type { TargetEventHandler } from '../publish/targets/events.js';
import type { TargetOutbox } from '../publish/targets/outbox.js';
import { alstyleClientFor, alstyleSpacing, type ClientContext } from '../runtime/api-clients.js';
import { openConfiguredPostgres } from '../state/open-configured-store.js';
import { SqliteStateStore } from '../state/sqlite-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { unavailableStateStore } from '../state/unavailable-store.js';
import { AlStyleSupplier } from '../supplier/alstyle-supplier.js';

/**
 * Everything a command needs, built from the config; `close()` releases the database. Its API
 * clients (`kaspiClientFor(runtime)`) share its clock check and event hooks.
 */
export interface Runtime extends ClientContext {
  readonly resolved: ResolvedConfig;
  readonly store: StateStore;
  readonly publisher: FeedPublisher;
  /** Empty unless `withSuppliers` was asked for (serve/status need no token). */
  readonly suppliers: readonly ConfiguredSupplier[];
  /** Secret values to scrub from messages. */
  readonly secrets: readonly string[];
  /** Delivers the live feed to `feed.targets`; has no targets unless `withTargets` was asked for. */
  readonly targets: TargetOutbox;
  /** Why the database could not be opened read-only (`readOnlyState`); `store` then throws it. */
  readonly stateError?: Error | undefined;
  /** `Date` headers of the supplier's and Kaspi's answers (the order flow's clock check). */
  readonly clock: ClockWatch;
  close(): void;
}

/** Options of `openRuntime`. */
export interface OpenRuntimeOptions {
  readonly withSuppliers?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Al-Style client events (HTTP, retries, rate limit), for debug logs. */
  readonly onSupplierEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** Kaspi client events of every Kaspi client built for this runtime. */
  readonly onKaspiEvent?: ((event: KaspiClientEvent) => void) | undefined;
  /**
   * Open the database read-only and never fail on it (`serve`, `status`): the feed file needs
   * no database, so a read-only, missing or damaged one is reported in `stateError` instead.
   */
  readonly readOnlyState?: boolean | undefined;
  /** With `readOnlyState` (`serve`): open it writable when possible, to log fetches and heartbeats. */
  readonly writableIfPossible?: boolean | undefined;
  /** Injected fetch (tests). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Build `feed.targets` (needs their secrets): for the commands that publish. */
  readonly withTargets?: boolean | undefined;
  readonly onTargetEvent?: TargetEventHandler | undefined;
}

/** Builds the state store, publisher and suppliers a command needs from a resolved config. */
export function openRuntime(resolved: ResolvedConfig, options: OpenRuntimeOptions = {}): Runtime {
  const { config, baseDir } = resolved;
  const suppliers: ConfiguredSupplier[] = [];
  const clock = createClockWatch();
  const clients: ClientContext = {
    resolved,
    clock,
    onAlStyleEvent: options.onSupplierEvent,
    onKaspiEvent: options.onKaspiEvent,
    fetch: options.fetch,
  };
  if (options.withSuppliers === true && config.suppliers.alstyle !== undefined) {
    const { intervalMs, marginMs } = alstyleSpacing(resolved);
    suppliers.push({
      supplier: new AlStyleSupplier({
        client: alstyleClientFor(clients, { signal: options.signal }),
        requestSpacingMs: intervalMs + marginMs,
        warehouses: config.stock.allocation === 'warehouses',
        cancellableStatuses: config.orders.supplierCancellableStatuses,
      }),
      skuPrefix: config.suppliers.alstyle.skuPrefix,
    });
  }
  // Before the store opens, so a missing target secret leaves nothing open.
  const targetList =
    options.withTargets === true ? createTargets(resolved, { fetch: options.fetch }) : [];
  const statePath = resolve(baseDir, config.state.path);
  let store: StateStore;
  let stateError: Error | undefined;
  const postgres = openConfiguredPostgres(config.state, options.readOnlyState === true);
  if (postgres !== undefined) {
    store = postgres.store;
    stateError = postgres.error;
  } else if (options.readOnlyState === true) {
    try {
      // No database yet (nothing synced): an empty one in memory, so nothing is created on disk.
      store = existsSync(statePath)
        ? options.writableIfPossible === true
          ? openForServing(statePath)
          : new SqliteStateStore(statePath, { readonly: true })
        : new SqliteStateStore(':memory:');
    } catch (error) {
      stateError = error instanceof Error ? error : new Error(String(error));
      store = unavailableStateStore(stateError);
    }
  } else {
    store = new SqliteStateStore(statePath);
  }
  const { publisher, targets, secrets } = createPublishing(
    resolved,
    store,
    targetList,
    options.onTargetEvent,
  );
  return {
    ...clients,
    store,
    publisher,
    suppliers,
    secrets,
    targets,
    ...(stateError === undefined ? {} : { stateError }),
    close: () => store.close(),
  };
}

/**
 * `serve` records Kaspi's fetches and its heartbeat, so it writes when it can; a database it
 * cannot write (read-only file or mount) is still read, and only one it cannot read stops that.
 */
function openForServing(path: string): StateStore {
  try {
    return new SqliteStateStore(path);
  } catch {
    return new SqliteStateStore(path, { readonly: true });
  }
}
