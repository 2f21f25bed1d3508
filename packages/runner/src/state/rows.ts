import type { OrderRecord, OrderStepRecord } from '../orders/order-record.js';
import type { RunStatus, RunSummary, SyncMode } from '../pipeline/run-summary.js';
import type { PublishedFeedRecord, RunRecord, SkuMappingRecord } from './state-store.js';

/**
 * Rows as both stores keep them (times as epoch milliseconds, JSON as text) and their mapping
 * to records: one codec, so SQLite and PostgreSQL cannot drift apart.
 */
export interface RunRow {
  id: number;
  mode: SyncMode;
  started_at: number;
  finished_at: number | null;
  status: RunStatus;
  exit_code: number | null;
  summary: string | null;
}

/** A `feeds` row. */
export interface FeedRow {
  id: number;
  run_id: number;
  path: string;
  sha256: string;
  offers: number;
  available: number;
  bytes: number;
  published_at: number;
}

/** A `sku_map` row. */
export interface SkuRow {
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

/** An `orders` row. */
export interface OrderRow {
  kaspi_code: string;
  state: OrderRecord['state'];
  supplier: string | null;
  supplier_order_id: string | null;
  needs_attention: string | null;
  data: string;
  created_at: number;
  updated_at: number;
}

/** An `order_steps` row. */
export interface OrderStepRow {
  kaspi_code: string;
  step: OrderStepRecord['step'];
  phase: OrderStepRecord['phase'];
  detail: string | null;
  at: number;
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

/** The column values of an order (named parameters). */
export function orderParams(order: OrderRecord): {
  code: string;
  state: string;
  supplier: string | null;
  supplierOrderId: string | null;
  attention: string | null;
  data: string;
  createdAt: number;
} {
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

/** An order from its row. */
export function toOrder(row: OrderRow): OrderRecord {
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

/** A step of the order log from its row. */
export function toOrderStep(row: OrderStepRow): OrderStepRecord {
  return {
    kaspiCode: row.kaspi_code,
    step: row.step,
    phase: row.phase,
    detail: row.detail ?? undefined,
    at: new Date(row.at),
  };
}

/** A run from its row. */
export function toRun(row: RunRow): RunRecord {
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

/** A published feed from its row. */
export function toFeed(row: FeedRow): PublishedFeedRecord {
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

/** The column values of a SKU mapping (named parameters; `retired_at` is the store's). */
export function skuParams(record: SkuMappingRecord): Record<string, string | number | null> {
  return {
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
  };
}

/** A SKU mapping from its row. */
export function toSku(row: SkuRow): SkuMappingRecord {
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
