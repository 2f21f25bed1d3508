import { HttpKitError, type HttpKitErrorOptions } from '@kaspi-connect/http-kit';

const PREFIX = '@kaspi-connect/kaspi-client/';

/** The brand of one error class; `Symbol.for` so two installed copies agree. */
const brand = (name: string): symbol => Symbol.for(`${PREFIX}${name}`);

/** What a {@link KaspiError} carries besides its message. */
export interface KaspiErrorOptions extends HttpKitErrorOptions {
  readonly titles?: readonly string[] | undefined;
}

/**
 * Base class of every error the client throws for a Kaspi call. The request and body never hold
 * the token: it is redacted before the error is built. `X.isInstance(e)` answers for `X` and its
 * subclasses only, also across two installed copies of this package.
 */
export class KaspiError extends HttpKitError {
  static override readonly brand: symbol = brand('KaspiError');
  /** The class's name, read from the brand each class declares. */
  override readonly name: string =
    (this.constructor as typeof KaspiError).brand.description?.slice(PREFIX.length) ?? 'KaspiError';
  /** Kaspi's `errors[].title` values, verbatim (secrets redacted). */
  readonly titles: readonly string[];

  constructor(message: string, options: KaspiErrorOptions = {}) {
    super(message, options);
    this.titles = options.titles ?? [];
  }
}

/** 401 or 403: the token is missing, wrong or lacks rights. Kaspi's exact answer is undocumented. */
export class KaspiAuthError extends KaspiError {
  static override readonly brand: symbol = brand('KaspiAuthError');
}

/** 404 with a JSON body: the order, entry or other resource does not exist. */
export class KaspiNotFoundError extends KaspiError {
  static override readonly brand: symbol = brand('KaspiNotFoundError');
}

/** 400/409/422: Kaspi refused the request; `titles` holds its explanation verbatim. */
export class KaspiValidationError extends KaspiError {
  static override readonly brand: symbol = brand('KaspiValidationError');
}

/** 429: too many requests. `retryAfterMs` comes from `Retry-After` when sent. */
export class KaspiRateLimitError extends KaspiError {
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
  static override readonly brand: symbol = brand('KaspiServerError');
}

/** One attempt took longer than `timeoutMs` (Kaspi is known to hang without a User-Agent). */
export class KaspiTimeoutError extends KaspiError {
  static override readonly brand: symbol = brand('KaspiTimeoutError');
}

/** The connection failed before any response (DNS, reset, refused). */
export class KaspiNetworkError extends KaspiError {
  static override readonly brand: symbol = brand('KaspiNetworkError');
}

/**
 * An HTML page came back instead of JSON. Kaspi answers an HTML 404 when `Accept` is missing;
 * proxies answer HTML 5xx pages. Retryable only for 5xx.
 */
export class KaspiHtmlResponseError extends KaspiError {
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
  static override readonly brand: symbol = brand('KaspiStatusConflictError');
}
