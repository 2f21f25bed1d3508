import pRetry from 'p-retry';
import { delay } from '../delay.js';
import { KaspiError, KaspiRateLimitError } from '../errors.js';
import type { TransportConfig } from './options.js';

/** The n-th backoff delay (1-based) of the retry policy; 0 when retries are off. */
export function backoffDelay(retry: TransportConfig['retry'], n: number): number {
  return retry ? Math.min(retry.minTimeout * retry.factor ** (n - 1), retry.maxTimeout) : 0;
}

/** Runs `fn` with the read retry policy: retryable Kaspi errors only, `Retry-After` capped. */
export function retrying<T>(
  config: TransportConfig,
  fn: () => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  const retry = config.retry;
  if (!retry) return fn();
  return pRetry(fn, {
    retries: retry.retries,
    minTimeout: retry.minTimeout,
    maxTimeout: retry.maxTimeout,
    factor: retry.factor,
    randomize: false,
    ...(signal ? { signal } : {}),
    shouldRetry: ({ error }) => KaspiError.isInstance(error) && error.isRetryable,
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (!KaspiError.isInstance(error) || !error.isRetryable || retriesLeft === 0) return;
      config.logger({
        type: 'http.retry',
        method: error.request?.method ?? '',
        url: error.request?.url ?? '',
        attempt: attemptNumber,
        retriesLeft,
        error: error.message,
        status: error.status,
      });
      if (error instanceof KaspiRateLimitError && error.retryAfterMs !== undefined) {
        await delay(Math.min(error.retryAfterMs, retry.maxRetryAfter), signal);
      }
    },
  });
}
