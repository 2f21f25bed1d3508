import type Database from 'better-sqlite3';
import type { OrderRecord, OrderStepRecord } from '../orders/order-record.js';
import type { TransitionSource } from '../orders/transitions.js';
import type { RunStatus, RunSummary, SyncMode } from '../pipeline/run-summary.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import { CatalogueTables } from './catalogue-tables.js';
import type { Lease, LeaseAcquisition, LeaseInfo, LeaseRenewal, LeaseRequest } from './lease.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase, type SqliteStateStoreOptions, StateStoreError } from './open-database.js';
import { SqliteActivityStore } from './sqlite-activity-store.js';
import {
  acquireSqliteLease,
  currentSqliteLease,
  holdsSqliteLease,
  releaseSqliteLease,
  renewSqliteLease,
} from './sqlite-lease.js';
import { SqliteMeta } from './sqlite-meta.js';
import { SqliteOrders } from './sqlite-orders.js';
import { SqliteRuns } from './sqlite-runs.js';
import { SqliteSkuMap } from './sqlite-sku-map.js';
import type {
  PriceHoldRecord,
  PublishedFeedRecord,
  RunRecord,
  SkippedProductRecord,
  SkuMappingRecord,
  StateStore,
} from './state-store.js';
import * as outbox from './target-outbox.js';

type StepInput = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

/**
 * The default `StateStore`: one SQLite file (WAL), migrated on open. `":memory:"` for tests.
 * Composes one class per aggregate (runs, SKU map, catalogue, orders, meta) on one connection.
 */
export class SqliteStateStore implements StateStore {
  readonly #db: Database.Database;
  readonly #runs: SqliteRuns;
  readonly #skus: SqliteSkuMap;
  readonly #catalogue: CatalogueTables;
  readonly #orders: SqliteOrders;
  readonly #meta: SqliteMeta;
  /** Feed fetches, heartbeats, the notification outbox and console actions. */
  readonly activity: SqliteActivityStore;

