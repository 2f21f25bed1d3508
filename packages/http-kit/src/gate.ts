import pThrottle from 'p-throttle';
import type { RateLimitOptions } from './options.js';

/** Handed to each task, so a gate can time the request itself rather than reading its body. */
export interface GateAttempt {
  /** Call when the response headers have arrived. */
  responded(): void;
}

/** Where every attempt waits for its slot; implement it to share one limit across processes. */
export interface Gate {
  /** Runs `task` in the next free slot; rejects at once when `signal` aborts while waiting. */
  schedule<T>(task: (attempt?: GateAttempt) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Told when the API answered "too fast", so the gate can slow down. */
  rateLimited?(): void;
}

/** A gate of at most `limit` request starts per `intervalMs` (p-throttle). */
export function throttleGate(options: RateLimitOptions & { readonly intervalMs: number }): Gate {
  const limit = options.limit ?? 1;
  if (!(Number.isInteger(limit) && limit >= 1) || !(options.intervalMs >= 0)) {
    throw new TypeError(
      `rateLimit needs an integer limit ≥ 1 and intervalMs ≥ 0, got ${limit} per ${options.intervalMs} ms`,
    );
  }
  const throttle = pThrottle({ limit, interval: options.intervalMs, strict: true });
  const slot = throttle(async <T>(task: () => Promise<T>) => task());
  return {
    schedule(task, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = (): void => reject(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        // p-throttle cannot dequeue a call: an abandoned one keeps its slot and does nothing.
        void slot(async () => {
          signal?.removeEventListener('abort', onAbort);
          if (!signal?.aborted) await task().then(resolve, reject);
        }).catch(reject);
      });
    },
  };
}
