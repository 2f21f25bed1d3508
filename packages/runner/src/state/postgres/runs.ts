import type { RunStatus, RunSummary, SyncMode } from '../../pipeline/run-summary.js';
import { type FeedRow, type RunRow, toFeed, toRun } from '../rows.js';
import type { PublishedFeedRecord, RunRecord } from '../state-store.js';
import { one, type PgContext, rows } from './context.js';

/** Sync runs and published feeds on PostgreSQL (worker side). */
export const runHandlers = {
  async beginRun(ctx: PgContext, mode: SyncMode, startedAt: Date): Promise<number> {
    const row = await one<{ id: number }>(
      ctx.pool,
      'INSERT INTO runs (shop, mode, started_at, status) VALUES ($1, $2, $3, $4) RETURNING id',
      [ctx.shop, mode, startedAt.getTime(), 'running'],
    );
    return row?.id ?? 0;
  },

  async finishRun(
    ctx: PgContext,
    id: number,
    result: { status: RunStatus; exitCode: number; summary?: RunSummary | undefined },
    now: number,
  ): Promise<void> {
    await ctx.pool.query(
      'UPDATE runs SET finished_at = $1, status = $2, exit_code = $3, summary = $4 WHERE id = $5 AND shop = $6',
      [
        now,
        result.status,
        result.exitCode,
        result.summary === undefined ? null : JSON.stringify(result.summary),
        id,
        ctx.shop,
      ],
    );
  },

  async recentRuns(ctx: PgContext, limit: number): Promise<RunRecord[]> {
    const found = await rows<RunRow>(
      ctx.pool,
      'SELECT * FROM runs WHERE shop = $1 ORDER BY id DESC LIMIT $2',
      [ctx.shop, limit],
    );
    return found.map(toRun);
  },

  async lastRun(
    ctx: PgContext,
    mode: SyncMode | undefined,
    statuses: readonly RunStatus[] | undefined,
  ): Promise<RunRecord | undefined> {
    const where = ['shop = $1'];
    const params: unknown[] = [ctx.shop];
    if (mode !== undefined) {
      params.push(mode);
      where.push(`mode = $${params.length}`);
    }
    if (statuses !== undefined && statuses.length > 0) {
      params.push([...statuses]);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    const row = await one<RunRow>(
      ctx.pool,
      `SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT 1`,
      params,
    );
    return row === undefined ? undefined : toRun(row);
  },

  async recordPublishedFeed(
    ctx: PgContext,
    feed: Omit<PublishedFeedRecord, 'id'>,
  ): Promise<PublishedFeedRecord> {
    const row = await one<{ id: number }>(
      ctx.pool,
      `INSERT INTO feeds (shop, run_id, path, sha256, offers, available, bytes, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        ctx.shop,
        feed.runId,
        feed.path,
        feed.sha256,
        feed.offers,
        feed.available,
        feed.bytes,
        feed.publishedAt.getTime(),
      ],
    );
    return { ...feed, id: row?.id ?? 0 };
  },

  async lastPublishedFeed(ctx: PgContext): Promise<PublishedFeedRecord | undefined> {
    const row = await one<FeedRow>(
      ctx.pool,
      'SELECT * FROM feeds WHERE shop = $1 ORDER BY id DESC LIMIT 1',
      [ctx.shop],
    );
    return row === undefined ? undefined : toFeed(row);
  },
};
