import type { KaspiLogger } from '../events.js';

/** Kaspi's production API root; relative links resolve against it. */
export const KASPI_API_ROOT = 'https://kaspi.kz/shop/api';

/** Retry settings for reads (and for status changes after a re-read). */
export interface KaspiRetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly retries?: number;
  /** First backoff delay in ms. Default 500. */
  readonly minTimeout?: number;
  /** Longest backoff delay in ms. Default 10 000. */
  readonly maxTimeout?: number;
  /** Backoff multiplier. Default 2. */
  readonly factor?: number;
  /** Longest `Retry-After` honoured, in ms. Default 60 000. */
  readonly maxRetryAfter?: number;
}

/** Client-side rate limit: at most `limit` requests per `interval` ms. */
export interface KaspiRateLimitOptions {
  readonly limit: number;
  readonly interval: number;
}

/** Resolved transport settings. */
export interface TransportConfig {
  readonly token: string;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly merchantUid: string | undefined;
  readonly fetch: typeof fetch | undefined;
  readonly retry: Required<KaspiRetryOptions> | false;
  readonly timeoutMs: number;
  readonly rateLimit: KaspiRateLimitOptions | false;
  readonly logger: KaspiLogger;
  readonly signal: AbortSignal | undefined;
}
