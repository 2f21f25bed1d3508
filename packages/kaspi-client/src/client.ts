import type { KaspiContext } from './context.js';
import type { KaspiDateEncoding } from './dates.js';
import type { KaspiLogger } from './events.js';
import { classificationResource, type KaspiClassificationApi } from './resources/classification.js';
import { entriesResource, type KaspiEntriesApi } from './resources/entries.js';
import { type KaspiOrdersApi, ordersResource } from './resources/orders.js';
import {
  type KaspiPartialCancelsApi,
  partialCancelsResource,
} from './resources/partial-cancels.js';
import {
  type KaspiPointsOfServiceApi,
  pointsOfServiceResource,
} from './resources/points-of-service.js';
import { type KaspiProductImportApi, productImportResource } from './resources/product-import.js';
import { type KaspiStatusChangesApi, statusChangesResource } from './resources/status-changes.js';
import {
  createTransport,
  KASPI_API_ROOT,
  type KaspiRateLimitOptions,
  type KaspiRetryOptions,
} from './transport.js';
import { CLIENT_VERSION } from './version.js';

/** Options of {@link createKaspiClient}. */
export interface KaspiClientOptions {
  /** API token from the cabinet (Настройки → Токен API). Never logged; redacted in errors. */
  readonly token: string;
  /** API root. Default `https://kaspi.kz/shop/api`; the simulator gives its own. */
  readonly baseUrl?: string;
  /** Sent as `X-Merchant-Uid` when set (not in the guide; matters for multi-shop cabinets). */
  readonly merchantUid?: string;
  /** Explicit User-Agent (Kaspi timed out requests without one). */
  readonly userAgent?: string;
  /** Fetch implementation; the global one is looked up at call time when omitted. */
  readonly fetch?: typeof fetch;
  /** Read retry policy, or `false` to disable retries. */
  readonly retry?: KaspiRetryOptions | false;
  /** Per-attempt timeout in ms. Default 30 000. */
  readonly timeoutMs?: number;
  /** Client-side throttle. Default 2 requests per 1 000 ms; `false` disables it. */
  readonly rateLimit?: KaspiRateLimitOptions | false;
  /** Receives typed events; silent by default. */
  readonly logger?: KaspiLogger;
  /** Aborts every request of this client. */
  readonly signal?: AbortSignal;
  /**
   * How dates are written on the wire. Default `epoch` (the instant's UTC epoch, as community
   * clients send); `almaty-wall-clock` if a live check shows Kaspi means Almaty local time.
   */
  readonly dateEncoding?: KaspiDateEncoding;
}

/** The typed Kaspi Shop API client: one interface per resource. Every method takes an optional `AbortSignal`. */
export interface KaspiClient
  extends KaspiOrdersApi,
    KaspiEntriesApi,
    KaspiPointsOfServiceApi,
    KaspiStatusChangesApi,
    KaspiPartialCancelsApi,
    KaspiProductImportApi,
    KaspiClassificationApi {}

const DEFAULT_USER_AGENT = `kaspi-connect-kaspi-client/${CLIENT_VERSION} (Node.js)`;
const DEFAULT_RETRY = {
  retries: 3,
  minTimeout: 500,
  maxTimeout: 10_000,
  factor: 2,
  maxRetryAfter: 60_000,
};

/** A logger that can never break a request: its exceptions are swallowed. */
function safeLogger(logger: KaspiLogger | undefined): KaspiLogger {
  if (!logger) return () => {};
  return (event) => {
    try {
      logger(event);
    } catch {
      // Logging must not change the outcome of a call.
    }
  };
}

/** Checks the options and resolves the defaults into the resources' shared context. */
function createContext(options: KaspiClientOptions): KaspiContext {
  const { token } = options;
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token))
    throw new TypeError('createKaspiClient: `token` must be a non-empty string without whitespace');
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new RangeError('createKaspiClient: `timeoutMs` must be positive');
  const baseUrl = (options.baseUrl ?? KASPI_API_ROOT).replace(/\/+$/, '');
  const t = createTransport({
    token,
    baseUrl,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    merchantUid: options.merchantUid,
    fetch: options.fetch,
    retry: options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs,
    rateLimit: options.rateLimit === undefined ? { limit: 2, interval: 1000 } : options.rateLimit,
    logger: safeLogger(options.logger),
    signal: options.signal,
  });
  return { t, baseUrl, dateEncoding: options.dateEncoding ?? 'epoch' };
}

/**
 * Creates a Kaspi Shop API client. Every request carries `Accept`/`Content-Type`
 * (`application/vnd.api+json` under `/v2`, `application/json` elsewhere), `X-Auth-Token` and an
 * explicit `User-Agent`.
 */
export function createKaspiClient(options: KaspiClientOptions): KaspiClient {
  const ctx = createContext(options);
  const orders = ordersResource(ctx);
  return {
    ...orders,
    ...entriesResource(ctx),
    ...pointsOfServiceResource(ctx),
    ...statusChangesResource(ctx, orders.getOrder),
    ...partialCancelsResource(ctx),
    ...productImportResource(ctx),
    ...classificationResource(ctx),
  };
}
