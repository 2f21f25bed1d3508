import type { StateStore } from '../state/state-store.js';
import { type KeyConflict, mergeCatalogues, type SupplierCatalogue } from '../supplier/merge.js';
import type { Supplier, SupplierProduct } from '../supplier/supplier.js';
import type { SyncEventHandler } from './events.js';
import type { SyncMode } from './run-summary.js';

/** The supplier had no full catalogue to refresh, or could not be read. */
export class SupplierReadError extends Error {
  override readonly name = 'SupplierReadError';
}

/** What the supplier(s) returned for one run, merged in config order. */
export interface ReadCatalogues {
  readonly catalogues: readonly SupplierCatalogue[];
  readonly supplierProducts: number;
  readonly products: ReturnType<typeof mergeCatalogues>['products'];
  readonly conflicts: readonly KeyConflict[];
}

/** Reads every supplier (full catalogue or refreshed saved one) and merges them. */
export async function readCatalogues(
  suppliers: readonly { readonly supplier: Supplier; readonly skuPrefix: string }[],
  mode: SyncMode,
  store: StateStore,
  onEvent: SyncEventHandler | undefined,
  signal: AbortSignal | undefined,
): Promise<ReadCatalogues> {
  const catalogues: SupplierCatalogue[] = [];
  for (const { supplier, skuPrefix } of suppliers) {
    const products =
      mode === 'full'
        ? await readFullCatalogue(supplier, onEvent, signal)
        : await readRefreshedCatalogue(supplier, store, signal);
    catalogues.push({ supplier: supplier.id, skuPrefix, products });
    onEvent?.({ type: 'sync.fetched', supplier: supplier.id, products: products.length });
  }
  const supplierProducts = catalogues.reduce((sum, c) => sum + c.products.length, 0);
  const merged = mergeCatalogues(catalogues);
  if (merged.conflicts.length > 0)
    onEvent?.({ type: 'sync.conflicts', conflicts: merged.conflicts });
  return { catalogues, supplierProducts, products: merged.products, conflicts: merged.conflicts };
}

async function readFullCatalogue(
  supplier: Supplier,
  onEvent: SyncEventHandler | undefined,
  signal: AbortSignal | undefined,
): Promise<SupplierProduct[]> {
  const products: SupplierProduct[] = [];
  try {
    for await (const product of supplier.iterateCatalogue({
      signal,
      onProgress: (progress) =>
        onEvent?.({ type: 'sync.progress', supplier: supplier.id, ...progress }),
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
