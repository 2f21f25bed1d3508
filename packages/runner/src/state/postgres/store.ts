import type { OrderRecord, OrderStepRecord } from '../../orders/order-record.js';
import type { TransitionSource } from '../../orders/transitions.js';
import type { RunStatus, RunSummary, SyncMode } from '../../pipeline/run-summary.js';
import type { SupplierProduct } from '../../supplier/supplier.js';
import type { Lease, LeaseAcquisition, LeaseInfo, LeaseRenewal, LeaseRequest } from '../lease.js';
import type {
  PriceHoldRecord,
  PublishedFeedRecord,
  RunRecord,
  SkippedProductRecord,
  SkuMappingRecord,
  StateStore,
} from '../state-store.js';
import type { TargetFeedEntry, TargetOutboxRecord } from '../target-outbox.js';
import { PostgresActivityStore } from './activity-store.js';
import { SyncBridge } from './bridge.js';
import { PostgresStateStoreError, redactDatabaseSecrets } from './errors.js';

type StepInput = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

/** Options of `createPostgresStateStore`. */
export interface PostgresStateStoreOptions {
  /** `postgres://user@host:port/database`; a password in it is never logged or shown. */
  readonly url: string;
  /** Whose state this is: every row carries it; default `'default'`. */
  readonly shop?: string | undefined;
  /** Connections of this store's pool (besides the one holding the lease lock); default 2. */
  readonly poolSize?: number | undefined;
  /** How long one store call may take (ms); default 30 000. */
  readonly callTimeoutMs?: number | undefined;
  /** Shown in `pg_stat_activity`; default `kaspi-connect`. */
  readonly applicationName?: string | undefined;
}

/**
 * The `StateStore` on PostgreSQL, keyed by shop. Synchronous like the SQLite store: each call is
 * one message to a worker thread that runs the whole call (transaction, `FOR UPDATE`, CAS) and
 * the caller blocks until it answers. Migrates on open.
 */
export class PostgresStateStore implements StateStore {
  readonly #bridge: SyncBridge;
  /** Feed fetches, heartbeats, the notification outbox and console actions. */
  readonly activity: PostgresActivityStore;
  /** The shop this store reads and writes. */
  readonly shop: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;

