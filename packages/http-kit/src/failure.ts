import type { RedactedRequest, Redactor } from './redact.js';

interface Answered {
  readonly status: number;
  readonly body: unknown;
}

/**
 * What went wrong with one attempt, before a client turns it into its own error class. The
 * transport decides resends from `kind` and the endpoint's effect, never from class names:
 * `http` (a non-2xx answer no other kind describes), `rate-limited` (the server said "too fast"
 * and did not act; `retryAfterMs` is the wait it asked for, before the cap), `auth` (the
 * credentials were refused), `malformed` (a 2xx answer whose body is not what any answer looks
 * like: not JSON, an HTML page), `timeout` (one attempt took too long), `network` (no response).
 */
export type Failure = {
  readonly request: RedactedRequest;
  readonly message?: string | undefined;
} & (
  | (Answered & { readonly kind: 'http'; readonly retryable: boolean })
  | (Answered & { readonly kind: 'rate-limited'; readonly retryAfterMs: number | undefined })
  | (Answered & { readonly kind: 'auth' })
  | (Answered & { readonly kind: 'malformed' })
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | {
      readonly kind: 'network';
      /** The system error code, e.g. `ECONNREFUSED`. */
      readonly code: string | undefined;
      /** True when the request provably never left, so even a write may be resent. */
      readonly notSent: boolean;
      /** The original error, redacted. */
      readonly cause: Error | undefined;
    }
);

/** Whether this failure leaves a write's outcome unknown (it may have taken effect). */
export function isAmbiguous(failure: Failure): boolean {
  if (failure.kind === 'network') return !failure.notSent;
  if (failure.kind === 'http') return failure.status >= 500;
  return failure.kind === 'timeout' || failure.kind === 'malformed';
}

/** Whether a read may be resent after this failure. */
export function isTransient(failure: Failure): boolean {
  if (failure.kind === 'http') return failure.retryable;
  return failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'malformed';
}

// Codes that prove the request never reached the server.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function errorCode(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth >= 4) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : errorCode(error.cause, depth + 1);
}

/** The failure of an attempt that got no response; the error's (or a cause's) code tells `notSent`. */
export function networkFailure(
  request: RedactedRequest,
  error: unknown,
  redactor: Redactor,
): Failure {
  const code = errorCode(error);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  return { kind: 'network', request, code, notSent, cause: redactor.cause(error) };
}
