import type { OrderRecord, OrderStepRecord } from '../orders/order-record.js';
import type { TransitionSource } from '../orders/transitions.js';
import type { RunStatus, RunSummary, SyncMode } from '../pipeline/run-summary.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import type { ActivityStore } from './activity-store.js';
import type { LeaseStore } from './lease.js';
import type { TargetFeedEntry, TargetOutboxRecord } from './target-outbox.js';

/** One sync run as stored. */
export interface RunRecord {
  readonly id: number;
  readonly mode: SyncMode;
  readonly startedAt: Date;
  readonly finishedAt?: Date | undefined;
  readonly status: RunStatus;
  readonly exitCode?: number | undefined;
  readonly summary?: RunSummary | undefined;
}

/** A feed that went live. */
export interface PublishedFeedRecord {
  readonly id: number;
  readonly runId: number;
  readonly path: string;
  readonly sha256: string;
  readonly offers: number;
  readonly available: number;
  readonly bytes: number;
  readonly publishedAt: Date;
}

/** One published SKU and where it comes from: the order flow maps Kaspi entries back with it. */
export interface SkuMappingRecord {
  readonly sku: string;
  readonly supplier: string;
  readonly productKey: string;
  readonly model: string;
  readonly brand: string;
  readonly price: number;
  readonly cityPrices: Readonly<Record<string, number>>;
  readonly available: boolean;
  /** Published stock summed over every store. */
  readonly stockCount: number;
  /** Published stock per store id; `undefined` in rows written before it was kept. */
  readonly storeStock?:
    | Readonly<Record<string, { readonly stockCount: number; readonly available: boolean }>>
    | undefined;
  /** Last time the product was in the supplier's catalogue and passed the filters. */
  readonly lastSeenAt: Date;
  readonly lastPublishedAt: Date;
  /** Set once the SKU left the feed; the row stays so late orders can still be mapped. */
  readonly retiredAt?: Date | undefined;
}

/** A product the last sync did not publish, and why (`SkipReason`). */
export interface SkippedProductRecord {
  readonly supplier: string;
  readonly key: string;
  readonly reason: string;
  readonly runId?: number | undefined;
}

/** An offer whose price fell more than `guards.maxOfferPriceDropPercent`: held back. */
export interface PriceHoldRecord {
  readonly sku: string;
  /** The last published price, which stays live. */
  readonly publishedPrice: number;
  /** The price the rules computed now. */
  readonly wantedPrice: number;
  /** `hold`: kept its last price; `skip`: published as unavailable. */
  readonly action: 'hold' | 'skip';
  /** When the hold started (set by the store). */
  readonly since?: Date | undefined;
}

/**
 * Everything the runner remembers between runs. SQLite by default (`SqliteStateStore`); any
 * other store implements this interface. Methods are synchronous: the data is local and small.
 */
export interface StateStore extends LeaseStore {
  beginRun(mode: SyncMode, startedAt?: Date): number;
  finishRun(
    id: number,
    result: { status: RunStatus; exitCode: number; summary?: RunSummary | undefined },
  ): void;
  recentRuns(limit: number): RunRecord[];
  /** The last run of `mode` that ended with one of `statuses`. */
  lastRun(mode?: SyncMode, statuses?: readonly RunStatus[]): RunRecord | undefined;

  recordPublishedFeed(feed: Omit<PublishedFeedRecord, 'id'>): PublishedFeedRecord;
  lastPublishedFeed(): PublishedFeedRecord | undefined;

  /** The SKUs of the live feed (not retired). */
  skuMappings(): SkuMappingRecord[];
  /** Any SKU ever published, retired ones included. */
  findSkuMapping(sku: string): SkuMappingRecord | undefined;
  /** Makes the live mapping equal to a feed that was just published; other SKUs are retired. */
  replaceSkuMappings(records: readonly SkuMappingRecord[]): void;

  /** The last full catalogue of one supplier, so that a refresh can rebuild offers from it. */
  saveCatalogue(supplier: string, products: readonly SupplierProduct[]): void;
  loadCatalogue(supplier: string): SupplierProduct[];

  /** One Kaspi order of the order flow, by its code. */
  findOrder(kaspiCode: string): OrderRecord | undefined;
  /**
   * Writes the order and, in the same transaction, one step of its log (`started` before a side
   * effect, `done`/`failed` after it), so a crash leaves either both or neither.
   */
  saveOrder(order: OrderRecord, step?: Omit<OrderStepRecord, 'kaspiCode' | 'at'>): void;
  /** Orders not in a final state, oldest first. */
  openOrders(): OrderRecord[];
  /** Orders waiting for a person, newest first. */
  ordersNeedingAttention(limit: number): OrderRecord[];
  /** Order counts per state. */
  orderCounts(): Record<string, number>;
  /** The step log of one order, oldest first. */
  orderSteps(kaspiCode: string): OrderStepRecord[];
  /** Supplier order ids already attributed to a Kaspi order. */
  supplierOrderIds(supplier: string): Set<string>;
  /** End of the last order poll's window. */
  orderPollCursor(): Date | undefined;
  setOrderPollCursor(polledTo: Date): void;

  /** Publish outbox: queue the newest feed for a target (an older one never replaces it). */
  queueTargetFeed(entry: TargetFeedEntry): void;
  /** Takes a target for one attempt; `undefined` while another process holds it. */
  claimTarget(target: string, now: Date, leaseMs: number): TargetOutboxRecord | undefined;
  recordTargetDelivered(
    target: string,
    feed: { readonly feedId: number; readonly sha256: string; readonly at: Date },
  ): void;
  recordTargetFailed(target: string, failure: { readonly error: string; readonly at: Date }): void;
  releaseTarget(target: string): void;
  targetOutbox(): TargetOutboxRecord[];
  /** Replaces the products skipped by the last sync (optional for other stores). */
  replaceSkippedProducts?(runId: number, products: readonly SkippedProductRecord[]): void;
  /** Products skipped by the last sync, optionally of one reason. */
  skippedProducts?(reason?: string): SkippedProductRecord[];
  /** Replaces the offers the per-offer price guard holds back. */
  replacePriceHolds?(runId: number, holds: readonly PriceHoldRecord[], at: Date): void;
  /** Offers the per-offer price guard holds back. */
  priceHolds?(): PriceHoldRecord[];
  /** What the console, notifications and liveness keep (feed fetches, heartbeats, outbox). */
  readonly activity: ActivityStore;
  /**
   * Compare-and-set: writes the order (and one step) only if the stored state is still `from`
   * (`"start"`: no record yet); otherwise throws `OrderConflictError` and writes nothing. The
   * order flow calls it through `transitionOrder`, which also checks `TRANSITIONS`.
   */
  transitionOrder(
    order: OrderRecord,
    from: TransitionSource,
    step?: Omit<OrderStepRecord, 'kaspiCode' | 'at'>,
  ): void;
  /** The Kaspi order that owns a supplier order, if any. */
  orderBySupplierOrder(supplier: string, supplierOrderId: string): OrderRecord | undefined;

  /** A small persisted value (e.g. the state-loss marker). */
  getMeta(key: string): string | undefined;
  /** `undefined` deletes the key. */
  setMeta(key: string, value: string | undefined): void;
  /** Whether nothing was ever recorded here: no run, no feed, no order. */
  isEmpty(): boolean;

  /** A supplier order no Kaspi order provably owns: a person must look at it. */
  recordSupplierOrphan(supplier: string, supplierOrderId: string, detail: string): void;
  supplierOrphans(): { supplier: string; supplierOrderId: string; detail: string; at: Date }[];

  close(): void;
}