  constructor(options: PostgresStateStoreOptions) {
    const shownUrl = redactDatabaseSecrets(options.url);
    let password: string | undefined;
    try {
      password = decodeURIComponent(new URL(options.url).password) || undefined;
    } catch {
      throw new PostgresStateStoreError(
        shownUrl,
        'not a URL: write it as postgres://user@host:5432/database',
      );
    }
    this.shop = options.shop ?? 'default';
    if (this.shop.length === 0) throw new PostgresStateStoreError(shownUrl, 'the shop id is empty');
    this.#bridge = new SyncBridge({
      url: options.url,
      shop: this.shop,
      poolSize: options.poolSize ?? 2,
      applicationName: options.applicationName ?? 'kaspi-connect',
      callTimeoutMs: options.callTimeoutMs ?? 30_000,
      shownUrl,
      password,
    });
    try {
      this.schemaVersion = this.#bridge.open();
    } catch (error) {
      this.#bridge.terminate();
      throw error;
    }
    this.activity = new PostgresActivityStore(this.#bridge);
  }

  beginRun(mode: SyncMode, startedAt: Date = new Date()): number {
    return this.#bridge.call('beginRun', mode, startedAt);
  }

  finishRun(
    id: number,
    result: { status: RunStatus; exitCode: number; summary?: RunSummary | undefined },
  ): void {
    this.#bridge.call('finishRun', id, result, Date.now());
  }

  recentRuns(limit: number): RunRecord[] {
    return this.#bridge.call('recentRuns', limit);
  }

  lastRun(mode?: SyncMode, statuses?: readonly RunStatus[]): RunRecord | undefined {
    return this.#bridge.call('lastRun', mode, statuses);
  }

  recordPublishedFeed(feed: Omit<PublishedFeedRecord, 'id'>): PublishedFeedRecord {
    return this.#bridge.call('recordPublishedFeed', feed);
  }

  lastPublishedFeed(): PublishedFeedRecord | undefined {
    return this.#bridge.call('lastPublishedFeed');
  }

  skuMappings(): SkuMappingRecord[] {
    return this.#bridge.call('skuMappings');
  }

  findSkuMapping(sku: string): SkuMappingRecord | undefined {
    return this.#bridge.call('findSkuMapping', sku);
  }

  replaceSkuMappings(records: readonly SkuMappingRecord[]): void {
    this.#bridge.call('replaceSkuMappings', records, Date.now());
  }

  saveCatalogue(supplier: string, products: readonly SupplierProduct[]): void {
    this.#bridge.call('saveCatalogue', supplier, products);
  }

  loadCatalogue(supplier: string): SupplierProduct[] {
    return this.#bridge.call('loadCatalogue', supplier);
  }

  replaceSkippedProducts(runId: number, products: readonly SkippedProductRecord[]): void {
    this.#bridge.call('replaceSkippedProducts', runId, products);
  }

  skippedProducts(reason?: string): SkippedProductRecord[] {
    return this.#bridge.call('skippedProducts', reason);
  }

  replacePriceHolds(runId: number, holds: readonly PriceHoldRecord[], at: Date): void {
    this.#bridge.call('replacePriceHolds', runId, holds, at);
  }

  priceHolds(): PriceHoldRecord[] {
    return this.#bridge.call('priceHolds');
  }

  findOrder(kaspiCode: string): OrderRecord | undefined {
    return this.#bridge.call('findOrder', kaspiCode);
  }

  saveOrder(order: OrderRecord, step?: StepInput): void {
    this.#bridge.call('saveOrder', order, step, Date.now());
  }

  transitionOrder(order: OrderRecord, from: TransitionSource, step?: StepInput): void {
    this.#bridge.call('transitionOrder', order, from, step, Date.now());
  }

  orderBySupplierOrder(supplier: string, supplierOrderId: string): OrderRecord | undefined {
    return this.#bridge.call('orderBySupplierOrder', supplier, supplierOrderId);
  }

  openOrders(): OrderRecord[] {
    return this.#bridge.call('openOrders');
  }

  ordersNeedingAttention(limit: number): OrderRecord[] {
    return this.#bridge.call('ordersNeedingAttention', limit);
  }

  orderCounts(): Record<string, number> {
    return this.#bridge.call('orderCounts');
  }

  orderSteps(kaspiCode: string): OrderStepRecord[] {
    return this.#bridge.call('orderSteps', kaspiCode);
  }

  supplierOrderIds(supplier: string): Set<string> {
    return this.#bridge.call('supplierOrderIds', supplier);
  }

  orderPollCursor(): Date | undefined {
    return this.#bridge.call('orderPollCursor');
  }

  setOrderPollCursor(polledTo: Date): void {
    this.#bridge.call('setOrderPollCursor', polledTo);
  }

  queueTargetFeed(entry: TargetFeedEntry): void {
    this.#bridge.call('queueTargetFeed', entry);
  }

  claimTarget(target: string, now: Date, leaseMs: number): TargetOutboxRecord | undefined {
    return this.#bridge.call('claimTarget', target, now, leaseMs);
  }

  recordTargetDelivered(
    target: string,
    feed: { readonly feedId: number; readonly sha256: string; readonly at: Date },
  ): void {
    this.#bridge.call('recordTargetDelivered', target, feed);
  }

  recordTargetFailed(target: string, failure: { readonly error: string; readonly at: Date }): void {
    this.#bridge.call('recordTargetFailed', target, failure);
  }

  releaseTarget(target: string): void {
    this.#bridge.call('releaseTarget', target);
  }

  targetOutbox(): TargetOutboxRecord[] {
    return this.#bridge.call('targetOutbox');
  }

  acquireLease(request: LeaseRequest): LeaseAcquisition {
    return this.#bridge.call('acquireLease', request, request.now ?? new Date());
  }

  renewLease(lease: Lease, ttlMs: number, now: Date = new Date()): LeaseRenewal {
    return this.#bridge.call('renewLease', lease, ttlMs, now);
  }

  releaseLease(lease: Lease): void {
    this.#bridge.call('releaseLease', lease);
  }

  holdsLease(lease: Lease): boolean {
    return this.#bridge.call('holdsLease', lease);
  }

  currentLease(): LeaseInfo | undefined {
    return this.#bridge.call('currentLease');
  }

  getMeta(key: string): string | undefined {
    return this.#bridge.call('getMeta', key);
  }

  setMeta(key: string, value: string | undefined): void {
    this.#bridge.call('setMeta', key, value);
  }

  isEmpty(): boolean {
    return this.#bridge.call('isEmpty');
  }

  recordSupplierOrphan(supplier: string, supplierOrderId: string, detail: string): void {
    this.#bridge.call('recordSupplierOrphan', supplier, supplierOrderId, detail, Date.now());
  }

  supplierOrphans(): { supplier: string; supplierOrderId: string; detail: string; at: Date }[] {
    return this.#bridge.call('supplierOrphans');
  }

  /** Releases nothing by itself: a held lease's session lock ends with the connection. */
  close(): void {
    this.#bridge.close();
  }
}

/** Opens (and migrates) the PostgreSQL state of one shop; see `PostgresStateStore`. */
export function createPostgresStateStore(options: PostgresStateStoreOptions): PostgresStateStore {
  return new PostgresStateStore(options);
}
