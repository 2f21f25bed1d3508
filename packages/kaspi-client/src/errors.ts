import type { RedactedRequest } from './redact.js';

const BRAND = Symbol.for('@kaspi-connect/kaspi-client/KaspiError');

/** What a {@link KaspiError} carries besides its message. */
export interface KaspiErrorOptions {
  readonly status?: number | undefined;
  readonly body?: unknown;
  readonly request?: RedactedRequest | undefined;
  readonly titles?: readonly string[] | undefined;
  readonly cause?: unknown;
  readonly isRetryable?: boolean | undefined;
}

/**
 * Base class of every error the client throws for a Kaspi call. The request and body never hold
 * the token: it is redacted before the error is built.
 */
export class KaspiError extends Error {
  override name = 'KaspiError';
  /** HTTP status, or `undefined` when no response arrived (network failure, timeout). */
  readonly status: number | undefined;
  /** Parsed JSON body, or the text (truncated to 2 000 chars) when it was not JSON. */
  readonly body: unknown;
  /** The request that failed, secrets redacted. */
  readonly request: RedactedRequest | undefined;
  /** Kaspi's `errors[].title` values, verbatim. */
  readonly titles: readonly string[];
  /** Whether repeating the same request may succeed (5xx, 429, timeouts, network errors). */
  readonly isRetryable: boolean;

  constructor(message: string, options: KaspiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.body = options.body;
    this.request = options.request;
    this.titles = options.titles ?? [];
    this.isRetryable = options.isRetryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` that also works across two installed copies of this package. */
  static isInstance(error: unknown): error is KaspiError {
    return typeof error === 'object' && error !== null && BRAND in error;
  }
}

/** 401 or 403: the token is missing, wrong or lacks rights. Kaspi's exact answer is undocumented. */
export class KaspiAuthError extends KaspiError {
  override name = 'KaspiAuthError';
}

/** 404 with a JSON body: the order, entry or other resource does not exist. */
export class KaspiNotFoundError extends KaspiError {
  override name = 'KaspiNotFoundError';
}

/** 400/409/422: Kaspi refused the request; `titles` holds its explanation verbatim. */
export class KaspiValidationError extends KaspiError {
  override name = 'KaspiValidationError';
}

/** 429: too many requests. `retryAfterMs` comes from `Retry-After` when sent. */
export class KaspiRateLimitError extends KaspiError {
  override name = 'KaspiRateLimitError';
  /** Milliseconds the server asked to wait, if it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: KaspiErrorOptions & { retryAfterMs?: number | undefined }) {
    super(message, { ...options, isRetryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 5xx: Kaspi failed; retryable. */
export class KaspiServerError extends KaspiError {
  override name = 'KaspiServerError';
}

/** One attempt took longer than `timeoutMs` (Kaspi is known to hang without a User-Agent). */
export class KaspiTimeoutError extends KaspiError {
  override name = 'KaspiTimeoutError';
}

/** The connection failed before any response (DNS, reset, refused). */
export class KaspiNetworkError extends KaspiError {
  override name = 'KaspiNetworkError';
}

/**
 * An HTML page came back instead of JSON. Kaspi answers an HTML 404 when `Accept` is missing;
 * proxies answer HTML 5xx pages. Retryable only for 5xx.
 */
export class KaspiHtmlResponseError extends KaspiError {
  override name = 'KaspiHtmlResponseError';
}

/** One schema violation inside a response. */
export interface KaspiIssue {
  /** Dotted path inside the body, e.g. `data.attributes.code` (`(root)` for the body itself). */
  readonly path: string;
  readonly message: string;
  /** What the schema expected, when valibot says. */
  readonly expected: string | null;
  /** What arrived, as valibot describes it (e.g. `"undefined"`). */
  readonly received: string;
}

/** A 200 response whose JSON does not match the documented shape; `issues` says where. */
export class KaspiResponseValidationError extends KaspiError {
  override name = 'KaspiResponseValidationError';
  /** Every schema violation, with its path, in the order valibot found them. */
  readonly issues: readonly KaspiIssue[];
  constructor(message: string, options: KaspiErrorOptions & { issues: readonly KaspiIssue[] }) {
    super(message, options);
    this.issues = options.issues;
  }
}

/**
 * A status change was refused locally after re-reading the order: it is in a status from which
 * the requested change is impossible (for example an order already cancelled).
 */
export class KaspiStatusConflictError extends KaspiError {
  override name = 'KaspiStatusConflictError';
}
