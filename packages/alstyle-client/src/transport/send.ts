import pRetry from 'p-retry';
import {
  AlStyleAuthError,
  type AlStyleError,
  AlStyleHttpError,
  AlStyleNetworkError,
  AlStyleOutcomeUnknownError,
  AlStyleRateLimitError,
  type AlStyleRequestInfo,
  AlStyleSchemaError,
  AlStyleTimeoutError,
} from '../errors.js';
import type { AlStyleLogger } from '../events.js';
import { redactCause, redactSecrets, redactValue } from '../redact.js';
import { anySignal, sleep } from './sleep.js';
import type { RequestGate } from './throttle.js';

/** Retry settings for 5xx, network errors, timeouts and malformed replies (reads only). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3; `0` disables. */
  readonly retries?: number;
  /** First backoff in ms, doubled each time and multiplied by a random 1–2 (jitter). Default 1000. */
  readonly minDelayMs?: number;
  /** Backoff cap in ms. Default 30000. */
  readonly maxDelayMs?: number;
  /** Retries after a 403 "too fast" before giving up with `AlStyleAuthError`. Default 3. */
  readonly rateLimitRetries?: number;
  /** Wait after a 403 when the API gives no `Retry-After`, in ms. Default 10000. */
  readonly rateLimitBackoffMs?: number;
}

/** Everything `send` needs; built once per client. */
export interface TransportConfig {
  readonly token: string;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly gate: RequestGate;
  readonly retry: Required<RetryOptions>;
  readonly timeoutMs: number;
  readonly logger: AlStyleLogger | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Per-call facts: which endpoint, whether resending is harmless, the caller's signal. */
export interface CallContext {
  readonly endpoint: string;
  /** Reads (and `clear`): retried on 5xx, network errors, timeouts and malformed replies. */
  readonly idempotent: boolean;
  /**
   * Resend after a 403 / throttle answer. A 403 means the API refused the call before acting,
   * so this is on for cart add/remove/cancel too, and off only for `submit`, `order-confirm`
   * and `orders-files`, which are never resent at all.
   */
  readonly retryOnRateLimit: boolean;
  readonly signal?: AbortSignal | undefined;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isImagesThrottle(value: unknown): value is { success: false; interval: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { success?: unknown }).success === false &&
    typeof (value as { interval?: unknown }).interval === 'number'
  );
}

/**
 * Sends one logical request: throttle → per-attempt timeout → fetch, with bounded 403 recovery
 * and backoff retries for reads. Adds the token at the last moment so nothing above sees it.
 * Returns a fresh 2xx `Response` whose body is known to be JSON.
 */
