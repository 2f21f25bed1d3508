import type { Pool, PoolClient } from 'pg';

/** A session advisory lock held on its own connection; `release` unlocks and returns it. */
export interface HeldLock {
  readonly client: PoolClient;
  release(): Promise<void>;
}

/**
 * Waits for `pg_advisory_lock(space, key)` on a connection of its own. PostgreSQL queues the
 * waiters; an abort destroys the waiting connection, which withdraws the wait. If the process
 * dies, its session ends and PostgreSQL releases the lock at once: no lease to expire.
 */
export async function acquireSessionLock(
  pool: Pool,
  space: number,
  key: number,
  signal?: AbortSignal,
): Promise<HeldLock> {
  signal?.throwIfAborted();
  const client = await pool.connect();
  // A connection that dies while held (server restart, terminated backend) must not crash the
  // process: the lock is gone with it, and the next query on it fails where it is awaited.
  const onError = (): void => {};
  client.on('error', onError);
  let destroyed = false;
  const onAbort = (): void => {
    destroyed = true;
    client.release(true);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [space, key]);
  } catch (error) {
    if (!destroyed) client.release(true);
    throw signal?.aborted === true ? signal.reason : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (destroyed) throw signal?.reason;
  return {
    client,
    async release() {
      try {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [space, key]);
        client.off('error', onError);
        client.release();
      } catch {
        // A broken connection: dropping it ends the session, which releases the lock too.
        client.release(true);
      }
    },
  };
}
