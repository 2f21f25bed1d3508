import { resolve } from 'node:path';
import { type AlStyleEvent, createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { type ResolvedConfig, requireSecret } from '../config/load-config.js';
import { type ClockWatch, createClockWatch } from '../orders/clock-check.js';
import type { ConfiguredSupplier } from '../pipeline/sync.js';
import { FeedPublisher } from '../publish/feed-publisher.js';
import { SqliteStateStore } from '../state/sqlite-state-store.js';
import type { StateStore } from '../state/state-store.js';
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
  /** Injected fetch (tests). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
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
        cancellableStatuses: config.orders.supplierCancellableStatuses,
      }),
      skuPrefix: alstyle.skuPrefix,
    });
  }
  const store = new SqliteStateStore(resolve(baseDir, config.state.path));
  const publisher = new FeedPublisher({
    dir: resolve(baseDir, config.feed.dir),
    fileName: config.feed.fileName,
    history: config.feed.history,
  });
  const secrets = Object.values(resolved.secrets).filter(
    (value): value is string => typeof value === 'string',
  );
  return { resolved, store, publisher, suppliers, secrets, clock, close: () => store.close() };
}
