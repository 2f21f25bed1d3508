import type Database from 'better-sqlite3';

/** One target's row of the publish outbox: the newest feed it should hold and what it holds. */
export interface TargetOutboxRecord {
  readonly target: string;
  readonly kind: string;
  readonly url: string;
  /** The newest published feed this target should hold (`feeds.id`). */
  readonly wantedFeedId: number;
  readonly wantedSha256: string;
  readonly queuedAt: Date;
  /** The newest feed confirmed on the target (uploaded and read back). */
  readonly deliveredFeedId?: number | undefined;
  readonly deliveredSha256?: string | undefined;
  readonly deliveredAt?: Date | undefined;
  /** Failed attempts since the wanted feed was queued. */
  readonly attempts: number;
  readonly lastError?: string | undefined;
  readonly lastAttemptAt?: Date | undefined;
}

/** A feed queued for one target. */
export interface TargetFeedEntry {
  readonly target: string;
  readonly kind: string;
  readonly url: string;
  readonly feedId: number;
  readonly sha256: string;
  readonly at: Date;
}

/** A `target_outbox` row. */
export interface OutboxRow {
  target: string;
  kind: string;
  url: string;
  wanted_feed_id: number;
  wanted_sha256: string;
  queued_at: number;
  delivered_feed_id: number | null;
  delivered_sha256: string | null;
  delivered_at: number | null;
  attempts: number;
  last_error: string | null;
  last_attempt_at: number | null;
}

/** Queues a feed; a feed older than the one already wanted never replaces it. */
export function queueTargetFeed(db: Database.Database, entry: TargetFeedEntry): void {
  db.prepare(
    `INSERT INTO target_outbox (target, kind, url, wanted_feed_id, wanted_sha256, queued_at, attempts)
     VALUES (@target, @kind, @url, @feedId, @sha256, @at, 0)
     ON CONFLICT (target) DO UPDATE SET kind = excluded.kind, url = excluded.url,
       attempts = CASE WHEN excluded.wanted_feed_id > wanted_feed_id THEN 0 ELSE attempts END,
       queued_at = CASE WHEN excluded.wanted_feed_id > wanted_feed_id THEN excluded.queued_at ELSE queued_at END,
       wanted_sha256 = CASE WHEN excluded.wanted_feed_id > wanted_feed_id THEN excluded.wanted_sha256 ELSE wanted_sha256 END,
       wanted_feed_id = MAX(wanted_feed_id, excluded.wanted_feed_id)`,
  ).run({ ...entry, at: entry.at.getTime() });
}

/**
 * Takes the target for one delivery attempt unless another process holds it; the lease expires
 * so a crashed process never blocks the target for good.
 */
export function claimTarget(
  db: Database.Database,
  target: string,
  now: Date,
  leaseMs: number,
): TargetOutboxRecord | undefined {
  return db.transaction(() => {
    const result = db
      .prepare(
        'UPDATE target_outbox SET lease_until = ? WHERE target = ? AND (lease_until IS NULL OR lease_until < ?)',
      )
      .run(now.getTime() + leaseMs, target, now.getTime());
    if (result.changes === 0) return undefined;
    const row = db.prepare('SELECT * FROM target_outbox WHERE target = ?').get(target) as
      | OutboxRow
      | undefined;
    return row === undefined ? undefined : toRecord(row);
  })();
}

/** Records a confirmed delivery; never moves the delivered feed backwards. Frees the lease. */
export function recordTargetDelivered(
  db: Database.Database,
  target: string,
  feed: { readonly feedId: number; readonly sha256: string; readonly at: Date },
): void {
  db.prepare(
    `UPDATE target_outbox SET lease_until = NULL, last_attempt_at = @at,
       attempts = CASE WHEN @feedId >= wanted_feed_id THEN 0 ELSE attempts END,
       last_error = CASE WHEN @feedId >= wanted_feed_id THEN NULL ELSE last_error END,
       delivered_sha256 = CASE WHEN delivered_feed_id IS NULL OR @feedId > delivered_feed_id THEN @sha256 ELSE delivered_sha256 END,
       delivered_at = CASE WHEN delivered_feed_id IS NULL OR @feedId > delivered_feed_id THEN @at ELSE delivered_at END,
       delivered_feed_id = MAX(COALESCE(delivered_feed_id, 0), @feedId)
     WHERE target = @target`,
  ).run({ target, feedId: feed.feedId, sha256: feed.sha256, at: feed.at.getTime() });
}

/** Records a failed attempt (the message must already be redacted). Frees the lease. */
export function recordTargetFailed(
  db: Database.Database,
  target: string,
  failure: { readonly error: string; readonly at: Date },
): void {
  db.prepare(
    `UPDATE target_outbox SET lease_until = NULL, attempts = attempts + 1, last_error = ?,
       last_attempt_at = ? WHERE target = ?`,
  ).run(failure.error, failure.at.getTime(), target);
}

/** Frees a lease without recording an attempt (nothing was tried). */
export function releaseTarget(db: Database.Database, target: string): void {
  db.prepare('UPDATE target_outbox SET lease_until = NULL WHERE target = ?').run(target);
}

/** Every outbox row, by target name. */
export function targetOutbox(db: Database.Database): TargetOutboxRecord[] {
  const rows = db.prepare('SELECT * FROM target_outbox ORDER BY target').all() as OutboxRow[];
  return rows.map(toRecord);
}

/** A target outbox record from its row. */
export function toRecord(row: OutboxRow): TargetOutboxRecord {
  return {
    target: row.target,
    kind: row.kind,
    url: row.url,
    wantedFeedId: row.wanted_feed_id,
    wantedSha256: row.wanted_sha256,
    queuedAt: new Date(row.queued_at),
    deliveredFeedId: row.delivered_feed_id ?? undefined,
    deliveredSha256: row.delivered_sha256 ?? undefined,
    deliveredAt: row.delivered_at === null ? undefined : new Date(row.delivered_at),
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    lastAttemptAt: row.last_attempt_at === null ? undefined : new Date(row.last_attempt_at),
  };
}
