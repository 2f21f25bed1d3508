import type { RedactedRequest } from './redact.js';

/**
 * What went wrong with one attempt, before a client turns it into its own error class. The
 * transport decides resends from `kind` and the endpoint's effect, never from class names.
 */
export type Failure = {
  readonly request: RedactedRequest;
  readonly message?: string | undefined;
} & (
  | {
      /** A non-2xx answer no other kind describes. */
      readonly kind: 'http';
      readonly status: number;
      readonly body: unknown;
      readonly retryable: boolean;
    }
  | {
      /** The server said "too fast"; it did not act on the request. */
      readonly kind: 'rate-limited';
      readonly status: number;
      readonly body: unknown;
      /** How long it asked to wait, before the cap. */
      readonly retryAfterMs: number | undefined;
    }
  | {
      /** The credentials were refused. */
      readonly kind: 'auth';
      readonly status: number;
      readonly body: unknown;
    }
  | {
      /** A 2xx answer whose body is not what any answer looks like (not JSON, an HTML page). */
      readonly kind: 'malformed';
      readonly status: number;
      readonly body: unknown;
    }
  | {
      /** One attempt took longer than its timeout. */
      readonly kind: 'timeout';
      readonly timeoutMs: number;
    }
  | {
      /** No response at all. */
      readonly kind: 'network';
      /** The system error code, e.g. `ECONNREFUSED`. */
      readonly code: string | undefined;
      /** True when the request provably never left, so even a write may be resent. */
      readonly notSent: boolean;
      /** The original error, redacted. */
      readonly cause: Error | undefined;
    }
);

/** The kinds of {@link Failure}. */
export type FailureKind = Failure['kind'];

/** Whether this failure leaves a write's outcome unknown (it may have taken effect). */
export function isAmbiguous(failure: Failure): boolean {
  switch (failure.kind) {
    case 'network':
      return !failure.notSent;
    case 'timeout':
    case 'malformed':
      return true;
    case 'http':
      return failure.status >= 500;
    default:
      return false;
  }
}

/** Whether a read may be resent after this failure. */
export function isTransient(failure: Failure): boolean {
  switch (failure.kind) {
    case 'network':
    case 'timeout':
    case 'malformed':
      return true;
    case 'http':
      return failure.retryable;
    default:
      return false;
  }
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** Reads a system error code from an error or its causes. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** Whether a system error code proves the request never reached the server. */
export function isNotSentCode(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}
