import type { CartLock } from '@kaspi-connect/alstyle-client';
import pLimit from 'p-limit';
import type { Pool } from 'pg';
import { acquireSessionLock } from './session-lock.js';
import { LOCK_SPACE, scopeLockKey, tokenScope } from './token-scope.js';

/** Options of `createPostgresCartLock`. */
export interface PostgresCartLockOptions {
  readonly pool: Pool;
  /** The supplier token: only its hash (with the host) keys the lock. */
  readonly token: string;
  readonly baseUrl: string;
}

/**
 * A `CartLock` shared by every process that uses one token: the supplier account has one cart,
 * so one cart flow at a time per token, whichever worker runs it. A session advisory lock, held
 * for the whole flow and released by PostgreSQL if the holder dies.
 */
export function createPostgresCartLock(options: PostgresCartLockOptions): CartLock {
  const key = scopeLockKey(tokenScope(options.token, options.baseUrl));
  const local = pLimit(1);
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return local(async () => {
        const lock = await acquireSessionLock(options.pool, LOCK_SPACE.cartLock, key, signal);
        try {
          return await task();
        } finally {
          await lock.release();
        }
      });
    },
  };
}
