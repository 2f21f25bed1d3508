import type { Pool } from 'pg';
import { LOCK_SPACE } from './token-scope.js';

/**
 * Tables of the worker mode: the supplier's next allowed request per token and the published
 * feed per shop. Created idempotently under an advisory lock, so processes starting together
 * never race on `CREATE TABLE`.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS kc_request_gate (
  scope text PRIMARY KEY,
  next_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS kc_shop_feed (
  shop text PRIMARY KEY,
  body bytea NOT NULL,
  sha256 text NOT NULL,
  etag text NOT NULL,
  offers integer,
  published_at timestamptz NOT NULL
);`;

const ready = new WeakMap<Pool, Promise<void>>();

/** Creates the worker tables once per pool. */
export function ensureWorkerTables(pool: Pool): Promise<void> {
  let done = ready.get(pool);
  if (done === undefined) {
    done = (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SPACE.schema]);
        await client.query(DDL);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    })();
    done.catch(() => ready.delete(pool));
    ready.set(pool, done);
  }
  return done;
}
