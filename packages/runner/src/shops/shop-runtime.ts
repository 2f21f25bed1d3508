import { resolve } from 'node:path';
import {
  type AlStyleEvent,
  createAlStyleClient,
  DEFAULT_BASE_URL,
} from '@kaspi-connect/alstyle-client';
import type { Pool } from 'pg';
import type { Runtime } from '../commands/runtime.js';
import { requireSecret } from '../config/load-config.js';
import { createClockWatch } from '../orders/clock-check.js';
import { createPostgresCartLock } from '../postgres/cart-lock.js';
import { createPostgresRequestGate } from '../postgres/request-gate.js';
import { createPublishing } from '../publish/publishing.js';
import { createTargets } from '../publish/targets/create-targets.js';
import { SqliteStateStore } from '../state/sqlite-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { AlStyleSupplier } from '../supplier/alstyle-supplier.js';
import type { ShopDeployment } from './resolve-shops.js';

/** Options of `openShopRuntime`. */
export interface ShopRuntimeOptions {
  /** The deployment's database: the supplier's limit and cart lock per token live there. */
  readonly pool: Pool;
  readonly signal?: AbortSignal | undefined;
  readonly onSupplierEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** The shop's state store; default its SQLite file (`state.path`, one per shop). */
  readonly openStore?: ((shop: ShopDeployment) => StateStore) | undefined;
}

/**
 * A shop's runtime in worker mode: like the commands' one, but the Al-Style client spaces its
 * requests and locks its cart through PostgreSQL, so every process using one token shares the
 * supplier's limit and its one cart.
 */
export function openShopRuntime(shop: ShopDeployment, options: ShopRuntimeOptions): Runtime {
  const { resolved } = shop;
  const { config, baseDir } = resolved;
  const clock = createClockWatch();
  const suppliers: Runtime['suppliers'][number][] = [];
  const alstyle = config.suppliers.alstyle;
  if (alstyle !== undefined) {
    const token = requireSecret(resolved, 'alstyleToken');
    const baseUrl = alstyle.baseUrl ?? DEFAULT_BASE_URL;
    const intervalMs = alstyle.intervalMs ?? 5000;
    const marginMs = alstyle.marginMs ?? 500;
    const shared = { pool: options.pool, token, baseUrl };
    const client = createAlStyleClient({
      token,
      baseUrl,
      rateLimit: { gate: createPostgresRequestGate({ ...shared, intervalMs, marginMs }) },
      cartLock: createPostgresCartLock(shared),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onSupplierEvent === undefined ? {} : { logger: options.onSupplierEvent }),
      fetch: clock.wrapRequestFetch('Al-Style'),
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
  const targetList = createTargets(resolved, {});
  const store =
    options.openStore?.(shop) ?? new SqliteStateStore(resolve(baseDir, config.state.path));
  const { publisher, targets, secrets } = createPublishing(resolved, store, targetList);
  return {
    resolved,
    store,
    publisher,
    suppliers,
    secrets,
    targets,
    clock,
    close: () => store.close(),
  };
}
