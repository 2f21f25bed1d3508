import {
  type ClientOptions,
  type RateLimitOptions,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
} from '@kaspi-connect/http-kit';
import type { KaspiContext } from './context.js';
import type { KaspiDateEncoding } from './dates.js';
import { KASPI_API_ROOT } from './endpoints.js';
import type { KaspiClientEvent } from './events.js';
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
import { createTransport } from './transport.js';

/**
 * Retry settings (the kit's vocabulary). Kaspi's defaults: 3 retries, 500 ms doubling to 10 s,
 * no jitter, `Retry-After` honoured up to 60 s; a 429 without `Retry-After` waits `minDelayMs`.
 * `rateLimitRetries` defaults to `retries`.
 */
export type KaspiRetryOptions = RetryOptions;

/** Client-side throttle: at most `limit` requests per `intervalMs`. */
export type KaspiRateLimitOptions = RateLimitOptions;

/** Options of {@link createKaspiClient}: the kit's vocabulary plus Kaspi's own settings. */
export interface KaspiClientOptions
  extends Omit<ClientOptions<KaspiClientEvent>, 'rateLimit' | 'retry'> {
  /** API token from the cabinet (Настройки → Токен API). Never logged; redacted in errors. */
  readonly token: string;
  /** API root. Default `https://kaspi.kz/shop/api`; the simulator gives its own. */
  readonly baseUrl?: string | undefined;
  /** Sent as `X-Merchant-Uid` when set (not in the guide; matters for multi-shop cabinets). */
  readonly merchantUid?: string | undefined;
  /** Explicit User-Agent (Kaspi timed out requests without one). */
  readonly userAgent?: string | undefined;
  /** Read retry policy, or `false` to turn every resend off. */
  readonly retry?: KaspiRetryOptions | false | undefined;
  /** Client-side throttle. Default 2 requests per 1 000 ms; `false` disables it. */
  readonly rateLimit?: KaspiRateLimitOptions | false | undefined;
  /**
   * How dates are written on the wire. Default `epoch` (the instant's UTC epoch, as community
   * clients send); `almaty-wall-clock` if a live check shows Kaspi means Almaty local time.
   */
  readonly dateEncoding?: KaspiDateEncoding | undefined;
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

// Replaced at build time by tsup and vitest (`define`) with the version from package.json;
// `0.0.0-dev` when run from source without a build.
declare const __KASPI_CLIENT_VERSION__: string | undefined;
const version =
  typeof __KASPI_CLIENT_VERSION__ === 'string' ? __KASPI_CLIENT_VERSION__ : '0.0.0-dev';
const DEFAULT_USER_AGENT = `kaspi-connect-kaspi-client/${version} (Node.js)`;
const KASPI_RETRY: ResolvedRetry = {
  retries: 3,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: false,
  maxRetryAfterMs: 60_000,
  rateLimitRetries: 3,
  rateLimitBackoffMs: 500,
};

/** Kaspi's retry: one budget for 429s and other failures, as before the kit. */
function kaspiRetry(retry: KaspiRetryOptions | false | undefined): ResolvedRetry {
  if (retry === false) return resolveRetry(false, KASPI_RETRY);
  const rateLimitRetries = retry?.rateLimitRetries ?? retry?.retries;
  const rateLimitBackoffMs = retry?.rateLimitBackoffMs ?? retry?.minDelayMs;
  return resolveRetry({ ...retry, rateLimitRetries, rateLimitBackoffMs }, KASPI_RETRY);
}

/** Checks the options and resolves the defaults into the resources' shared context. */
function createContext(options: KaspiClientOptions): KaspiContext {
  const { token } = options;
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token))
    throw new TypeError('createKaspiClient: `token` must be a non-empty string without whitespace');
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new RangeError('createKaspiClient: `timeoutMs` must be positive');
  const baseUrl = (options.baseUrl ?? KASPI_API_ROOT).replace(/\/+$/, '');
  const rateLimit = options.rateLimit ?? {};
  const t = createTransport({
    token,
    baseUrl,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    merchantUid: options.merchantUid,
    fetch: options.fetch,
    retry: kaspiRetry(options.retry),
    timeoutMs,
    rateLimit: rateLimit && {
      limit: rateLimit.limit ?? 2,
      intervalMs: rateLimit.intervalMs ?? 1000,
    },
    onEvent: options.onEvent,
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
