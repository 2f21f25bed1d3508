import {
  type OutboxRow,
  type TargetFeedEntry,
  type TargetOutboxRecord,
  toRecord,
} from '../target-outbox.js';
import { changes, inTransaction, one, type PgContext, rows } from './context.js';

/** The publish outbox on PostgreSQL (worker side); same rules as the SQLite one. */
export const targetOutboxHandlers = {
  async queueTargetFeed(ctx: PgContext, entry: TargetFeedEntry): Promise<void> {
    await ctx.pool.query(
      `INSERT INTO target_outbox AS t (shop, target, kind, url, wanted_feed_id, wanted_sha256, queued_at, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
       ON CONFLICT (shop, target) DO UPDATE SET kind = excluded.kind, url = excluded.url,
         attempts = CASE WHEN excluded.wanted_feed_id > t.wanted_feed_id THEN 0 ELSE t.attempts END,
         queued_at = CASE WHEN excluded.wanted_feed_id > t.wanted_feed_id THEN excluded.queued_at ELSE t.queued_at END,
         wanted_sha256 = CASE WHEN excluded.wanted_feed_id > t.wanted_feed_id THEN excluded.wanted_sha256 ELSE t.wanted_sha256 END,
         wanted_feed_id = GREATEST(t.wanted_feed_id, excluded.wanted_feed_id)`,
      [
        ctx.shop,
        entry.target,
        entry.kind,
        entry.url,
        entry.feedId,
        entry.sha256,
        entry.at.getTime(),
      ],
    );
  },

  async claimTarget(
    ctx: PgContext,
    target: string,
    now: Date,
    leaseMs: number,
  ): Promise<TargetOutboxRecord | undefined> {
    return inTransaction(ctx, async (client) => {
      const claimed = await changes(
        client,
        `UPDATE target_outbox SET lease_until = $1
         WHERE shop = $2 AND target = $3 AND (lease_until IS NULL OR lease_until < $4)`,
        [now.getTime() + leaseMs, ctx.shop, target, now.getTime()],
      );
      if (claimed === 0) return undefined;
      const row = await one<OutboxRow>(
        client,
        'SELECT * FROM target_outbox WHERE shop = $1 AND target = $2',
        [ctx.shop, target],
      );
      return row === undefined ? undefined : toRecord(row);
    });
  },

  async recordTargetDelivered(
    ctx: PgContext,
    target: string,
    feed: { readonly feedId: number; readonly sha256: string; readonly at: Date },
  ): Promise<void> {
    await ctx.pool.query(
      `UPDATE target_outbox SET lease_until = NULL, last_attempt_at = $4,
         attempts = CASE WHEN $2 >= wanted_feed_id THEN 0 ELSE attempts END,
         last_error = CASE WHEN $2 >= wanted_feed_id THEN NULL ELSE last_error END,
         delivered_sha256 = CASE WHEN delivered_feed_id IS NULL OR $2 > delivered_feed_id THEN $3 ELSE delivered_sha256 END,
         delivered_at = CASE WHEN delivered_feed_id IS NULL OR $2 > delivered_feed_id THEN $4 ELSE delivered_at END,
         delivered_feed_id = GREATEST(COALESCE(delivered_feed_id, 0), $2)
       WHERE shop = $5 AND target = $1`,
      [target, feed.feedId, feed.sha256, feed.at.getTime(), ctx.shop],
    );
  },

  async recordTargetFailed(
    ctx: PgContext,
    target: string,
    failure: { readonly error: string; readonly at: Date },
  ): Promise<void> {
    await ctx.pool.query(
      `UPDATE target_outbox SET lease_until = NULL, attempts = attempts + 1, last_error = $1,
         last_attempt_at = $2 WHERE shop = $3 AND target = $4`,
      [failure.error, failure.at.getTime(), ctx.shop, target],
    );
  },

  async releaseTarget(ctx: PgContext, target: string): Promise<void> {
    await ctx.pool.query(
      'UPDATE target_outbox SET lease_until = NULL WHERE shop = $1 AND target = $2',
      [ctx.shop, target],
    );
  },

  async targetOutbox(ctx: PgContext): Promise<TargetOutboxRecord[]> {
    const found = await rows<OutboxRow>(
      ctx.pool,
      'SELECT * FROM target_outbox WHERE shop = $1 ORDER BY target COLLATE "C"',
      [ctx.shop],
    );
    return found.map(toRecord);
  },
};
