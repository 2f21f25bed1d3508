import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { feedEtag } from '../server/served-feed.js';
import { ensureWorkerTables } from './worker-tables.js';

/** A shop's published feed as the database keeps it. */
export interface StoredShopFeed {
  readonly shop: string;
  readonly body: Buffer;
  /** Hex SHA-256 of `body`. */
  readonly sha256: string;
  /** The ETag every feed server sends for it. */
  readonly etag: string;
  readonly offers: number | undefined;
  readonly publishedAt: Date;
}

/**
 * Stores a shop's newly published feed, so any node can serve it. Nothing changes when the
 * bytes are the same (the ETag and `publishedAt` stay, and Kaspi keeps getting 304). An empty
 * body is refused: a gutted feed must never replace the last good one.
 */
export async function saveShopFeed(
  pool: Pool,
  shop: string,
  body: Buffer,
  details: { readonly offers?: number | undefined; readonly publishedAt?: Date | undefined } = {},
): Promise<'stored' | 'unchanged'> {
  if (body.byteLength === 0) {
    throw new Error(
      `refusing to store an empty feed for shop "${shop}": the last good feed stays live`,
    );
  }
  await ensureWorkerTables(pool);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const result = await pool.query(
    `INSERT INTO kc_shop_feed (shop, body, sha256, etag, offers, published_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (shop) DO UPDATE SET body = EXCLUDED.body, sha256 = EXCLUDED.sha256,
       etag = EXCLUDED.etag, offers = EXCLUDED.offers, published_at = EXCLUDED.published_at
     WHERE kc_shop_feed.sha256 <> EXCLUDED.sha256`,
    [shop, body, sha256, feedEtag(body), details.offers ?? null, details.publishedAt ?? new Date()],
  );
  return result.rowCount === 0 ? 'unchanged' : 'stored';
}

/** The validators of a shop's feed, without its bytes: what a server checks on every request. */
export async function shopFeedVersion(
  pool: Pool,
  shop: string,
): Promise<{ sha256: string; publishedAt: Date } | undefined> {
  await ensureWorkerTables(pool);
  const { rows } = await pool.query<{ sha256: string; published_at: Date }>(
    'SELECT sha256, published_at FROM kc_shop_feed WHERE shop = $1',
    [shop],
  );
  const row = rows[0];
  return row === undefined ? undefined : { sha256: row.sha256, publishedAt: row.published_at };
}

/** A shop's feed with its bytes. */
export async function loadShopFeed(pool: Pool, shop: string): Promise<StoredShopFeed | undefined> {
  await ensureWorkerTables(pool);
  const { rows } = await pool.query<{
    body: Buffer;
    sha256: string;
    etag: string;
    offers: number | null;
    published_at: Date;
  }>('SELECT body, sha256, etag, offers, published_at FROM kc_shop_feed WHERE shop = $1', [shop]);
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    shop,
    body: row.body,
    sha256: row.sha256,
    etag: row.etag,
    offers: row.offers ?? undefined,
    publishedAt: row.published_at,
  };
}

/** How many of `shops` have a stored feed, for `/healthz`. */
export async function countShopFeeds(pool: Pool, shops: readonly string[]): Promise<number> {
  await ensureWorkerTables(pool);
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM kc_shop_feed WHERE shop = ANY($1)',
    [shops],
  );
  return Number(rows[0]?.n ?? 0);
}
