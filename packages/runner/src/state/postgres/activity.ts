import {
  foldOutboxHealth,
  type OutboxCountRow,
  type OutboxErrorRow,
  type OutboxRow,
  toOutbox,
} from '../activity-rows.js';
import type {
  ConsoleActionRecord,
  FeedFetchRecord,
  HeartbeatRecord,
  OutboxHealth,
  OutboxRecord,
} from '../activity-store.js';
import { activityReadHandlers } from './activity-reads.js';
import { changes, inTransaction, one, type PgContext, rows } from './context.js';

const MAX_ERROR_CHARS = 500;

/** The notification outbox, feed fetches, heartbeats and console actions (worker side). */
export const activityHandlers = {
  ...activityReadHandlers,

  async recordFeedFetch(ctx: PgContext, fetch: FeedFetchRecord): Promise<void> {
    await ctx.pool.query(
      'INSERT INTO feed_fetches (shop, at, ip, user_agent, status, bytes) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        ctx.shop,
        fetch.at.getTime(),
        fetch.ip,
        fetch.userAgent.slice(0, 300),
        fetch.status,
        fetch.bytes,
      ],
    );
  },

  async recentFeedFetches(ctx: PgContext, limit: number): Promise<FeedFetchRecord[]> {
    const found = await rows<{
      at: number;
      ip: string;
      user_agent: string;
      status: number;
      bytes: number;
    }>(ctx.pool, 'SELECT * FROM feed_fetches WHERE shop = $1 ORDER BY id DESC LIMIT $2', [
      ctx.shop,
      limit,
    ]);
    return found.map((row) => ({
      at: new Date(row.at),
      ip: row.ip,
      userAgent: row.user_agent,
      status: row.status,
      bytes: row.bytes,
    }));
  },

  async beat(ctx: PgContext, beat: HeartbeatRecord): Promise<void> {
    await ctx.pool.query(
      `INSERT INTO heartbeats (shop, process, pid, started_at, beat_at, every_ms) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (shop, process) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
         beat_at = excluded.beat_at, every_ms = excluded.every_ms`,
      [
        ctx.shop,
        beat.process,
        beat.pid,
        beat.startedAt.getTime(),
        beat.beatAt.getTime(),
        beat.everyMs,
      ],
    );
  },

  async heartbeats(ctx: PgContext): Promise<HeartbeatRecord[]> {
    const found = await rows<{
      process: string;
      pid: number;
      started_at: number;
      beat_at: number;
      every_ms: number;
    }>(ctx.pool, 'SELECT * FROM heartbeats WHERE shop = $1 ORDER BY process COLLATE "C"', [
      ctx.shop,
    ]);
    return found.map((row) => ({
      process: row.process,
      pid: row.pid,
      startedAt: new Date(row.started_at),
      beatAt: new Date(row.beat_at),
      everyMs: row.every_ms,
    }));
  },

  async enqueue(
    ctx: PgContext,
    items: readonly { dedupeKey: string; channel: string; kind: string; payload: object }[],
    now: Date,
  ): Promise<number> {
    return inTransaction(ctx, async (client) => {
      let added = 0;
      for (const item of items) {
        added += await changes(
          client,
          `INSERT INTO notify_outbox (shop, dedupe_key, channel, kind, payload, state, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) ON CONFLICT (shop, dedupe_key, channel) DO NOTHING`,
          [
            ctx.shop,
            item.dedupeKey,
            item.channel,
            item.kind,
            JSON.stringify(item.payload),
            now.getTime(),
          ],
        );
      }
      return added;
    });
  },

  /** `FOR UPDATE SKIP LOCKED`: two senders never claim the same row. */
  async claimDue(
    ctx: PgContext,
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxRecord[]> {
    const found = await rows<OutboxRow & { due_at: number }>(
      ctx.pool,
      `WITH due AS (
         SELECT id, next_attempt_at AS due_at FROM notify_outbox
         WHERE shop = $2 AND state = 'pending' AND next_attempt_at <= $3
         ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE notify_outbox AS n SET state = 'sending', attempts = n.attempts + 1, next_attempt_at = $1
       FROM due WHERE n.id = due.id
       RETURNING n.*, due.due_at`,
      [now.getTime() + leaseMs, ctx.shop, now.getTime(), limit],
    );
    // Like SQLite: the records show when each row was due, in due order.
    return found
      .sort((a, b) => a.due_at - b.due_at || a.id - b.id)
      .map(({ due_at, ...row }) => toOutbox({ ...row, next_attempt_at: due_at }));
  },

  async markSent(ctx: PgContext, id: number, at: Date): Promise<void> {
    await ctx.pool.query(
      `UPDATE notify_outbox SET state = 'sent', sent_at = $1, last_error = NULL
       WHERE shop = $2 AND id = $3 AND state = 'sending'`,
      [at.getTime(), ctx.shop, id],
    );
  },

  async markFailed(
    ctx: PgContext,
    id: number,
    error: string,
    at: Date,
    nextAttemptAt: Date | undefined,
  ): Promise<void> {
    await ctx.pool.query(
      `UPDATE notify_outbox SET state = $1, last_error = $2, next_attempt_at = $3
       WHERE shop = $4 AND id = $5 AND state = 'sending'`,
      [
        nextAttemptAt === undefined ? 'failed' : 'pending',
        error.slice(0, MAX_ERROR_CHARS),
        (nextAttemptAt ?? at).getTime(),
        ctx.shop,
        id,
      ],
    );
  },

  async expireClaims(ctx: PgContext, now: Date): Promise<number> {
    return changes(
      ctx.pool,
      `UPDATE notify_outbox SET state = 'uncertain',
         last_error = 'the sender stopped mid-send; not resent so it is never delivered twice'
       WHERE shop = $1 AND state = 'sending' AND next_attempt_at <= $2`,
      [ctx.shop, now.getTime()],
    );
  },

  async outbox(ctx: PgContext, limit: number): Promise<OutboxRecord[]> {
    const found = await rows<OutboxRow>(
      ctx.pool,
      'SELECT * FROM notify_outbox WHERE shop = $1 ORDER BY id DESC LIMIT $2',
      [ctx.shop, limit],
    );
    return found.map(toOutbox);
  },

  async outboxHealth(ctx: PgContext): Promise<OutboxHealth[]> {
    const counts = await rows<OutboxCountRow>(
      ctx.pool,
      'SELECT channel, state, COUNT(*) AS n, MAX(sent_at) AS sent FROM notify_outbox WHERE shop = $1 GROUP BY channel, state',
      [ctx.shop],
    );
    const lastErrors = await rows<OutboxErrorRow>(
      ctx.pool,
      `SELECT DISTINCT ON (channel) channel, last_error, next_attempt_at AS at FROM notify_outbox
       WHERE shop = $1 AND last_error IS NOT NULL AND state != 'sent' ORDER BY channel, next_attempt_at DESC`,
      [ctx.shop],
    );
    return foldOutboxHealth(counts, lastErrors);
  },

  async recordConsoleAction(
    ctx: PgContext,
    action: Omit<ConsoleActionRecord, 'id'>,
  ): Promise<number> {
    const row = await one<{ id: number }>(
      ctx.pool,
      'INSERT INTO console_actions (shop, at, who, action, target, detail, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [
        ctx.shop,
        action.at.getTime(),
        action.who,
        action.action,
        action.target,
        action.detail ?? null,
        action.outcome,
      ],
    );
    return row?.id ?? 0;
  },
};
