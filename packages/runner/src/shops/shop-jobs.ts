import { readFile } from 'node:fs/promises';
import type { Pool } from 'pg';
import { runOrdersOnce } from '../commands/orders.js';
import type { Runtime } from '../commands/runtime.js';
import type { Logger } from '../logging/logger.js';
import { detectStateLoss, StateLostError } from '../orders/fresh-state.js';
import { runSync } from '../pipeline/sync.js';
import { saveShopFeed } from '../postgres/shop-feeds.js';
import { kaspiClientFor } from '../runtime/api-clients.js';
import { holdLease } from '../state/hold-lease.js';

/** The jobs a worker runs for a shop. */
export type ShopJobKind = 'full-sync' | 'refresh' | 'orders';

/** What a finished job reports (stored by pg-boss as the job's output). */
export interface ShopJobResult {
  readonly shop: string;
  readonly kind: ShopJobKind;
  readonly status: string;
  readonly exitCode?: number | undefined;
  /** Whether the database now holds a new feed for the shop. */
  readonly feedStored?: boolean | undefined;
  readonly detail?: string | undefined;
}

/** Copies the shop's live feed file into the database when it changed, for every feed server. */
export async function storeLiveFeed(pool: Pool, shop: string, runtime: Runtime): Promise<boolean> {
  const body = await readFile(runtime.publisher.currentPath).catch(() => undefined);
  if (body === undefined || body.byteLength === 0) return false;
  const last = runtime.store.lastPublishedFeed();
  const outcome = await saveShopFeed(pool, shop, body, {
    offers: last?.offers,
    publishedAt: last?.publishedAt,
  });
  return outcome === 'stored';
}

/**
 * Runs one job of a shop under the shop state's lease (one writer per shop, whichever worker):
 * a full sync or refresh (then the feed goes to the database), or one order cycle.
 */
export async function runShopJob(
  kind: ShopJobKind,
  shop: string,
  runtime: Runtime,
  context: { readonly pool: Pool; readonly signal: AbortSignal; readonly logger: Logger },
): Promise<ShopJobResult> {
  const { config } = runtime.resolved;
  if (kind === 'orders' && config.orders.policy === 'off') {
    return { shop, kind, status: 'skipped', detail: 'orders.policy is "off"' };
  }
  const lease = await holdLease(runtime.store, {
    holder: `worker ${kind} ${shop}`,
    wait: true,
    retryMs: 100,
    signal: context.signal,
  });
  try {
    if (kind === 'orders') {
      const lost = detectStateLoss(runtime.store, {
        feedFile: runtime.publisher.currentPath,
        historyDir: runtime.publisher.historyDir,
      });
      if (lost !== undefined) throw new StateLostError(lost);
      const summary = await runOrdersOnce(
        runtime,
        kaspiClientFor(runtime, { signal: context.signal }),
        {
          signal: context.signal,
          logger: context.logger,
          assertWriter: () => lease.assertHeld(),
        },
      );
      const status = summary.errors.length > 0 ? 'errors' : 'ok';
      return { shop, kind, status, detail: `${summary.seen} seen, ${summary.open} open` };
    }
    const result = await runSync(
      {
        config,
        suppliers: runtime.suppliers,
        store: runtime.store,
        publisher: runtime.publisher,
        secrets: runtime.secrets,
        targets: runtime.targets,
      },
      { mode: kind === 'refresh' ? 'refresh' : 'full', signal: context.signal },
    );
    const feedStored = await storeLiveFeed(context.pool, shop, runtime);
    return { shop, kind, status: result.status, exitCode: result.exitCode, feedStored };
  } finally {
    lease.release();
  }
}
