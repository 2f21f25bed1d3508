import type { RedactedRequest } from './redact.js';

/** Fields of an {@link HttpKitError} (already redacted) and `cause`; `isRetryable` defaults to `false`. */
export type HttpKitErrorOptions = {
  readonly [K in 'status' | 'body' | 'request' | 'cause' | 'isRetryable']?:
    | HttpKitError[K]
    | undefined;
};

/** A class that carries its own brand, as every {@link HttpKitError} subclass does. */
export interface BrandedClass<T> {
  /** `Symbol.for(...)` marker of this class alone. */
  readonly brand: symbol;
  /** Lets `isInstance` narrow to the class it is called on. */
  readonly prototype: T;
}

/**
 * Base of every error the kaspi-connect clients throw. Each subclass declares its own
 * `static readonly brand = Symbol.for('<package>/<Class>')`; the constructor marks the instance
 * with the brand of its class and of every ancestor, so `X.isInstance(e)` is true exactly for `X`
 * and its subclasses, even across two installed copies of a package.
 */
export class HttpKitError extends Error {
  /** Marker of this class; every subclass must declare its own. */
  static readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/HttpKitError');
  override readonly name: string = 'HttpKitError';
  /** HTTP status when a response was received. */
  readonly status: number | undefined;
  /** Parsed (or raw text) response body, redacted. */
  readonly body: unknown;
  /** The request, secrets redacted. */
  readonly request: RedactedRequest | undefined;
  /** Whether repeating the same request later may succeed. */
  readonly isRetryable: boolean;

  constructor(message: string, options: HttpKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.body = options.body;
    this.request = options.request;
    this.isRetryable = options.isRetryable ?? false;
    markBrands(this, new.target);
  }

  /** `instanceof` that also works across two installed copies: never true for a sibling class. */
  static readonly isInstance: <T>(this: BrandedClass<T>, value: unknown) => value is T = hasBrand;
}

/** `isInstance` of every class: reads the brand of the class it is called on. */
function hasBrand<T>(this: BrandedClass<T>, value: unknown): value is T {
  return (value as Record<symbol, unknown> | null | undefined)?.[this.brand] === true;
}

/** Marks `target` with the brand each class of its chain declares itself (not an inherited one). */
function markBrands(target: object, leaf: unknown): void {
  for (let cls = leaf; typeof cls === 'function'; cls = Object.getPrototypeOf(cls)) {
    const brand = Object.hasOwn(cls, 'brand') ? (cls as { brand?: unknown }).brand : undefined;
    if (typeof brand === 'symbol') Object.defineProperty(target, brand, { value: true });
  }
}
