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
  if (failure.kind === 'timeout') {
    const message = `${where} took longer than ${failure.timeoutMs} ms`;
    return new AlStyleTimeoutError(message, { request, isRetryable: true });
  }
  if (failure.kind === 'network') {
    return new AlStyleNetworkError(
      `${where} failed without a response${failure.code ? ` (${failure.code})` : ''}`,
      { request, cause: failure.cause, isRetryable: true, notSent: failure.notSent },
    );
  }
  const { status, body, message } = failure;
  const answered = { request, status, body };
  switch (failure.kind) {
    case 'malformed':
      return new AlStyleSchemaError(
        message ?? `${request.endpoint} answered ${status} with a body that is not JSON`,
        { ...answered, endpoint: request.endpoint, path: '', value: body, isRetryable: true },
      );
    case 'rate-limited':
      return new AlStyleRateLimitError(
        message ?? `${request.endpoint} answered ${status}: called too fast`,
        { ...answered, isRetryable: true, retryAfterMs: failure.retryAfterMs },
      );
    case 'auth':
      return new AlStyleAuthError(
        message ?? `${request.endpoint} rejected the access token (${status})`,
        answered,
      );
    case 'http':
      return new AlStyleHttpError(message ?? `${where} answered HTTP ${status}`, {
        ...answered,
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
