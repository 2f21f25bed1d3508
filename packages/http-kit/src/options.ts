import type { EventHandler } from './events.js';

/** A `fetch` the clients accept: the global one, undici's, or a test handler. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Retry settings, the same words in every client. Reads are retried on 5xx, timeouts, network
 * errors and malformed replies; writes only as their endpoint's `effect` allows.
 */
export interface RetryOptions {
  /** Retries after the first attempt. `0` disables. */
  readonly retries?: number | undefined;
  /** First backoff in ms, multiplied by `factor` each time. */
  readonly minDelayMs?: number | undefined;
  /** Backoff cap in ms. */
  readonly maxDelayMs?: number | undefined;
  /** Backoff multiplier. Default 2. */
  readonly factor?: number | undefined;
  /** Multiply each backoff by a random 1–2 so clients sharing a server spread out. */
  readonly jitter?: boolean | undefined;
  /** Longest `Retry-After` (or equivalent) honoured, in ms. Default 60 000. */
  readonly maxRetryAfterMs?: number | undefined;
  /** Resends after a "too fast" answer, which the server refused before acting. */
  readonly rateLimitRetries?: number | undefined;
  /** Wait after a "too fast" answer that says nothing about how long, in ms. */
  readonly rateLimitBackoffMs?: number | undefined;
}

/** {@link RetryOptions} with every value filled in. */
export type ResolvedRetry = {
  readonly [K in keyof RetryOptions]-?: Exclude<RetryOptions[K], undefined>;
};

/** Client-side spacing of requests; clients extend it with their own settings. */
export interface RateLimitOptions {
  /** Minimum spacing between requests, in ms. */
  readonly intervalMs?: number | undefined;
  /** Requests allowed per `intervalMs`. Default 1. */
  readonly limit?: number | undefined;
}

/** Options every client built on the kit accepts, with the same names and meanings. */
export interface ClientOptions<E> {
  /** `fetch` to use; the global one is looked up at call time, so interceptors installed later apply. */
  readonly fetch?: FetchLike | undefined;
  /** Timeout of one attempt, in ms; waiting for the throttle is not counted. */
  readonly timeoutMs?: number | undefined;
  /** Retry policy; `false` disables every resend. */
  readonly retry?: RetryOptions | false | undefined;
  readonly rateLimit?: RateLimitOptions | undefined;
  /** Receives typed events; silent by default. */
  readonly onEvent?: EventHandler<E> | undefined;
  /** Aborts every wait, retry and request of the client. */
  readonly signal?: AbortSignal | undefined;
}

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Aborts this call's waits, retries and request. */
  readonly signal?: AbortSignal | undefined;
  /** Timeout of each attempt of this call, in ms, instead of the client's. */
  readonly timeoutMs?: number | undefined;
}

/** The kit's defaults; a client passes its own to {@link resolveRetry} where its API differs. */
export const DEFAULT_RETRY: ResolvedRetry = {
  retries: 3,
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: true,
  maxRetryAfterMs: 60_000,
  rateLimitRetries: 3,
  rateLimitBackoffMs: 10_000,
};

/** Fills in retry settings; `false` turns every resend off. Rejects nonsense with a clear message. */
export function resolveRetry(
  options: RetryOptions | false | undefined,
  defaults: ResolvedRetry = DEFAULT_RETRY,
): ResolvedRetry {
  if (options === false) return { ...defaults, retries: 0, rateLimitRetries: 0 };
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(defaults)) {
    const given = options?.[key as keyof RetryOptions] ?? value;
    if (typeof given === 'number' && !(Number.isFinite(given) && given >= 0)) {
      throw new TypeError(`retry.${key} must be a non-negative number, got ${given}`);
    }
    out[key] = given;
  }
  return out as ResolvedRetry;
}
