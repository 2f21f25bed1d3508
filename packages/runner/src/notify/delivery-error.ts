const BRAND = Symbol.for('kaspi-connect.NotifyDeliveryError');

/** A notification channel refused or could not take a message; the text is free of secrets. */
export class NotifyDeliveryError extends Error {
  override readonly name = 'NotifyDeliveryError';
  readonly channel: string;
  readonly status: number | undefined;
  /** Worth another attempt (5xx, 429, network); a 4xx such as a wrong chat id is not. */
  readonly isRetryable: boolean;
  /** The channel's own `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;
  readonly [BRAND] = true;

  constructor(
    channel: string,
    message: string,
    options: {
      status?: number | undefined;
      isRetryable: boolean;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.channel = channel;
    this.status = options.status;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True for this class, even from another installed copy of the package. */
  static isInstance(value: unknown): value is NotifyDeliveryError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Turns a fetch failure or a non-2xx status into a `NotifyDeliveryError`. */
export function deliveryFailure(
  channel: string,
  status: number | undefined,
  detail: string,
  retryAfterMs?: number,
  cause?: unknown,
): NotifyDeliveryError {
  const retryable = status === undefined || status === 429 || status >= 500;
  return new NotifyDeliveryError(
    channel,
    `${channel}: ${status === undefined ? 'no answer' : `HTTP ${status}`}: ${detail}`,
    { status, isRetryable: retryable, retryAfterMs, cause },
  );
}
