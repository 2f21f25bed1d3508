import * as v from 'valibot';
import {
  KaspiAuthError,
  KaspiError,
  KaspiHtmlResponseError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiServerError,
  KaspiValidationError,
} from '../errors.js';
import { type RedactedRequest, redactText, redactValue } from '../redact.js';
import { ErrorDocumentSchema } from '../schemas/common.js';

const MAX_BODY_CHARS = 2000;

/** `Retry-After` in ms: seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The body for an error, redacted, and Kaspi's `errors[].title` values when it is JSON:API. */
function readErrorBody(contentType: string, text: string, secrets: readonly string[]) {
  let body: unknown = redactText(text.slice(0, MAX_BODY_CHARS), secrets);
  let titles: string[] = [];
  if (!/json/i.test(contentType) && !/^\s*[{[]/.test(text)) return { body, titles };
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
  return { body, titles };
}

/** Maps a non-200 (or HTML) answer to the error class callers branch on. */
export function toHttpError(
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
  const { body, titles } = readErrorBody(contentType, text, secrets);
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
