import type { RedactedRequest } from './redact.js';

/** The brand of one error class; `Symbol.for` so two installed copies agree. */
const brand = (name: string): symbol => Symbol.for(`@kaspi-connect/kaspi-client/${name}`);

/** A class whose `isInstance` can be asked: its brand and the instances it describes. */
interface BrandedClass<T> {
  readonly brand: symbol;
  readonly prototype: T;
}

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
    // One brand per class up the chain, so each class's isInstance answers for itself only.
    for (let c: object | null = new.target; c && Object.hasOwn(c, 'brand'); ) {
      Object.defineProperty(this, (c as BrandedClass<KaspiError>).brand, { value: true });
      c = Object.getPrototypeOf(c) as object | null;
    }
  }

  /** This class's brand; every subclass declares its own. */
  static readonly brand: symbol = brand('KaspiError');

  /**
   * `instanceof` that also works across two installed copies of this package:
   * `KaspiRateLimitError.isInstance(e)` is true for rate-limit errors only.
   */
  static isInstance<T extends KaspiError>(this: BrandedClass<T>, error: unknown): error is T {
    return typeof error === 'object' && error !== null && this.brand in error;
  }
}

/** 401 or 403: the token is missing, wrong or lacks rights. Kaspi's exact answer is undocumented. */
export class KaspiAuthError extends KaspiError {
  override name = 'KaspiAuthError';
  static override readonly brand: symbol = brand('KaspiAuthError');
}

/** 404 with a JSON body: the order, entry or other resource does not exist. */
export class KaspiNotFoundError extends KaspiError {
  override name = 'KaspiNotFoundError';
  static override readonly brand: symbol = brand('KaspiNotFoundError');
}

/** 400/409/422: Kaspi refused the request; `titles` holds its explanation verbatim. */
export class KaspiValidationError extends KaspiError {
  override name = 'KaspiValidationError';
  static override readonly brand: symbol = brand('KaspiValidationError');
}

/** 429: too many requests. `retryAfterMs` comes from `Retry-After` when sent. */
export class KaspiRateLimitError extends KaspiError {
  override name = 'KaspiRateLimitError';
  static override readonly brand: symbol = brand('KaspiRateLimitError');
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
  static override readonly brand: symbol = brand('KaspiServerError');
}

/** One attempt took longer than `timeoutMs` (Kaspi is known to hang without a User-Agent). */
export class KaspiTimeoutError extends KaspiError {
  override name = 'KaspiTimeoutError';
  static override readonly brand: symbol = brand('KaspiTimeoutError');
}

/** The connection failed before any response (DNS, reset, refused). */
export class KaspiNetworkError extends KaspiError {
  override name = 'KaspiNetworkError';
  static override readonly brand: symbol = brand('KaspiNetworkError');
}

/**
 * An HTML page came back instead of JSON. Kaspi answers an HTML 404 when `Accept` is missing;
 * proxies answer HTML 5xx pages. Retryable only for 5xx.
 */
export class KaspiHtmlResponseError extends KaspiError {
  override name = 'KaspiHtmlResponseError';
  static override readonly brand: symbol = brand('KaspiHtmlResponseError');
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
  static override readonly brand: symbol = brand('KaspiResponseValidationError');
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
  static override readonly brand: symbol = brand('KaspiStatusConflictError');
}
