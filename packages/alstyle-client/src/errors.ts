import { HttpKitError, type HttpKitErrorOptions } from '@kaspi-connect/http-kit';

/** One validation problem inside a payload. */
export interface AlStyleIssue {
  /** Dotted path inside the payload. */
  readonly path: string;
  readonly message: string;
  /** What the schema expected, when valibot says. */
  readonly expected: string | null;
  /** What arrived, as valibot describes it (e.g. `"string"`). */
  readonly received: string;
}

/** Fields every Al-Style error accepts. */
export type AlStyleErrorOptions = HttpKitErrorOptions;

const PREFIX = '@kaspi-connect/alstyle-client/';
const brand = (name: string): symbol => Symbol.for(`${PREFIX}${name}`);

/**
 * Base class of every error this package throws. The message, `request.url`, `body` and `cause`
 * never contain the access token.
 */
export class AlStyleError extends HttpKitError {
  static override readonly brand: symbol = brand('AlStyleError');
  /** The class's name, read from the brand each class declares. */
  override readonly name: string =
    (this.constructor as typeof AlStyleError).brand.description?.slice(PREFIX.length) ??
    'AlStyleError';
}

/** A non-2xx answer that no more specific class describes (5xx, 400, 404, 500 for a bad field). */
export class AlStyleHttpError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleHttpError');
}

/**
 * The token is invalid, or the API kept answering 403 after the bounded "too fast" retries.
 * Not retryable: a person has to look at the token or at whoever else uses it.
 */
export class AlStyleAuthError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleAuthError');
}

/** The API said "too fast" (403 or the `/images` throttle body). `retryAfterMs` when known. */
export class AlStyleRateLimitError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleRateLimitError');
  /** How long the API asked to wait, when it said so. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: AlStyleErrorOptions & { retryAfterMs?: number | undefined },
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** One attempt took longer than `timeoutMs`. */
export class AlStyleTimeoutError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleTimeoutError');
}

/** No HTTP response: connection refused or reset, DNS failure. `cause` holds the redacted original. */
export class AlStyleNetworkError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleNetworkError');
  /** `true` when the request provably never left (connection refused), so even a write may be resent. */
  readonly notSent: boolean;
  constructor(message: string, options: AlStyleErrorOptions & { notSent: boolean }) {
    super(message, options);
    this.notSent = options.notSent;
  }
}

/** A response did not match its schema, or was not JSON at all. */
export class AlStyleSchemaError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleSchemaError');
  /** The documented endpoint, e.g. `/api/quantity-price`. */
  readonly endpoint: string;
  /** Dotted path inside the payload, e.g. `elements.17.quantity` (empty for the root). */
  readonly path: string;
  /** The offending value (redacted). */
  readonly value: unknown;
  /** Every validation issue (the first one is in `path`/`value`). */
  readonly issues: readonly AlStyleIssue[];
  constructor(
    message: string,
    options: AlStyleErrorOptions & {
      endpoint: string;
      path: string;
      value: unknown;
      issues?: readonly AlStyleIssue[];
    },
  ) {
    super(message, options);
    this.endpoint = options.endpoint;
    this.path = options.path;
    this.value = options.value;
    this.issues = options.issues ?? [];
  }
}

/** The API answered 200 but said the operation failed (`status:false`, `success:false`). */
export class AlStyleOperationError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleOperationError');
}

/**
 * A write (e.g. `cart-api/submit`) may or may not have happened: it timed out, the connection
 * dropped or the server answered 5xx. It is never retried automatically; reconcile with
 * `listOrders` or ask a person.
 */
export class AlStyleOutcomeUnknownError extends AlStyleError {
  static override readonly brand: symbol = brand('AlStyleOutcomeUnknownError');
}
