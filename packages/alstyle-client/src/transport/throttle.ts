import pThrottle from 'p-throttle';
import { Mutex } from './mutex.js';
import { sleep } from './sleep.js';

/** Rate-limit settings; the API allows one request per 5 s per token. */
export interface RateLimitOptions {
  /** Minimum spacing the API enforces, in ms. Default 5000. */
  readonly intervalMs?: number;
  /** Safety margin added to `intervalMs`, in ms. Default 500 (the reference asks for ≥ 5.5 s). */
  readonly marginMs?: number;
  /**
   * What the spacing is measured from:
   * - `'response'` (default): the next request starts no sooner than `intervalMs + marginMs`
   *   after the previous response arrived. The server received the previous request before it
   *   answered, so no network or scheduling jitter can make two arrivals closer than the
   *   interval; it costs one request duration per request.
   * - `'request'`: spacing between request starts only (p-throttle alone). Faster, but a request
   *   that travels slower than the next one can draw a 403 unless `marginMs` exceeds the jitter.
   */
  readonly spacingFrom?: 'response' | 'request';
  /**
   * Share one throttle with every client in this process that uses the same token and host
   * (default `true`). `false` gives this client a private throttle, e.g. for isolated tests.
   */
  readonly shareAcrossClients?: boolean;
}

/** Runs tasks no closer together than the configured spacing. */
export interface RequestGate {
  /** Effective spacing between requests, in ms. */
  readonly spacingMs: number;
  /** What the spacing is measured from. */
  readonly spacingFrom: 'response' | 'request';
  /** Runs `task` in the next free slot; rejects at once when `signal` aborts while waiting. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

const shared = new Map<string, RequestGate>();

function createGate(spacingMs: number, spacingFrom: 'response' | 'request'): RequestGate {
  // strict: spacing counts from when a call actually ran, so a late timer never shortens the next gap.
  const throttle = pThrottle({ limit: 1, interval: spacingMs, strict: true });
  const slot = throttle(async (task: () => Promise<void>) => task());
  // One request in flight per token, and (in 'response' mode) a wait after each response.
  // p-throttle has no notion of "after the previous call finished", hence these few lines.
  const serial = new Mutex();
  let lastResponseAt = Number.NEGATIVE_INFINITY;

  const throttled = <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let abandoned = false;
      const onAbort = (): void => {
        abandoned = true;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // An aborted task still occupies its slot (p-throttle cannot dequeue one call); it then
      // does nothing, which only costs spacing, never an extra request.
      void slot(async () => {
        signal?.removeEventListener('abort', onAbort);
        if (abandoned) return;
        try {
          resolve(await task());
        } catch (error) {
          reject(error);
        }
      });
    });

  return {
    spacingMs,
    spacingFrom,
    schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return serial.run(async () => {
        if (spacingFrom === 'response') {
          const wait = lastResponseAt + spacingMs - Date.now();
          if (wait > 0) await sleep(wait, signal);
        }
        try {
          return await throttled(task, signal);
        } finally {
          lastResponseAt = Date.now();
        }
      }, signal);
    },
  };
}

/** Returns the gate for `scopeKey`, creating it once per process when shared. */
export function getRequestGate(scopeKey: string, options: RateLimitOptions = {}): RequestGate {
  const spacingMs = (options.intervalMs ?? 5000) + (options.marginMs ?? 500);
  const spacingFrom = options.spacingFrom ?? 'response';
  if (!Number.isFinite(spacingMs) || spacingMs < 0) {
    throw new TypeError(`rateLimit spacing must be a non-negative number of ms, got ${spacingMs}`);
  }
  if (options.shareAcrossClients === false) return createGate(spacingMs, spacingFrom);
  const existing = shared.get(scopeKey);
  if (existing) {
    if (existing.spacingMs !== spacingMs || existing.spacingFrom !== spacingFrom) {
      throw new TypeError(
        `Another Al-Style client in this process already throttles this token at ${existing.spacingMs} ms ` +
          `(from ${existing.spacingFrom}); this one asks for ${spacingMs} ms (from ${spacingFrom}). Use the same rateLimit settings for one token.`,
      );
    }
    return existing;
  }
  const gate = createGate(spacingMs, spacingFrom);
  shared.set(scopeKey, gate);
  return gate;
}