export async function send(
  config: TransportConfig,
  request: Request,
  context: CallContext,
): Promise<Response> {
  const signal = anySignal(config.signal, context.signal);
  signal?.throwIfAborted();
  const { token, retry, logger } = config;

  const url = new URL(request.url);
  url.searchParams.set('access-token', token);
  const info: AlStyleRequestInfo = {
    method: request.method,
    url: redactSecrets(url.toString(), token),
    endpoint: context.endpoint,
  };
  const body = request.body === null ? undefined : await request.arrayBuffer();
  let attempt = 0;

  const attemptOnce = (): Promise<Response> =>
    config.gate.schedule(async (gateAttempt) => {
      attempt += 1;
      logger?.({
        type: 'http.request',
        method: info.method,
        url: info.url,
        endpoint: info.endpoint,
        attempt,
      });
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new Error('per-attempt timeout')),
        config.timeoutMs,
      );
      const attemptSignal = anySignal(signal, timeout.signal);
      const started = performance.now();
      try {
        const response = await config.fetch(
          new Request(url, {
            method: request.method,
            headers: request.headers,
            ...(body === undefined ? {} : { body }),
            ...(attemptSignal ? { signal: attemptSignal } : {}),
          }),
        );
        // Headers are in: what follows is reading the body, which says nothing about arrivals.
        gateAttempt?.responded();
        const text = await response.text();
        logger?.({
          type: 'http.response',
          method: info.method,
          url: info.url,
          endpoint: info.endpoint,
          status: response.status,
          durationMs: Math.round(performance.now() - started),
        });
        return classify(response, text);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.signal.aborted) {
          throw new AlStyleTimeoutError(
            `${info.method} ${info.endpoint} took longer than ${config.timeoutMs} ms`,
            { request: info, isRetryable: true },
          );
        }
        if (isClassifiedError(error)) throw error;
        const code = errorCode(error);
        throw new AlStyleNetworkError(
          `${info.method} ${info.endpoint} failed without a response${code ? ` (${code})` : ''}`,
          {
            request: info,
            cause: redactCause(error, token),
            isRetryable: true,
            notSent: code !== undefined && NOT_SENT_CODES.has(code),
          },
        );
      } finally {
        clearTimeout(timer);
      }
    }, signal);

  const classify = (response: Response, text: string): Response => {
    const parsed = tryParseJson(text);
    const redactedBody = parsed.ok
      ? redactValue(parsed.value, token)
      : redactSecrets(text.slice(0, 500), token);
    const base = { request: info, status: response.status, body: redactedBody };
    if (response.ok) {
      if (!parsed.ok) {
        throw new AlStyleSchemaError(
          `${info.endpoint} answered ${response.status} with a body that is not JSON`,
          {
            ...base,
            endpoint: info.endpoint,
            path: '',
            value: redactedBody,
            isRetryable: true,
          },
        );
      }
      if (info.endpoint === '/api/images' && isImagesThrottle(parsed.value)) {
        throw new AlStyleRateLimitError(
          `${info.endpoint} asked to wait ${parsed.value.interval} s`,
          {
            ...base,
            isRetryable: true,
            retryAfterMs: parsed.value.interval * 1000,
          },
        );
      }
      // Fresh headers: the body is already decoded, so the original length and encoding no longer apply.
      return new Response(text, {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (response.status === 401) {
      throw new AlStyleAuthError(`${info.endpoint} rejected the access token (401)`, base);
    }
    if (response.status === 403 || response.status === 429) {
      config.gate.rateLimited?.();
      throw new AlStyleRateLimitError(
        `${info.endpoint} answered ${response.status}: called too fast`,
        {
          ...base,
          isRetryable: true,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        },
      );
    }
    throw new AlStyleHttpError(`${info.method} ${info.endpoint} answered HTTP ${response.status}`, {
      ...base,
      isRetryable: response.status >= 500,
    });
  };

  // Layer 1: "too fast" answers wait (Retry-After, the images interval, or the fixed backoff)
  // and go back through the throttle; writes are never resent.
  const rateLimitRetries = context.retryOnRateLimit ? retry.rateLimitRetries : 0;
  const withRateLimitRecovery = async (): Promise<Response> => {
    try {
      return await pRetry(attemptOnce, {
        retries: rateLimitRetries,
        minTimeout: 0,
        ...(signal ? { signal } : {}),
        shouldRetry: ({ error }) => error instanceof AlStyleRateLimitError,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (!(error instanceof AlStyleRateLimitError) || retriesLeft <= 0) return;
          const waitMs = error.retryAfterMs ?? retry.rateLimitBackoffMs;
          logger?.({
            type: 'rate-limit.hit',
            endpoint: info.endpoint,
            status: error.status ?? 0,
            waitMs,
          });
          await sleep(waitMs, signal);
        },
      });
    } catch (error) {
      if (
        error instanceof AlStyleRateLimitError &&
        error.status === 403 &&
        context.retryOnRateLimit
      ) {
        throw new AlStyleAuthError(
          `${info.endpoint} kept answering 403 after ${rateLimitRetries} spaced retries: the token lacks access or another process uses it`,
          { request: info, status: 403, body: error.body, cause: error },
        );
      }
      throw error;
    }
  };

  try {
    return await pRetry(withRateLimitRecovery, {
      retries: retry.retries,
      factor: 2,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      randomize: true,
      ...(signal ? { signal } : {}),
      shouldRetry: ({ error }) => shouldRetry(error, context.idempotent),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && shouldRetry(error, context.idempotent)) {
          logger?.({
            type: 'http.retry',
            endpoint: info.endpoint,
            attempt: attemptNumber,
            reason: error.message,
            retriesLeft,
          });
        }
      },
    });
  } catch (error) {
    if (!context.idempotent && isAmbiguous(error)) {
      throw new AlStyleOutcomeUnknownError(
        `${info.method} ${info.endpoint} may or may not have taken effect (${(error as Error).message}); it was not resent`,
        {
          request: info,
          status: (error as AlStyleError).status,
          body: (error as AlStyleError).body,
          cause: error,
        },
      );
    }
    throw error;
  }
}

function isClassifiedError(error: unknown): error is AlStyleError {
  return (
    error instanceof AlStyleHttpError ||
    error instanceof AlStyleRateLimitError ||
    error instanceof AlStyleAuthError ||
    error instanceof AlStyleSchemaError
  );
}

function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof AlStyleRateLimitError || error instanceof AlStyleAuthError) return false;
  if (!idempotent) return error instanceof AlStyleNetworkError && error.notSent;
  return (
    error instanceof AlStyleNetworkError ||
    error instanceof AlStyleTimeoutError ||
    (error instanceof AlStyleHttpError && error.isRetryable) ||
    (error instanceof AlStyleSchemaError && error.isRetryable)
  );
}

function isAmbiguous(error: unknown): boolean {
  if (error instanceof AlStyleNetworkError) return !error.notSent;
  if (error instanceof AlStyleTimeoutError) return true;
  if (error instanceof AlStyleSchemaError) return error.isRetryable;
  return error instanceof AlStyleHttpError && (error.status ?? 0) >= 500;
}
