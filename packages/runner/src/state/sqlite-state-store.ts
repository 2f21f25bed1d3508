import type Database from 'better-sqlite3';
import { FINAL_STATES, type OrderRecord, type OrderStepRecord } from '../orders/order-record.js';
import { OrderConflictError, type TransitionSource } from '../orders/transitions.js';
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
import type {
  PriceHoldRecord,
  PublishedFeedRecord,
  RunRecord,
  SkippedProductRecord,
  SkuMappingRecord,
  StateStore,
} from './state-store.js';
import * as outbox from './target-outbox.js';

interface RunRow {
  id: number;
  mode: SyncMode;
  started_at: number;
  finished_at: number | null;
  status: RunStatus;
  exit_code: number | null;
  summary: string | null;
}

interface FeedRow {
  id: number;
  run_id: number;
  path: string;
  sha256: string;
  offers: number;
  available: number;
  bytes: number;
  published_at: number;
}

interface SkuRow {
  sku: string;
  supplier: string;
  product_key: string;
  model: string;
  brand: string;
  price: number;
  city_prices: string;
  available: number;
  stock_count: number;
  last_seen_at: number;
  last_published_at: number;
  retired_at: number | null;
  store_stock?: string | null;
}

/** The default `StateStore`: one SQLite file (WAL), migrated on open. `":memory:"` for tests. */
export class SqliteStateStore implements StateStore {
  readonly #db: Database.Database;
  /** Feed fetches, heartbeats, the notification outbox and console actions. */
  readonly activity: SqliteActivityStore;