  constructor(path: string, options: SqliteStateStoreOptions = {}) {
    this.#db = openDatabase(path, options);
    this.activity = new SqliteActivityStore(this.#db);
    this.#runs = new SqliteRuns(this.#db);
    this.#skus = new SqliteSkuMap(this.#db);
    this.#catalogue = new CatalogueTables(this.#db);
    this.#orders = new SqliteOrders(this.#db);
    this.#meta = new SqliteMeta(this.#db);
    if (options.readonly === true) return;
    try {
      this.#migrate();
    } catch (error) {
      this.#db.close();
      throw new StateStoreError(path, error);
    }
  }

  /** The schema version after migrations (the number of migrations applied). */
  get schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  #migrate(): void {
    const current = this.schemaVersion;
    for (let version = current; version < MIGRATIONS.length; version++) {
      const sql = MIGRATIONS[version] as string;
      this.#db.transaction(() => {
        this.#db.exec(sql);
        this.#db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  replaceSkippedProducts(runId: number, products: readonly SkippedProductRecord[]): void {
    this.#catalogue.replaceSkippedProducts(runId, products);
  }

  skippedProducts(reason?: string): SkippedProductRecord[] {
    return this.#catalogue.skippedProducts(reason);
  }

  replacePriceHolds(runId: number, holds: readonly PriceHoldRecord[], at: Date): void {
    this.#catalogue.replacePriceHolds(runId, holds, at);
  }

  priceHolds(): PriceHoldRecord[] {
    return this.#catalogue.priceHolds();
  }

  beginRun(mode: SyncMode, startedAt?: Date): number {
    return this.#runs.beginRun(mode, startedAt);
  }

  finishRun(
    id: number,
    result: { status: RunStatus; exitCode: number; summary?: RunSummary | undefined },
  ): void {
    this.#runs.finishRun(id, result);
  }

  recentRuns(limit: number): RunRecord[] {
    return this.#runs.recentRuns(limit);
  }

  lastRun(mode?: SyncMode, statuses?: readonly RunStatus[]): RunRecord | undefined {
    return this.#runs.lastRun(mode, statuses);
  }

  recordPublishedFeed(feed: Omit<PublishedFeedRecord, 'id'>): PublishedFeedRecord {
    return this.#runs.recordPublishedFeed(feed);
  }

  lastPublishedFeed(): PublishedFeedRecord | undefined {
    return this.#runs.lastPublishedFeed();
  }

  skuMappings(): SkuMappingRecord[] {
    return this.#skus.skuMappings();
  }

  findSkuMapping(sku: string): SkuMappingRecord | undefined {
    return this.#skus.findSkuMapping(sku);
  }

  replaceSkuMappings(records: readonly SkuMappingRecord[]): void {
    this.#skus.replaceSkuMappings(records);
  }

  saveCatalogue(supplier: string, products: readonly SupplierProduct[]): void {
    this.#catalogue.saveCatalogue(supplier, products);
  }

  loadCatalogue(supplier: string): SupplierProduct[] {
    return this.#catalogue.loadCatalogue(supplier);
  }

  findOrder(kaspiCode: string): OrderRecord | undefined {
    return this.#orders.findOrder(kaspiCode);
  }

  saveOrder(order: OrderRecord, step?: StepInput): void {
    this.#orders.saveOrder(order, step);
  }

  transitionOrder(order: OrderRecord, from: TransitionSource, step?: StepInput): void {
    this.#orders.transitionOrder(order, from, step);
  }

  orderBySupplierOrder(supplier: string, supplierOrderId: string): OrderRecord | undefined {
    return this.#orders.orderBySupplierOrder(supplier, supplierOrderId);
  }

  openOrders(): OrderRecord[] {
    return this.#orders.openOrders();
  }

  ordersNeedingAttention(limit: number): OrderRecord[] {
    return this.#orders.ordersNeedingAttention(limit);
  }

  orderCounts(): Record<string, number> {
    return this.#orders.orderCounts();
  }

  orderSteps(kaspiCode: string): OrderStepRecord[] {
    return this.#orders.orderSteps(kaspiCode);
  }

  supplierOrderIds(supplier: string): Set<string> {
    return this.#orders.supplierOrderIds(supplier);
  }

  orderPollCursor(): Date | undefined {
    return this.#orders.orderPollCursor();
  }

  setOrderPollCursor(polledTo: Date): void {
    this.#orders.setOrderPollCursor(polledTo);
  }

  queueTargetFeed(entry: outbox.TargetFeedEntry): void {
    outbox.queueTargetFeed(this.#db, entry);
  }

  claimTarget(target: string, now: Date, leaseMs: number): outbox.TargetOutboxRecord | undefined {
    return outbox.claimTarget(this.#db, target, now, leaseMs);
  }

  recordTargetDelivered(
    target: string,
    feed: { readonly feedId: number; readonly sha256: string; readonly at: Date },
  ): void {
    outbox.recordTargetDelivered(this.#db, target, feed);
  }

  recordTargetFailed(target: string, failure: { readonly error: string; readonly at: Date }): void {
    outbox.recordTargetFailed(this.#db, target, failure);
  }

  releaseTarget(target: string): void {
    outbox.releaseTarget(this.#db, target);
  }

  targetOutbox(): outbox.TargetOutboxRecord[] {
    return outbox.targetOutbox(this.#db);
  }

  acquireLease(request: LeaseRequest): LeaseAcquisition {
    return acquireSqliteLease(this.#db, request);
  }

  renewLease(lease: Lease, ttlMs: number, now?: Date): LeaseRenewal {
    return renewSqliteLease(this.#db, lease, ttlMs, now);
  }

  releaseLease(lease: Lease): void {
    releaseSqliteLease(this.#db, lease);
  }

  holdsLease(lease: Lease): boolean {
    return holdsSqliteLease(this.#db, lease);
  }

  currentLease(): LeaseInfo | undefined {
    return currentSqliteLease(this.#db);
  }

  getMeta(key: string): string | undefined {
    return this.#meta.getMeta(key);
  }

  setMeta(key: string, value: string | undefined): void {
    this.#meta.setMeta(key, value);
  }

  isEmpty(): boolean {
    return this.#meta.isEmpty();
  }

  recordSupplierOrphan(supplier: string, supplierOrderId: string, detail: string): void {
    this.#meta.recordSupplierOrphan(supplier, supplierOrderId, detail);
  }

  supplierOrphans(): { supplier: string; supplierOrderId: string; detail: string; at: Date }[] {
    return this.#meta.supplierOrphans();
  }

  close(): void {
    this.#db.close();
  }
}
