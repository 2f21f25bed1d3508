import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AlStyleEvent, createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { type ResolvedConfig, requireSecret } from '../config/load-config.js';
import { type ClockWatch, createClockWatch } from '../orders/clock-check.js';
import type { ConfiguredSupplier } from '../pipeline/sync.js';
import { FeedPublisher } from '../publish/feed-publisher.js';
import { createTargets } from '../publish/targets/create-targets.js';
import type { TargetEventHandler } from '../publish/targets/events.js';
import { TargetOutbox } from '../publish/targets/outbox.js';
import { openConfiguredPostgres } from '../state/open-configured-store.js';
import { SqliteStateStore } from '../state/sqlite-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { unavailableStateStore } from '../state/unavailable-store.js';
import { AlStyleSupplier } from '../supplier/alstyle-supplier.js';

/** Everything a command needs, built from the config; `close()` releases the database. */
export interface Runtime {
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
  if (options.withSuppliers === true && config.suppliers.alstyle !== undefined) {
    const alstyle = config.suppliers.alstyle;
    const intervalMs = alstyle.intervalMs ?? 5000;
    const marginMs = alstyle.marginMs ?? 500;
    const client = createAlStyleClient({
      token: requireSecret(resolved, 'alstyleToken'),
      ...(alstyle.baseUrl === undefined ? {} : { baseUrl: alstyle.baseUrl }),
      rateLimit: { intervalMs, marginMs },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onSupplierEvent === undefined ? {} : { logger: options.onSupplierEvent }),
      fetch: clock.wrapRequestFetch('Al-Style', options.fetch),
    });
    suppliers.push({
      supplier: new AlStyleSupplier({
        client,
        requestSpacingMs: intervalMs + marginMs,
        warehouses: config.stock.allocation === 'warehouses',
        cancellableStatuses: config.orders.supplierCancellableStatuses,
      }),
      skuPrefix: alstyle.skuPrefix,
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
  const publisher = new FeedPublisher({
    dir: resolve(baseDir, config.feed.dir),
    fileName: config.feed.fileName,
    history: config.feed.history,
  });
  const secrets = Object.values(resolved.secrets)
    .filter((value): value is string => typeof value === 'string')
    .concat(Object.values(resolved.targetSecrets ?? {}));
  const targets = new TargetOutbox({
    store,
    targets: targetList,
    feedPath: publisher.currentPath,
    onEvent: options.onTargetEvent,
    secrets,
  });
  return {
    resolved,
    store,
    publisher,
    suppliers,
    secrets,
    targets,
    clock,
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
