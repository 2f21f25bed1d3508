import pThrottle from 'p-throttle';

/** Rate-limit settings; the API allows one request per 5 s per token. */
export interface RateLimitOptions {
  /** Minimum spacing the API enforces, in ms. Default 5000. */
  readonly intervalMs?: number;
  /** Safety margin added to `intervalMs` against clock and network jitter, in ms. Default 500. */
  readonly marginMs?: number;
  /**
   * Share one throttle with every client in this process that uses the same token and host
   * (default `true`). `false` gives this client a private throttle, e.g. for isolated tests.
   */
  readonly shareAcrossClients?: boolean;
}

/** Runs tasks no closer together than the configured spacing. */
export interface RequestGate {
  /** Effective spacing between request starts, in ms. */
  readonly spacingMs: number;
  /** Runs `task` in the next free slot; rejects at once when `signal` aborts while waiting. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

const shared = new Map<string, RequestGate>();

function createGate(spacingMs: number): RequestGate {
  const throttle = pThrottle({ limit: 1, interval: spacingMs });
  const slot = throttle(async (task: () => Promise<void>) => task());
  return {
    spacingMs,
    schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<T>((resolve, reject) => {
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
    },
  };
}

/** Returns the gate for `scopeKey`, creating it once per process when shared. */
export function getRequestGate(scopeKey: string, options: RateLimitOptions = {}): RequestGate {
  const spacingMs = (options.intervalMs ?? 5000) + (options.marginMs ?? 500);
  if (!Number.isFinite(spacingMs) || spacingMs < 0) {
    throw new TypeError(`rateLimit spacing must be a non-negative number of ms, got ${spacingMs}`);
  }
  if (options.shareAcrossClients === false) return createGate(spacingMs);
  const existing = shared.get(scopeKey);
  if (existing) {
    if (existing.spacingMs !== spacingMs) {
      throw new TypeError(
        `Another Al-Style client in this process already throttles this token at ${existing.spacingMs} ms; ` +
          `this one asks for ${spacingMs} ms. Use the same rateLimit settings for one token.`,
      );
    }
    return existing;
  }
  const gate = createGate(spacingMs);
  shared.set(scopeKey, gate);
  return gate;
}
