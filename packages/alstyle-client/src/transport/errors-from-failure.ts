import type { ErrorFactory, Failure } from '@kaspi-connect/http-kit';
import {
  AlStyleAuthError,
  type AlStyleError,
  AlStyleHttpError,
  AlStyleNetworkError,
  AlStyleOutcomeUnknownError,
  AlStyleRateLimitError,
  AlStyleSchemaError,
  AlStyleTimeoutError,
} from '../errors.js';

/** One failed attempt as the Al-Style error callers branch on. */
function fromFailure(failure: Failure): AlStyleError {
  const { request } = failure;
  const where = `${request.method} ${request.endpoint}`;
  switch (failure.kind) {
    case 'timeout':
      return new AlStyleTimeoutError(`${where} took longer than ${failure.timeoutMs} ms`, {
        request,
        isRetryable: true,
      });
    case 'network':
      return new AlStyleNetworkError(
        `${where} failed without a response${failure.code ? ` (${failure.code})` : ''}`,
        { request, cause: failure.cause, isRetryable: true, notSent: failure.notSent },
      );
    case 'malformed':
      return new AlStyleSchemaError(
        failure.message ??
          `${request.endpoint} answered ${failure.status} with a body that is not JSON`,
        {
          request,
          status: failure.status,
          body: failure.body,
          endpoint: request.endpoint,
          path: '',
          value: failure.body,
          isRetryable: true,
        },
      );
    case 'rate-limited':
      return new AlStyleRateLimitError(
        failure.message ?? `${request.endpoint} answered ${failure.status}: called too fast`,
        {
          request,
          status: failure.status,
          body: failure.body,
          isRetryable: true,
          retryAfterMs: failure.retryAfterMs,
        },
      );
    case 'auth':
      return new AlStyleAuthError(
        failure.message ?? `${request.endpoint} rejected the access token (${failure.status})`,
        { request, status: failure.status, body: failure.body },
      );
    case 'http':
      return new AlStyleHttpError(failure.message ?? `${where} answered HTTP ${failure.status}`, {
        request,
        status: failure.status,
        body: failure.body,
        isRetryable: failure.retryable,
      });
  }
}

/** How the kit's transport builds Al-Style errors. */
export const ALSTYLE_ERRORS: ErrorFactory = {
  fromFailure,
  outcomeUnknown(error, failure) {
    const { request } = failure;
    return new AlStyleOutcomeUnknownError(
      `${request.method} ${request.endpoint} may or may not have taken effect (${error.message}); it was not resent`,
      {
        request,
        status: 'status' in failure ? failure.status : undefined,
        body: 'body' in failure ? failure.body : undefined,
        cause: error,
      },
    );
  },
  rateLimitExhausted(error, failure, retries) {
    // A 403 that spaced retries did not cure is the token, or another process using it.
    if (failure.status !== 403) return error;
    return new AlStyleAuthError(
      `${failure.request.endpoint} kept answering 403 after ${retries} spaced retries: the token lacks access or another process uses it`,
      { request: failure.request, status: 403, body: failure.body, cause: error },
    );
  },
};
