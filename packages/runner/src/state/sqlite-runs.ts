import type Database from 'better-sqlite3';
import type { RunStatus, RunSummary, SyncMode } from '../pipeline/run-summary.js';
import { type FeedRow, type RunRow, toFeed, toRun } from './rows.js';
import type { PublishedFeedRecord, RunRecord } from './state-store.js';

/** Sync runs and the feeds they published, on SQLite. */
export class SqliteRuns {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
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
    return row === undefined ? undefined : toFeed(row);
  }
}
