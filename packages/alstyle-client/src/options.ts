import type { FetchLike, RetryOptions as KitRetryOptions } from '@kaspi-connect/http-kit';
import type { AlStyleSchemaError } from './errors.js';
import type { AlStyleLogger } from './events.js';
import type { CartLock } from './transport/mutex.js';
import type { RateLimitOptions } from './transport/throttle.js';

/** The production host. */
export const DEFAULT_BASE_URL = 'https://api.al-style.kz';
/** The documented maximum page size of `elements*`. */
export const MAX_PAGE_SIZE = 250;
/** The documented maximum article count of `quantity` and `quantity-price`. */
export const MAX_ARTICLES_PER_STOCK_REQUEST = 1000;

/**
 * Retry settings for 5xx, network errors, timeouts and malformed replies (reads only), in the
 * kit's words. Defaults: 3 retries from 1000 ms doubling to 30 000 ms with jitter; after a 403
 * "too fast", 3 resends 10 000 ms apart (or as `Retry-After` says, up to `maxRetryAfterMs`,
 * default 60 000 ms) before giving up with `AlStyleAuthError`.
 */
export type RetryOptions = KitRetryOptions;

/** What to do with a single product (or stock entry) that fails validation. */
export type InvalidItemPolicy = 'skip' | 'throw';

/** Options of `createAlStyleClient`. */
export interface AlStyleClientOptions {
  /** Access token from the Al-Style B2B account. Sent as the `access-token` query parameter; never logged. */
  readonly token: string;
  /** API host, without `/api`. Default `https://api.al-style.kz`. */
  readonly baseUrl?: string | undefined;
  /** `fetch` to use; the global one is looked up at call time. */
  readonly fetch?: FetchLike | undefined;
  /** Request spacing; shared per token and host across the process by default. */
  readonly rateLimit?: RateLimitOptions | undefined;
  /** Retry policy for reads. Writes are never resent unless the request provably never left. */
  readonly retry?: RetryOptions | false | undefined;
  /** Timeout of one attempt, in ms (waiting for the throttle is not counted). Default 60000. */
  readonly timeoutMs?: number | undefined;
  /** Receives typed events; silent by default. */
  readonly onEvent?: AlStyleLogger | undefined;
  /** Aborts every wait, retry and request of this client. */
  readonly signal?: AbortSignal | undefined;
  /** A product or stock entry that fails validation is skipped and reported (default) or thrown. */
  readonly invalidItems?: InvalidItemPolicy | undefined;
  /** Called for each skipped item (also reported as a `data.invalid` event). */
  readonly onInvalidItem?: ((error: AlStyleSchemaError) => void) | undefined;
  /**
   * How long `createOrder` reuses `user-data` (attorneys, carriers), in ms. It rarely changes and
   * each fetch costs one rate-limit slot. Default 3 600 000 (1 h); `0` fetches it for every order.
   */
  readonly userDataCacheMs?: number | undefined;
  /**
   * Lock held by `createOrder` from clearing the cart to submitting it. Default: one lock per
   * token and host for the whole process. Supply a cross-process lock if several processes
   * share the token (the cart is per account).
   */
  readonly cartLock?: CartLock | undefined;
}
