import type Database from 'better-sqlite3';
import {
  type ConsoleActionRow,
  foldOutboxHealth,
  type OutboxCountRow,
  type OutboxErrorRow,
  type OutboxRow,
  toConsoleAction,
  toOutbox,
} from './activity-rows.js';
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
} from './activity-store.js';

const MAX_ERROR_CHARS = 500;

/** `ActivityStore` on the state database (tables of migration 4). */
export class SqliteActivityStore implements ActivityStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  recordFeedFetch(fetch: FeedFetchRecord): void {
    this.#db
      .prepare(
        'INSERT INTO feed_fetches (at, ip, user_agent, status, bytes) VALUES (?, ?, ?, ?, ?)',
      )
      .run(fetch.at.getTime(), fetch.ip, fetch.userAgent.slice(0, 300), fetch.status, fetch.bytes);
  }

  recentFeedFetches(limit: number): FeedFetchRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM feed_fetches ORDER BY id DESC LIMIT ?')
      .all(limit) as {
      at: number;
      ip: string;
      user_agent: string;
      status: number;
      bytes: number;
    }[];
    return rows.map((row) => ({
      at: new Date(row.at),
      ip: row.ip,
      userAgent: row.user_agent,
      status: row.status,
      bytes: row.bytes,
    }));
  }

  beat(beat: HeartbeatRecord): void {
    this.#db
      .prepare(
        `INSERT INTO heartbeats (process, pid, started_at, beat_at, every_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (process) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
           beat_at = excluded.beat_at, every_ms = excluded.every_ms`,
      )
      .run(beat.process, beat.pid, beat.startedAt.getTime(), beat.beatAt.getTime(), beat.everyMs);
  }

  heartbeats(): HeartbeatRecord[] {
    const rows = this.#db.prepare('SELECT * FROM heartbeats ORDER BY process').all() as {
      process: string;
      pid: number;
      started_at: number;
      beat_at: number;
      every_ms: number;
    }[];
    return rows.map((row) => ({
      process: row.process,
      pid: row.pid,
      startedAt: new Date(row.started_at),
      beatAt: new Date(row.beat_at),
      everyMs: row.every_ms,
    }));
  }

  enqueue(
    items: readonly { dedupeKey: string; channel: string; kind: string; payload: object }[],
    now: Date,
  ): number {
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO notify_outbox (dedupe_key, channel, kind, payload, state, created_at,
         next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    );
    let added = 0;
    this.#db.transaction(() => {
      for (const item of items) {
        const at = now.getTime();
        added += insert.run(
          item.dedupeKey,
          item.channel,
          item.kind,
          JSON.stringify(item.payload),
          at,
          at,
        ).changes;
      }
    })();
    return added;
  }

  claimDue(now: Date, limit: number, leaseMs: number): OutboxRecord[] {
    return this.#db.transaction(() => {
      const rows = this.#db
        .prepare(
          `SELECT * FROM notify_outbox WHERE state = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now.getTime(), limit) as OutboxRow[];
      const claim = this.#db.prepare(
        `UPDATE notify_outbox SET state = 'sending', attempts = attempts + 1,
           next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
      );
      const until = now.getTime() + leaseMs;
      return rows
        .filter((row) => claim.run(until, row.id).changes === 1)
        .map((row) => toOutbox({ ...row, state: 'sending', attempts: row.attempts + 1 }));
    })();
  }

  markSent(id: number, at: Date): void {
    this.#db
      .prepare(
        `UPDATE notify_outbox SET state = 'sent', sent_at = ?, last_error = NULL
         WHERE id = ? AND state = 'sending'`,
      )
      .run(at.getTime(), id);
  }

  markFailed(id: number, error: string, at: Date, nextAttemptAt: Date | undefined): void {
    this.#db
      .prepare(
        `UPDATE notify_outbox SET state = ?, last_error = ?, next_attempt_at = ?
         WHERE id = ? AND state = 'sending'`,
      )
      .run(
        nextAttemptAt === undefined ? 'failed' : 'pending',
        error.slice(0, MAX_ERROR_CHARS),
        (nextAttemptAt ?? at).getTime(),
        id,
      );
  }

  expireClaims(now: Date): number {
    return this.#db
      .prepare(
        `UPDATE notify_outbox SET state = 'uncertain',
           last_error = 'the sender stopped mid-send; not resent so it is never delivered twice'
         WHERE state = 'sending' AND next_attempt_at <= ?`,
      )
      .run(now.getTime()).changes;
  }

  outbox(limit: number): OutboxRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM notify_outbox ORDER BY id DESC LIMIT ?')
      .all(limit) as OutboxRow[];
    return rows.map(toOutbox);
  }

  outboxHealth(): OutboxHealth[] {
    const counts = this.#db
      .prepare(
        'SELECT channel, state, COUNT(*) AS n, MAX(sent_at) AS sent FROM notify_outbox GROUP BY channel, state',
      )
      .all() as OutboxCountRow[];
    const lastErrors = this.#db
      .prepare(
        `SELECT channel, last_error, MAX(next_attempt_at) AS at FROM notify_outbox
         WHERE last_error IS NOT NULL AND state != 'sent' GROUP BY channel`,
      )
      .all() as OutboxErrorRow[];
    return foldOutboxHealth(counts, lastErrors);
  }

  recordConsoleAction(action: Omit<ConsoleActionRecord, 'id'>): number {
    const result = this.#db
      .prepare(
        'INSERT INTO console_actions (at, who, action, target, detail, outcome) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        action.at.getTime(),
        action.who,
        action.action,
        action.target,
        action.detail ?? null,
        action.outcome,
      );
    return Number(result.lastInsertRowid);
  }

  consoleActions(limit: number): ConsoleActionRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM console_actions ORDER BY id DESC LIMIT ?')
      .all(limit) as ConsoleActionRow[];
    return rows.map(toConsoleAction);
  }

  skuHistory(sku: string, since: Date): SkuHistoryPoint[] {
    const rows = this.#db
      .prepare('SELECT * FROM sku_history WHERE sku = ? AND at >= ? ORDER BY at, id')
      .all(sku, since.getTime()) as {
      at: number;
      price: number;
      stock_count: number;
      available: number;
    }[];
    return rows.map((row) => ({
      at: new Date(row.at),
      price: row.price,
      stockCount: row.stock_count,
      available: row.available === 1,
    }));
  }

  searchSkus(query: string, limit: number): SkuSearchResult[] {
    // LIKE with escaped wildcards: the query is the seller's text, not a pattern.
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.#db
      .prepare(
        `SELECT sku, model, brand, price, stock_count, available, retired_at FROM sku_map
         WHERE sku LIKE @pattern ESCAPE '\\' OR model LIKE @pattern ESCAPE '\\'
           OR brand LIKE @pattern ESCAPE '\\'
         ORDER BY retired_at IS NOT NULL, sku LIMIT @limit`,
      )
      .all({ pattern, limit }) as {
      sku: string;
      model: string;
      brand: string;
      price: number;
      stock_count: number;
      available: number;
      retired_at: number | null;
    }[];
    return rows.map((row) => ({
      sku: row.sku,
      model: row.model,
      brand: row.brand,
      price: row.price,
      stockCount: row.stock_count,
      available: row.available === 1,
      retired: row.retired_at !== null,
    }));
  }

  feedHistory(since: Date): { at: Date; offers: number; available: number }[] {
    const rows = this.#db
      .prepare(
        'SELECT published_at, offers, available FROM feeds WHERE published_at >= ? ORDER BY published_at, id',
      )
      .all(since.getTime()) as { published_at: number; offers: number; available: number }[];
    return rows.map((row) => ({
      at: new Date(row.published_at),
      offers: row.offers,
      available: row.available,
    }));
  }

  ordersChangedSince(since: Date, limit: number): OrderSummaryRow[] {
    const rows = this.#db
      .prepare(
        `SELECT kaspi_code, state, needs_attention, created_at, updated_at FROM orders
         WHERE updated_at >= ? OR created_at >= ? ORDER BY updated_at DESC LIMIT ?`,
      )
      .all(since.getTime(), since.getTime(), limit) as {
      kaspi_code: string;
      state: string;
      needs_attention: string | null;
      created_at: number;
      updated_at: number;
    }[];
    return rows.map((row) => ({
      kaspiCode: row.kaspi_code,
      state: row.state,
      attentionReason: row.needs_attention ?? undefined,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    }));
  }

  runDurations(since: Date): { at: Date; mode: string; status: string; durationMs: number }[] {
    const rows = this.#db
      .prepare(
        `SELECT started_at, finished_at, mode, status FROM runs
         WHERE started_at >= ? AND finished_at IS NOT NULL ORDER BY started_at, id`,
      )
      .all(since.getTime()) as {
      started_at: number;
      finished_at: number;
      mode: string;
      status: string;
    }[];
    return rows.map((row) => ({
      at: new Date(row.started_at),
      mode: row.mode,
      status: row.status,
      durationMs: row.finished_at - row.started_at,
    }));
  }
}
