import type { Answer, Failure, Verdict } from '@kaspi-connect/http-kit';
import * as v from 'valibot';
import {
  KaspiAuthError,
  KaspiError,
  KaspiHtmlResponseError,
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiServerError,
  KaspiTimeoutError,
  KaspiValidationError,
} from '../errors.js';
import { ErrorDocumentSchema } from '../schemas/common.js';

const looksHtml = (answer: Answer): boolean =>
  /html/i.test(answer.response.headers.get('content-type') ?? '') ||
  /^\s*<(!doctype|html)/i.test(answer.text);

/** Kaspi's `errors[].title` (or `detail`) values of an already redacted body. */
function titlesOf(body: unknown): string[] {
  const doc = v.safeParse(ErrorDocumentSchema, body);
  if (!doc.success) return [];
  return doc.output.errors.flatMap((e) => e.title ?? e.detail ?? []);
}

type HttpFailure = Failure & { kind: 'http' | 'auth' | 'rate-limited' };

function httpError(failure: HttpFailure, where: string, html: boolean): KaspiError {
  const { status, body, request } = failure;
  if (html)
    return new KaspiHtmlResponseError(
      `Kaspi answered HTML instead of JSON (HTTP ${status}) for ${where}; check the Accept header`,
      { status, request, body, isRetryable: status >= 500 },
    );
  const titles = titlesOf(body);
  const detail = titles.length > 0 ? `: ${titles.join('; ')}` : '';
  const message = `Kaspi ${where} failed with HTTP ${status}${detail}`;
  const options = { status, body, request, titles };
  if (failure.kind === 'auth') return new KaspiAuthError(message, options);
  if (failure.kind === 'rate-limited')
    return new KaspiRateLimitError(message, { ...options, retryAfterMs: failure.retryAfterMs });
  if (status === 404) return new KaspiNotFoundError(message, options);
  if (status >= 500) return new KaspiServerError(message, { ...options, isRetryable: true });
  if (status === 400 || status === 409 || status === 422)
    return new KaspiValidationError(message, options);
  return new KaspiError(message, options);
}

/**
 * How Kaspi's answers are read and its failures named: an HTML page (Kaspi's 404 without
 * `Accept`, a proxy's 5xx) is its own error, retryable only for 5xx; statuses map to classes.
 */
export function kaspiFailures() {
  const html = new WeakSet<Failure>();
  const classify = (answer: Answer): Verdict | undefined => {
    if (!looksHtml(answer)) return undefined;
    const { request, redactedBody: body, response } = answer;
    const { status } = response;
    const failure: Failure = { kind: 'http', request, status, body, retryable: status >= 500 };
    html.add(failure);
    return { failure };
  };
  const fromFailure = (failure: Failure): KaspiError => {
    const { request } = failure;
    const where = `${request.method} ${request.url}`;
    if (failure.kind === 'timeout')
      return new KaspiTimeoutError(`Kaspi ${where} did not answer within ${failure.timeoutMs} ms`, {
        request,
        isRetryable: true,
      });
    if (failure.kind === 'network') {
      const reason = failure.cause?.message ?? failure.message ?? 'no response';
      const message = `Kaspi ${where} failed: ${reason}`;
      return new KaspiNetworkError(message, { request, cause: failure.cause, isRetryable: true });
    }
    if (failure.kind === 'malformed') {
      const { status, body } = failure;
      const message = `Kaspi ${where} answered ${status} without JSON`;
      return new KaspiError(message, { request, status, body, isRetryable: true });
    }
    return httpError(failure, where, html.has(failure));
  };
  return { classify, errors: { fromFailure } };
}
