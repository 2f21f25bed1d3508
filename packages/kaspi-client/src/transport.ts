import { inspect } from 'node:util';
import createClient, { type Client } from 'openapi-fetch';
import pRetry from 'p-retry';
import pThrottle from 'p-throttle';
import * as v from 'valibot';
import { delay } from './delay.js';
import {
  KaspiAuthError,
  KaspiError,
  KaspiHtmlResponseError,
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiResponseValidationError,
  KaspiServerError,
  KaspiTimeoutError,
  KaspiValidationError,
} from './errors.js';
import type { KaspiLogger } from './events.js';
import type { paths } from './kaspi-shop-api.generated.js';
import { type RedactedRequest, redactRequest, redactText, redactValue } from './redact.js';
import { ErrorDocumentSchema } from './schemas.js';

/** Kaspi's production API root; relative links resolve against it. */
export const KASPI_API_ROOT = 'https://kaspi.kz/shop/api';

const JSON_API = 'application/vnd.api+json';
const MAX_BODY_CHARS = 2000;

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

/** The HTTP layer shared by all client methods. */
export interface Transport {
  readonly api: Client<paths>;
  readonly config: TransportConfig;
  /** Runs `fn` with the read retry policy. */
  retrying<T>(fn: () => Promise<T>, signal: AbortSignal | undefined): Promise<T>;
  /** Validates `data` against `schema`, throwing {@link KaspiResponseValidationError}. */
  validate<S extends v.GenericSchema>(
    schema: S,
    data: unknown,
    response: Response | undefined,
    method: string,
  ): v.InferOutput<S>;
  /** Combines the client-wide signal with a per-call one. */
  signalFor(signal: AbortSignal | undefined): AbortSignal | undefined;
  /** Computes the n-th backoff delay (1-based) of the retry policy. */
  backoffMs(attempt: number): number;
}

class AttemptTimeout extends Error {}

/** Builds the transport: headers, throttle, per-attempt timeout, error mapping. */
export function createTransport(config: TransportConfig): Transport {
  const secrets = [config.token];
  const throttle = config.rateLimit ? pThrottle(config.rateLimit) : undefined;

  const attempt = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    const isJsonApi = new URL(request.url).pathname.includes('/v2/');
    const mediaType = isJsonApi ? JSON_API : 'application/json';
    headers.set('Accept', mediaType);
    if (isJsonApi || request.body !== null) headers.set('Content-Type', mediaType);
    headers.set('X-Auth-Token', config.token);
    headers.set('User-Agent', config.userAgent);
    if (config.merchantUid !== undefined) headers.set('X-Merchant-Uid', config.merchantUid);
    const redacted = redactRequest(request.method, request.url, headers, secrets);
    const body = request.body === null ? undefined : await request.text();

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new AttemptTimeout()), config.timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout.signal]);
    const started = Date.now();
    config.logger({ type: 'http.request', method: redacted.method, url: redacted.url });
    try {
      // Bind the global late so interceptors installed after client creation still apply.
      const fetchImpl = config.fetch ?? globalThis.fetch;
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal,
        });
        text = await response.text();
      } catch (error) {
        if (timeout.signal.aborted && !request.signal.aborted) {
          throw new KaspiTimeoutError(
            `Kaspi ${redacted.method} ${redacted.url} did not answer within ${config.timeoutMs} ms`,
            { request: redacted, isRetryable: true },
          );
        }
        if (request.signal.aborted) throw request.signal.reason;
        throw new KaspiNetworkError(
          `Kaspi ${redacted.method} ${redacted.url} failed: ${redactText(String((error as Error)?.message ?? error), secrets)}`,
          { request: redacted, cause: redactCause(error, secrets), isRetryable: true },
        );
      }
      config.logger({
        type: 'http.response',
        method: redacted.method,
        url: redacted.url,
        status: response.status,
        durationMs: Date.now() - started,
      });
      const contentType = response.headers.get('content-type') ?? '';
      const looksHtml = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text);
      if (response.status !== 200 || looksHtml) {
        throw toHttpError(response, contentType, looksHtml, text, redacted, secrets);
      }
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    } finally {
      clearTimeout(timer);
    }
  };

  const fetchForApi = throttle ? throttle(attempt) : attempt;
  const api = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: (request: Request) => fetchForApi(request),
  });

  const retry = config.retry;
  const backoffMs = (n: number): number =>
    retry ? Math.min(retry.minTimeout * retry.factor ** (n - 1), retry.maxTimeout) : 0;

  const signalFor = (signal: AbortSignal | undefined): AbortSignal | undefined => {
    const list = [config.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    return list.length === 0 ? undefined : list.length === 1 ? list[0] : AbortSignal.any(list);
  };

  return {
    api,
    config,
    backoffMs,
    signalFor,
    retrying(fn, signal) {
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
    },
    validate(schema, data, response, method) {
      const result = v.safeParse(schema, data);
      if (result.success) return result.output;
      const issues = result.issues.map((issue) => {
        const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
        return `${path}: ${issue.message}`;
      });
      const url = response ? redactText(response.url, secrets) : '';
      throw new KaspiResponseValidationError(
        `Kaspi ${method} ${url} returned an unexpected shape: ${issues.slice(0, 5).join('; ')}`,
        { issues, body: redactValue(data, secrets), status: response?.status },
      );
    },
  };
}

/** Keeps the original cause unless it mentions a secret; then a redacted copy replaces it. */
function redactCause(cause: unknown, secrets: readonly string[]): unknown {
  const text = inspect(cause, { depth: 5 });
  if (!secrets.some((s) => s.length >= 4 && text.includes(s))) return cause;
  const copy = new Error(redactText(String((cause as Error)?.message ?? cause), secrets));
  copy.name = (cause as Error)?.name ?? 'Error';
  return copy;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function toHttpError(
  response: Response,
  contentType: string,
  looksHtml: boolean,
  text: string,
  request: RedactedRequest,
  secrets: readonly string[],
): KaspiError {
  const status = response.status;
  const where = `${request.method} ${request.url}`;
  if (looksHtml) {
    return new KaspiHtmlResponseError(
      `Kaspi answered HTML instead of JSON (HTTP ${status}) for ${where}; check the Accept header`,
      {
        status,
        request,
        body: redactText(text.slice(0, MAX_BODY_CHARS), secrets),
        isRetryable: status >= 500,
      },
    );
  }
  let body: unknown = redactText(text.slice(0, MAX_BODY_CHARS), secrets);
  let titles: string[] = [];
  if (/json/i.test(contentType) || /^\s*[{[]/.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text);
      body = redactValue(parsed, secrets);
      const doc = v.safeParse(ErrorDocumentSchema, parsed);
      if (doc.success) {
        titles = doc.output.errors
          .map((e) => e.title ?? e.detail)
          .filter((t): t is string => typeof t === 'string')
          .map((t) => redactText(t, secrets));
      }
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  const detail = titles.length > 0 ? `: ${titles.join('; ')}` : '';
  const message = `Kaspi ${where} failed with HTTP ${status}${detail}`;
  const options = { status, body, request, titles };
  if (status === 401 || status === 403) return new KaspiAuthError(message, options);
  if (status === 404) return new KaspiNotFoundError(message, options);
  if (status === 429)
    return new KaspiRateLimitError(message, {
      ...options,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  if (status >= 500) return new KaspiServerError(message, { ...options, isRetryable: true });
  if (status === 400 || status === 409 || status === 422)
    return new KaspiValidationError(message, options);
  return new KaspiError(message, options);
}
