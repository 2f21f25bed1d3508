import pg from 'pg';
import { PG_MIGRATIONS } from './migrations.js';

// bigint columns hold epoch milliseconds and counts: far below 2^53, so plain numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** What runs one query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** The worker side of one store: its pool, its shop and the session that holds the lease lock. */
export interface PgContext {
  readonly pool: pg.Pool;
  readonly shop: string;
  /** The connection holding the shop's session advisory lock while we hold the lease. */
  lockClient: pg.Client | undefined;
  /** Whether `lockClient` holds the lease lock now. */
  sessionLocked: boolean;
  readonly url: string;
}

/** Namespace of this store's advisory locks (first key), so other users of the database differ. */
export const LOCK_NAMESPACE_MIGRATE = 0x6b630001;
/** Namespace of the per-shop lease lock; the second key is `hashtext(shop)`. */
export const LOCK_NAMESPACE_LEASE = 0x6b630002;

/** Runs `fn` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(
  ctx: PgContext,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Rows of one query. */
export async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return result.rows as T[];
}

/** The first row of one query, if any. */
export async function one<T>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await rows<T>(db, sql, params))[0];
}

/** How many rows a statement changed. */
export async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.query(sql, params);
  return result.rowCount ?? 0;
}

/**
 * Applies the missing migrations in one transaction under a transaction-scoped advisory lock, so
 * two processes starting together never both migrate. Returns the schema version.
 */
export async function migrate(ctx: PgContext): Promise<number> {
  return inTransaction(ctx, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE_MIGRATE]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS kc_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)',
    );
    const row = await one<{ version: number }>(
      client,
      'SELECT version FROM kc_schema WHERE id = 1',
    );
    const current = row?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new Error(
        `the database schema is version ${current}, newer than this kaspi-connect knows (${PG_MIGRATIONS.length}): upgrade kaspi-connect`,
      );
    }
    for (let version = current; version < PG_MIGRATIONS.length; version++) {
      await client.query(PG_MIGRATIONS[version] as string);
    }
    await client.query(
      'INSERT INTO kc_schema (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
      [PG_MIGRATIONS.length],
    );
    return PG_MIGRATIONS.length;
  });
}