  constructor(path: string, options: SqliteStateStoreOptions = {}) {
    this.#db = openDatabase(path, options);
    this.activity = new SqliteActivityStore(this.#db);
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

  get #catalogue(): CatalogueTables {
    return new CatalogueTables(this.#db);
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

  beginRun(mode: SyncMode, startedAt: Date = new Date()): number {
    const result = this.#db
      .prepare('INSERT INTO runs (mode, started_at, status) VALUES (?, ?, ?)')
      .run(mode, startedAt.getTime(), 'running');
    return Number(result.lastInsertRowid);
  }

  finishRun(
    id: number,
    result: { status: RunStatus; exitCode: number; summary?: RunSummary | undefined },
  ): void {
    this.#db
      .prepare(
        'UPDATE runs SET finished_at = ?, status = ?, exit_code = ?, summary = ? WHERE id = ?',
      )
      .run(
        Date.now(),
        result.status,
        result.exitCode,
        result.summary === undefined ? null : JSON.stringify(result.summary),
        id,
      );
  }

  recentRuns(limit: number): RunRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?')
      .all(limit) as RunRow[];
    return rows.map(toRun);
  }

  lastRun(mode?: SyncMode, statuses?: readonly RunStatus[]): RunRecord | undefined {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (mode !== undefined) {
      where.push('mode = ?');
      params.push(mode);
    }
    if (statuses !== undefined && statuses.length > 0) {
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    const sql = `SELECT * FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 1`;
    const row = this.#db.prepare(sql).get(...params) as RunRow | undefined;
    return row === undefined ? undefined : toRun(row);
  }

  recordPublishedFeed(feed: Omit<PublishedFeedRecord, 'id'>): PublishedFeedRecord {
    const result = this.#db
      .prepare(
        `INSERT INTO feeds (run_id, path, sha256, offers, available, bytes, published_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        feed.runId,
        feed.path,
        feed.sha256,
        feed.offers,
        feed.available,
        feed.bytes,
        feed.publishedAt.getTime(),
      );
    return { ...feed, id: Number(result.lastInsertRowid) };
  }

  lastPublishedFeed(): PublishedFeedRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM feeds ORDER BY id DESC LIMIT 1').get() as
      | FeedRow
      | undefined;
    if (row === undefined) return undefined;
    return {
      id: row.id,
      runId: row.run_id,
      path: row.path,
      sha256: row.sha256,
      offers: row.offers,
      available: row.available,
      bytes: row.bytes,
      publishedAt: new Date(row.published_at),
    };
  }

  skuMappings(): SkuMappingRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM sku_map WHERE retired_at IS NULL ORDER BY sku')
      .all() as SkuRow[];
    return rows.map(toSku);
  }

  findSkuMapping(sku: string): SkuMappingRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM sku_map WHERE sku = ?').get(sku) as
      | SkuRow
      | undefined;
    return row === undefined ? undefined : toSku(row);
  }

  replaceSkuMappings(records: readonly SkuMappingRecord[]): void {
    const now = Date.now();
    const upsert = this.#db.prepare(
      `INSERT INTO sku_map (sku, supplier, product_key, model, brand, price, city_prices, available,
         stock_count, last_seen_at, last_published_at, retired_at, store_stock)
       VALUES (@sku, @supplier, @product_key, @model, @brand, @price, @city_prices, @available,
         @stock_count, @last_seen_at, @last_published_at, NULL, @store_stock)
       ON CONFLICT (sku) DO UPDATE SET supplier = excluded.supplier,
         product_key = excluded.product_key, model = excluded.model, brand = excluded.brand,
         price = excluded.price, city_prices = excluded.city_prices,
         available = excluded.available, stock_count = excluded.stock_count,
         last_seen_at = excluded.last_seen_at, last_published_at = excluded.last_published_at,
         retired_at = NULL, store_stock = excluded.store_stock`,
    );
    this.#db.transaction(() => {
      this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS live_skus (sku TEXT PRIMARY KEY)');
      this.#db.exec('DELETE FROM live_skus');
      const live = this.#db.prepare('INSERT INTO live_skus (sku) VALUES (?)');
      for (const record of records) {
        upsert.run({
          sku: record.sku,
          supplier: record.supplier,
          product_key: record.productKey,
          model: record.model,
          brand: record.brand,
          price: record.price,
          city_prices: JSON.stringify(record.cityPrices),
          available: record.available ? 1 : 0,
          stock_count: record.stockCount,
          last_seen_at: record.lastSeenAt.getTime(),
          last_published_at: record.lastPublishedAt.getTime(),
          store_stock: record.storeStock === undefined ? null : JSON.stringify(record.storeStock),
        });
        live.run(record.sku);
      }
      this.#db
        .prepare(
          'UPDATE sku_map SET retired_at = ? WHERE retired_at IS NULL AND sku NOT IN (SELECT sku FROM live_skus)',
        )
        .run(now);
    })();
  }

  saveCatalogue(supplier: string, products: readonly SupplierProduct[]): void {
    const insert = this.#db.prepare(
      'INSERT INTO catalogue (supplier, product_key, data) VALUES (?, ?, ?)',
    );
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM catalogue WHERE supplier = ?').run(supplier);
      for (const product of products) insert.run(supplier, product.key, JSON.stringify(product));
    })();
  }

  loadCatalogue(supplier: string): SupplierProduct[] {
    const rows = this.#db
      .prepare('SELECT data FROM catalogue WHERE supplier = ? ORDER BY product_key')
      .all(supplier) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as SupplierProduct);
  }

  findOrder(kaspiCode: string): OrderRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM orders WHERE kaspi_code = ?').get(kaspiCode) as
      | OrderRow
      | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  saveOrder(order: OrderRecord, step?: Omit<OrderStepRecord, 'kaspiCode' | 'at'>): void {
    this.#db.transaction(() => this.#writeOrder(order, step))();
  }

  transitionOrder(
    order: OrderRecord,
    from: TransitionSource,
    step?: Omit<OrderStepRecord, 'kaspiCode' | 'at'>,
  ): void {
    this.#db
      .transaction(() => {
        const row = this.#db
          .prepare('SELECT state FROM orders WHERE kaspi_code = ?')
          .get(order.kaspiCode) as { state: OrderRecord['state'] } | undefined;
        if (from === 'start' ? row !== undefined : row?.state !== from) {
          throw new OrderConflictError(order.kaspiCode, from, row?.state);
        }
        this.#writeOrder(order, step, from === 'start' ? undefined : from);
      })
      .immediate();
  }

  orderBySupplierOrder(supplier: string, supplierOrderId: string): OrderRecord | undefined {
    const row = this.#db
      .prepare('SELECT * FROM orders WHERE supplier = ? AND supplier_order_id = ?')
      .get(supplier, supplierOrderId) as OrderRow | undefined;
    return row === undefined ? undefined : toOrder(row);
  }

  /** One order row and step; with `expected`, an UPDATE … WHERE state = expected (the CAS). */
  #writeOrder(
    order: OrderRecord,
    step: Omit<OrderStepRecord, 'kaspiCode' | 'at'> | undefined,
    expected?: OrderRecord['state'],
  ): void {
    const now = Date.now();
    if (expected !== undefined) {
      const changed = this.#db
        .prepare(
          `UPDATE orders SET state = @state, supplier = @supplier,
               supplier_order_id = @supplierOrderId, needs_attention = @attention, data = @data,
               updated_at = @now
             WHERE kaspi_code = @code AND state = @expected`,
        )
        .run({ ...orderParams(order), now, expected }).changes;
      if (changed !== 1) throw new OrderConflictError(order.kaspiCode, expected, undefined);
    } else
      this.#db
        .prepare(
          `INSERT INTO orders (kaspi_code, state, supplier, supplier_order_id, needs_attention, data,
             created_at, updated_at)
           VALUES (@code, @state, @supplier, @supplierOrderId, @attention, @data, @createdAt, @now)
           ON CONFLICT (kaspi_code) DO UPDATE SET state = excluded.state,
             supplier = excluded.supplier, supplier_order_id = excluded.supplier_order_id,
             needs_attention = excluded.needs_attention, data = excluded.data,
             updated_at = excluded.updated_at`,
        )
        .run({ ...orderParams(order), now });
    if (step !== undefined) {
      this.#db
        .prepare(
          'INSERT INTO order_steps (kaspi_code, step, phase, detail, at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(order.kaspiCode, step.step, step.phase, step.detail ?? null, now);
    }
  }

  openOrders(): OrderRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM orders WHERE state NOT IN (${FINAL_STATES.map(() => '?').join(', ')})
         ORDER BY created_at, kaspi_code`,
      )
      .all(...FINAL_STATES) as OrderRow[];
    return rows.map(toOrder);
  }

  ordersNeedingAttention(limit: number): OrderRecord[] {
    const rows = this.#db
      .prepare("SELECT * FROM orders WHERE state = 'attention' ORDER BY updated_at DESC LIMIT ?")
      .all(limit) as OrderRow[];
    return rows.map(toOrder);
  }

  orderCounts(): Record<string, number> {
    const rows = this.#db
      .prepare('SELECT state, COUNT(*) AS n FROM orders GROUP BY state ORDER BY state')
      .all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  orderSteps(kaspiCode: string): OrderStepRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM order_steps WHERE kaspi_code = ? ORDER BY id')
      .all(kaspiCode) as {
      kaspi_code: string;
      step: OrderStepRecord['step'];
      phase: OrderStepRecord['phase'];
      detail: string | null;
      at: number;
    }[];
    return rows.map((row) => ({
      kaspiCode: row.kaspi_code,
      step: row.step,
      phase: row.phase,
      detail: row.detail ?? undefined,
      at: new Date(row.at),
    }));
  }

  supplierOrderIds(supplier: string): Set<string> {
    const rows = this.#db
      .prepare(
        'SELECT supplier_order_id AS id FROM orders WHERE supplier = ? AND supplier_order_id IS NOT NULL',
      )
      .all(supplier) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  orderPollCursor(): Date | undefined {
    const row = this.#db.prepare('SELECT polled_to FROM order_poll WHERE id = 1').get() as
      | { polled_to: number }
      | undefined;
    return row === undefined ? undefined : new Date(row.polled_to);
  }

  setOrderPollCursor(polledTo: Date): void {
    this.#db
      .prepare(
        'INSERT INTO order_poll (id, polled_to) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET polled_to = excluded.polled_to',
      )
      .run(polledTo.getTime());
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
    const row = this.#db.prepare('SELECT value FROM state_meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.#db.prepare('DELETE FROM state_meta WHERE key = ?').run(key);
    else
      this.#db
        .prepare(
          'INSERT INTO state_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  isEmpty(): boolean {
    const row = this.#db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM feeds) + (SELECT COUNT(*) FROM orders) AS n',
      )
      .get() as { n: number };
    return row.n === 0;
  }

  recordSupplierOrphan(supplier: string, supplierOrderId: string, detail: string): void {
    this.#db
      .prepare(
        `INSERT INTO supplier_orphans (supplier, supplier_order_id, detail, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (supplier, supplier_order_id) DO UPDATE SET detail = excluded.detail`,
      )
      .run(supplier, supplierOrderId, detail, Date.now());
  }

  supplierOrphans(): { supplier: string; supplierOrderId: string; detail: string; at: Date }[] {
    const rows = this.#db.prepare('SELECT * FROM supplier_orphans ORDER BY at DESC').all() as {
      supplier: string;
      supplier_order_id: string;
      detail: string;
      at: number;
    }[];
    return rows.map((r) => ({
      supplier: r.supplier,
      supplierOrderId: r.supplier_order_id,
      detail: r.detail,
      at: new Date(r.at),
    }));
  }

  close(): void {
    this.#db.close();
  }
}

function orderParams(order: OrderRecord): Record<string, string | number | null> {
  return {
    code: order.kaspiCode,
    state: order.state,
    supplier: order.supplier ?? null,
    supplierOrderId: order.supplierOrderId ?? null,
    attention: order.attention === undefined ? null : order.attention.reason,
    data: JSON.stringify(orderData(order)),
    createdAt: order.createdAt.getTime(),
  };
}

interface OrderRow {
  kaspi_code: string;
  state: OrderRecord['state'];
  supplier: string | null;
  supplier_order_id: string | null;
  needs_attention: string | null;
  data: string;
  created_at: number;
  updated_at: number;
}

/** The parts of an order without their own column. */
interface OrderData {
  kaspiId: string;
  lines: OrderRecord['lines'];
  attention?: OrderRecord['attention'];
  attempts: number;
  reserveStartedAt?: number | undefined;
  kaspiCreatedAt?: number | undefined;
  kaspiCheckedAt?: number | undefined;
  note?: string | undefined;
}

function orderData(order: OrderRecord): OrderData {
  return {
    kaspiId: order.kaspiId,
    lines: order.lines,
    attention: order.attention,
    attempts: order.attempts,
    reserveStartedAt: order.reserveStartedAt?.getTime(),
    kaspiCreatedAt: order.kaspiCreatedAt?.getTime(),
    kaspiCheckedAt: order.kaspiCheckedAt?.getTime(),
    note: order.note,
  };
}

function toOrder(row: OrderRow): OrderRecord {
  const data = JSON.parse(row.data) as OrderData;
  return {
    kaspiCode: row.kaspi_code,
    kaspiId: data.kaspiId,
    state: row.state,
    supplier: row.supplier ?? undefined,
    supplierOrderId: row.supplier_order_id ?? undefined,
    lines: data.lines,
    attention: data.attention ?? undefined,
    attempts: data.attempts,
    reserveStartedAt:
      data.reserveStartedAt === undefined ? undefined : new Date(data.reserveStartedAt),
    kaspiCreatedAt: data.kaspiCreatedAt === undefined ? undefined : new Date(data.kaspiCreatedAt),
    kaspiCheckedAt: data.kaspiCheckedAt === undefined ? undefined : new Date(data.kaspiCheckedAt),
    note: data.note ?? undefined,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    mode: row.mode,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at),
    status: row.status,
    exitCode: row.exit_code ?? undefined,
    summary: row.summary === null ? undefined : (JSON.parse(row.summary) as RunSummary),
  };
}

function toSku(row: SkuRow): SkuMappingRecord {
  return {
    sku: row.sku,
    supplier: row.supplier,
    productKey: row.product_key,
    model: row.model,
    brand: row.brand,
    price: row.price,
    cityPrices: JSON.parse(row.city_prices) as Record<string, number>,
    available: row.available === 1,
    stockCount: row.stock_count,
    lastSeenAt: new Date(row.last_seen_at),
    lastPublishedAt: new Date(row.last_published_at),
    retiredAt: row.retired_at === null ? undefined : new Date(row.retired_at),
    storeStock:
      typeof row.store_stock === 'string'
        ? (JSON.parse(row.store_stock) as SkuMappingRecord['storeStock'])
        : undefined,
  };
}
