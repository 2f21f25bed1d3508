/** One fetch of the live feed (by Kaspi or anyone else), as the feed server saw it. */
export interface FeedFetchRecord {
  readonly at: Date;
  readonly ip: string;
  readonly userAgent: string;
  readonly status: number;
  readonly bytes: number;
}

/** The last sign of life of one long-running process (`serve` or `run`). */
export interface HeartbeatRecord {
  readonly process: string;
  readonly pid: number;
  readonly startedAt: Date;
  readonly beatAt: Date;
  /** How often it promised to beat: a beat older than a few of these means it is gone. */
  readonly everyMs: number;
}

/** A notification waiting in, or sent from, the outbox. */
export interface OutboxRecord {
  readonly id: number;
  /** Same key, same channel: enqueued once, whoever enqueues it again. */
  readonly dedupeKey: string;
  readonly channel: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * `pending` → `sending` → `sent`; `failed` after the last attempt; `uncertain` when a process
   * died mid-send (never resent, so never delivered twice).
   */
  readonly state: OutboxState;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  readonly sentAt?: Date | undefined;
  readonly lastError?: string | undefined;
}

/** States of an outbox row (see `OutboxRecord.state`). */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';

/** Per channel: counts by state and the last error, for `status` and the console. */
export interface OutboxHealth {
  readonly channel: string;
  readonly counts: Readonly<Partial<Record<OutboxState, number>>>;
  readonly lastSentAt?: Date | undefined;
  readonly lastError?: string | undefined;
  readonly lastErrorAt?: Date | undefined;
}

/** Something a person did in the console, with who and when. */
export interface ConsoleActionRecord {
  readonly id: number;
  readonly at: Date;
  readonly who: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: string | undefined;
  readonly outcome: string;
}

/** A SKU's published price and stock at one moment. */
export interface SkuHistoryPoint {
  readonly at: Date;
  readonly price: number;
  readonly stockCount: number;
  readonly available: boolean;
}

/** One SKU found by `searchSkus`. */
export interface SkuSearchResult {
  readonly sku: string;
  readonly model: string;
  readonly brand: string;
  readonly price: number;
  readonly stockCount: number;
  readonly available: boolean;
  readonly retired: boolean;
}

/** One order in a list: enough to show it and to decide what to notify. */
export interface OrderSummaryRow {
  readonly kaspiCode: string;
  readonly state: string;
  readonly attentionReason?: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * What the console, notifications and liveness keep beside the sync and order state. A separate
 * interface so a store can offer it without touching the sync or order methods.
 */
export interface ActivityStore {
  recordFeedFetch(fetch: FeedFetchRecord): void;
  /** Newest first. */
  recentFeedFetches(limit: number): FeedFetchRecord[];

  beat(beat: HeartbeatRecord): void;
  heartbeats(): HeartbeatRecord[];

  /** Adds what is not there yet (by key and channel); returns how many rows were added. */
  enqueue(
    items: readonly { dedupeKey: string; channel: string; kind: string; payload: object }[],
    now: Date,
  ): number;
  /**
   * Marks up to `limit` due `pending` rows `sending` (in one transaction) and returns them; the
   * claim lasts `leaseMs`, after which `expireClaims` calls them `uncertain`.
   */
  claimDue(now: Date, limit: number, leaseMs: number): OutboxRecord[];
  markSent(id: number, at: Date): void;
  /** A definite failure: try again at `nextAttemptAt`, or give up (`failed`) when undefined. */
  markFailed(id: number, error: string, at: Date, nextAttemptAt: Date | undefined): void;
  /** Claims older than their lease (the sender died): `uncertain`, never resent. */
  expireClaims(now: Date): number;
  outbox(limit: number): OutboxRecord[];
  outboxHealth(): OutboxHealth[];

  recordConsoleAction(action: Omit<ConsoleActionRecord, 'id'>): number;
  consoleActions(limit: number): ConsoleActionRecord[];

  skuHistory(sku: string, since: Date): SkuHistoryPoint[];
  /** SKUs (live or retired) whose SKU, name or brand contains `query`, case-insensitive. */
  searchSkus(query: string, limit: number): SkuSearchResult[];
  /** Published feeds since a date, oldest first (charts). */
  feedHistory(since: Date): { at: Date; offers: number; available: number }[];
  /** Orders created or changed since a date, newest first (the console's "today"). */
  ordersChangedSince(since: Date, limit: number): OrderSummaryRow[];
  /** Finished runs since a date, oldest first (charts). */
  runDurations(since: Date): { at: Date; mode: string; status: string; durationMs: number }[];
}
