import type {
  ActivityStore,
  ConsoleActionRecord,
  FeedFetchRecord,
  HeartbeatRecord,
  OrderSummaryRow,
  OutboxHealth,
  OutboxRecord,
  SkuHistoryPoint,
  SkuSearchResult,
} from '../activity-store.js';
import type { SyncBridge } from './bridge.js';

/** `ActivityStore` on PostgreSQL: each call one blocking message to the store's worker. */
export class PostgresActivityStore implements ActivityStore {
  readonly #bridge: SyncBridge;

  constructor(bridge: SyncBridge) {
    this.#bridge = bridge;
  }

  recordFeedFetch(fetch: FeedFetchRecord): void {
    this.#bridge.call('recordFeedFetch', fetch);
  }

  recentFeedFetches(limit: number): FeedFetchRecord[] {
    return this.#bridge.call('recentFeedFetches', limit);
  }

  beat(beat: HeartbeatRecord): void {
    this.#bridge.call('beat', beat);
  }

  heartbeats(): HeartbeatRecord[] {
    return this.#bridge.call('heartbeats');
  }

  enqueue(
    items: readonly { dedupeKey: string; channel: string; kind: string; payload: object }[],
    now: Date,
  ): number {
    return this.#bridge.call('enqueue', items, now);
  }

  claimDue(now: Date, limit: number, leaseMs: number): OutboxRecord[] {
    return this.#bridge.call('claimDue', now, limit, leaseMs);
  }

  markSent(id: number, at: Date): void {
    this.#bridge.call('markSent', id, at);
  }

  markFailed(id: number, error: string, at: Date, nextAttemptAt: Date | undefined): void {
    this.#bridge.call('markFailed', id, error, at, nextAttemptAt);
  }

  expireClaims(now: Date): number {
    return this.#bridge.call('expireClaims', now);
  }

  outbox(limit: number): OutboxRecord[] {
    return this.#bridge.call('outbox', limit);
  }

  outboxHealth(): OutboxHealth[] {
    return this.#bridge.call('outboxHealth');
  }

  recordConsoleAction(action: Omit<ConsoleActionRecord, 'id'>): number {
    return this.#bridge.call('recordConsoleAction', action);
  }

  consoleActions(limit: number): ConsoleActionRecord[] {
    return this.#bridge.call('consoleActions', limit);
  }

  skuHistory(sku: string, since: Date): SkuHistoryPoint[] {
    return this.#bridge.call('skuHistory', sku, since);
  }

  searchSkus(query: string, limit: number): SkuSearchResult[] {
    return this.#bridge.call('searchSkus', query, limit);
  }

  feedHistory(since: Date): { at: Date; offers: number; available: number }[] {
    return this.#bridge.call('feedHistory', since);
  }

  ordersChangedSince(since: Date, limit: number): OrderSummaryRow[] {
    return this.#bridge.call('ordersChangedSince', since, limit);
  }

  runDurations(since: Date): { at: Date; mode: string; status: string; durationMs: number }[] {
    return this.#bridge.call('runDurations', since);
  }
}
