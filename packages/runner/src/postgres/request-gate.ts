import type { GateAttempt, RequestGate } from '@kaspi-connect/alstyle-client';
import pLimit from 'p-limit';
import type { Pool } from 'pg';
import { acquireSessionLock } from './session-lock.js';
import { LOCK_SPACE, scopeLockKey, tokenScope } from './token-scope.js';
import { ensureWorkerTables } from './worker-tables.js';

/** Options of `createPostgresRequestGate`. */
export interface PostgresRequestGateOptions {
  readonly pool: Pool;
  /** The supplier token: only its hash (with the host) is stored. */
  readonly token: string;
  /** The supplier's API root, such as `https://api.al-style.kz`. */
  readonly baseUrl: string;
  /** The supplier's limit, in ms (Al-Style: 5000). */
  readonly intervalMs: number;
  /** Added to the interval (Al-Style: 500). */
  readonly marginMs: number;
}

/**
 * A `RequestGate` shared by every process that uses one token: requests start no sooner than
 * `intervalMs + marginMs` after the previous response, whichever process sent it ('response'
 * spacing; the server received a request before it answered, so no latency can bring two
 * arrivals closer). One advisory lock per token serialises the requests; a row per token (its
 * hash) holds the next allowed start, by the database's clock so machines' clocks do not matter.
 */
export function createPostgresRequestGate(options: PostgresRequestGateOptions): RequestGate {
  const spacingMs = options.intervalMs + options.marginMs;
  const scope = tokenScope(options.token, options.baseUrl);
  const key = scopeLockKey(scope);
  // One connection per process waits for the lock; the others wait here, not in the pool.
  const local = pLimit(1);
  const pool = options.pool;
  let penaltyMs = 0;

  async function setNext(client: { query: Pool['query'] }, ms: number): Promise<void> {
    await client.query(
      `INSERT INTO kc_request_gate (scope, next_at)
       VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
       ON CONFLICT (scope) DO UPDATE SET next_at = EXCLUDED.next_at`,
      [scope, ms],
    );
  }

  async function inSlot<T>(
    task: (attempt?: GateAttempt) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    await ensureWorkerTables(pool);
    const lock = await acquireSessionLock(pool, LOCK_SPACE.requestGate, key, signal);
    try {
      const { rows } = await lock.client.query<{ wait: number }>(
        `SELECT GREATEST(0, EXTRACT(EPOCH FROM next_at - clock_timestamp()) * 1000)::float8 AS wait
         FROM kc_request_gate WHERE scope = $1`,
        [scope],
      );
      const wait = rows[0]?.wait ?? 0;
      if (wait > 0) await abortableSleep(Math.ceil(wait), signal);
      // Committed before the request: a process killed mid-request still leaves a full spacing.
      await setNext(lock.client, spacingMs);
      try {
        return await task({ responded: () => {} });
      } finally {
        await setNext(lock.client, spacingMs + penaltyMs);
        penaltyMs = 0;
      }
    } finally {
      await lock.release();
    }
  }

  return {
    spacingMs,
    spacingFrom: 'response',
    schedule<T>(task: (attempt?: GateAttempt) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return local(() => inSlot(task, signal));
    },
    rateLimited(): void {
      // The supplier still saw two requests too close (another program on the token?): wait one
      // more spacing after this response.
      penaltyMs = spacingMs;
    },
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
