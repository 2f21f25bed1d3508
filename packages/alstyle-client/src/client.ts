import { createHash } from 'node:crypto';
import { createTransport, resolveRetry, safeHandler } from '@kaspi-connect/http-kit';
import type { AlStyleClient } from './client-types.js';
import type { AlStyleLogger } from './events.js';
import { type AlStyleClientOptions, DEFAULT_BASE_URL } from './options.js';
import { createOrderFlow } from './orders/create-order.js';
import { tokenRedactor } from './redact.js';
import { accountResource } from './resources/account.js';
import { catalogueResource } from './resources/catalogue.js';
import type { ResourceContext } from './resources/context.js';
import { ordersResource } from './resources/orders.js';
import { productsResource } from './resources/products.js';
import { validateAnswer } from './schemas/parse.js';
import { classifyAlStyle } from './transport/classify.js';
import { ALSTYLE_ERRORS } from './transport/errors-from-failure.js';
import { getCartMutex } from './transport/mutex.js';
import { getRequestGate } from './transport/throttle.js';

/**
 * Process-wide key for "this token at this host". Hashed so the token itself is never kept as a
 * map key that could show up in a heap snapshot or a debugger listing.
 */
function tokenScopeKey(token: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return createHash('sha256').update(`${origin}\u0000${token}`).digest('hex');
}

/**
 * Creates a client. All clients in a process that use the same token and host share one
 * throttle and one cart lock.
 *
 * @example
 * const alstyle = createAlStyleClient({ token: process.env.ALSTYLE_TOKEN ?? '' });
 * for await (const product of alstyle.iterateProducts({ fields: ['brand', 'images'] })) {
 *   console.log(product.article, product.quantity.min, product.dealerPrice);
 * }
 */
export function createAlStyleClient(options: AlStyleClientOptions): AlStyleClient {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new TypeError('createAlStyleClient: `token` is required');
  }
  const { token } = options;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const scopeKey = tokenScopeKey(token, baseUrl);
  // A throwing handler must never break a request.
  const onEvent: AlStyleLogger | undefined = safeHandler(options.onEvent);
  const redactor = tokenRedactor(token);
  const transport = createTransport({
    baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 60_000,
    retry: resolveRetry(options.retry),
    gate: getRequestGate(scopeKey, options.rateLimit),
    onEvent,
    signal: options.signal,
    redactor,
    authorize: (url) => url.searchParams.set('access-token', token),
    classify: classifyAlStyle,
    errors: ALSTYLE_ERRORS,
    validate: (endpoint, body) => validateAnswer(endpoint, body, redactor),
    maxErrorBodyChars: 500,
  });
  const ctx: ResourceContext = {
    transport,
    redactor,
    invalidItems: options.invalidItems ?? 'skip',
    onEvent,
    onInvalidItem: options.onInvalidItem,
  };
  const { cachedUserData, ...account } = accountResource(ctx, options.userDataCacheMs ?? 3_600_000);
  const client: AlStyleClient = {
    ...catalogueResource(ctx),
    ...productsResource(ctx),
    ...ordersResource(ctx),
    ...account,
    createOrder(input, opts = {}) {
      return createOrderFlow(client, options.cartLock ?? getCartMutex(scopeKey), input, {
        logger: onEvent,
        signal: opts.signal,
        loadUserData: cachedUserData,
      });
    },
  };
  return client;
}
