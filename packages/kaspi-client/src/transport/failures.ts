import type { Answer, ErrorFactory, Failure, Verdict } from '@kaspi-connect/http-kit';
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
  return doc.output.errors
    .map((e) => e.title ?? e.detail)
    .filter((t): t is string => typeof t === 'string');
}

type HttpFailure = Failure & { kind: 'http' | 'auth' | 'rate-limited' };

function httpError(failure: HttpFailure, where: string): KaspiError {
  const { status, body, request } = failure;
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
export function kaspiFailures(): {
  classify: (answer: Answer) => Verdict | undefined;
  errors: ErrorFactory;
} {
  const html = new WeakSet<Failure>();
  const classify = (answer: Answer): Verdict | undefined => {
    if (!looksHtml(answer)) return undefined;
    const { request, redactedBody: body } = answer;
    const status = answer.response.status;
    const failure: Failure = { kind: 'http', request, status, body, retryable: status >= 500 };
    html.add(failure);
    return { failure };
  };
  const fromFailure = (failure: Failure): KaspiError => {
    const { request } = failure;
    const where = `${request.method} ${request.url}`;
    switch (failure.kind) {
      case 'timeout':
        return new KaspiTimeoutError(
          `Kaspi ${where} did not answer within ${failure.timeoutMs} ms`,
          { request, isRetryable: true },
        );
      case 'network':
        return new KaspiNetworkError(
          `Kaspi ${where} failed: ${failure.cause?.message ?? failure.message ?? 'no response'}`,
          { request, cause: failure.cause, isRetryable: true },
        );
      case 'malformed':
        return new KaspiError(`Kaspi ${where} answered ${failure.status} without JSON`, {
          request,
          status: failure.status,
          body: failure.body,
          isRetryable: true,
        });
      default:
        if (!html.has(failure)) return httpError(failure, where);
        return new KaspiHtmlResponseError(
          `Kaspi answered HTML instead of JSON (HTTP ${failure.status}) for ${where}; check the Accept header`,
          {
            status: failure.status,
            request,
            body: failure.body,
            isRetryable: failure.status >= 500,
          },
        );
    }
  };
  return { classify, errors: { fromFailure } };
}
