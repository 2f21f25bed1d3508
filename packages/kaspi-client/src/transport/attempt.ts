import { KaspiNetworkError, KaspiTimeoutError } from '../errors.js';
import { type RedactedRequest, redactCause, redactRequest, redactText } from '../redact.js';
import { toHttpError } from './http-error.js';
import type { TransportConfig } from './options.js';

const JSON_API = 'application/vnd.api+json';

class AttemptTimeout extends Error {}

/** Kaspi's headers: JSON:API media type under `/v2`, plain JSON elsewhere; token; User-Agent. */
function kaspiHeaders(request: Request, config: TransportConfig): Headers {
  const headers = new Headers(request.headers);
  const isJsonApi = new URL(request.url).pathname.includes('/v2/');
  const mediaType = isJsonApi ? JSON_API : 'application/json';
  headers.set('Accept', mediaType);
  if (isJsonApi || request.body !== null) headers.set('Content-Type', mediaType);
  headers.set('X-Auth-Token', config.token);
  headers.set('User-Agent', config.userAgent);
  if (config.merchantUid !== undefined) headers.set('X-Merchant-Uid', config.merchantUid);
  return headers;
}

/** Turns a failed `fetch` into the caller's abort, a timeout or a network error. */
function fetchFailure(
  error: unknown,
  request: Request,
  timeout: AbortSignal,
  redacted: RedactedRequest,
  config: TransportConfig,
): unknown {
  const where = `Kaspi ${redacted.method} ${redacted.url}`;
  if (timeout.aborted && !request.signal.aborted) {
    return new KaspiTimeoutError(`${where} did not answer within ${config.timeoutMs} ms`, {
      request: redacted,
      isRetryable: true,
    });
  }
  if (request.signal.aborted) return request.signal.reason;
  const secrets = [config.token];
  const reason = redactText(String((error as Error)?.message ?? error), secrets);
  return new KaspiNetworkError(`${where} failed: ${reason}`, {
    request: redacted,
    cause: redactCause(error, secrets),
    isRetryable: true,
  });
}

/**
 * One attempt of one request: Kaspi's headers, a per-attempt timeout, the late-bound `fetch`,
 * and errors mapped by status. Answers a plain JSON `Response` only for HTTP 200.
 */
export function createAttempt(config: TransportConfig): (request: Request) => Promise<Response> {
  const secrets = [config.token];
  return async (request) => {
    const headers = kaspiHeaders(request, config);
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
        const init = { method: request.method, headers, signal };
        response = await fetchImpl(request.url, body === undefined ? init : { ...init, body });
        text = await response.text();
      } catch (error) {
        throw fetchFailure(error, request, timeout.signal, redacted, config);
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
      if (response.status !== 200 || looksHtml)
        throw toHttpError(response, contentType, looksHtml, text, redacted, secrets);
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    } finally {
      clearTimeout(timer);
    }
  };
}
