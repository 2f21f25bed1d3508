import createClient from 'openapi-fetch';
import * as v from 'valibot';
import {
  type AdditionalField,
  assertAdditionalFields,
  type ElementInfoField,
} from './additional-fields.js';
import { type AlStyleCategoryNode, buildCategoryTree } from './categories.js';
import { type AlStyleDateInput, toAlStyleDate } from './dates.js';
import { plainTextMissAsJson } from './element-info-miss.js';
import { AlStyleHttpError, AlStyleOperationError, type AlStyleSchemaError } from './errors.js';
import type { AlStyleLogger } from './events.js';
import type { paths } from './generated/alstyle-api.generated.js';
import {
  type CreateOrderInput,
  type CreateOrderResult,
  createOrderFlow,
} from './orders/create-order.js';
import { toHttps } from './price.js';
import type { Quantity } from './quantity.js';
import { redactSecrets, redactValue } from './redact.js';
import {
  type AlStyleAttorney,
  type AlStyleCarrier,
  type AlStyleUserData,
  userDataSchema,
} from './schemas/account.js';
import {
  type AlStyleBrand,
  type AlStyleCategory,
  type AlStyleProductProperties,
  type AlStyleWarehouse,
  brandsSchema,
  categoriesSchema,
  dateSchema,
  elementInfoSchema,
  elementsPageSchema,
  elementsSchema,
  imagesSchema,
  propertiesSchema,
  warehousesSchema,
} from './schemas/catalogue.js';
import {
  type AlStyleCart,
  type AlStyleOrder,
  type AlStyleOrderPage,
  cartSchema,
  orderFileSchema,
  orderSchema,
  ordersSchema,
  statusOkIdSchema,
  statusTrueSchema,
  successTrueSchema,
} from './schemas/orders.js';
import {
  parseOrThrow as parseWithToken,
  schemaError as schemaErrorWithToken,
} from './schemas/parse.js';
import {
  type AlStyleProduct,
  type JsonValue,
  normaliseProduct,
  quantitySchema,
  rawProductSchema,
} from './schemas/product.js';
import {
  type AlStyleStockAndPrice,
  articleKeySchema,
  keyedResponseSchema,
  normaliseStockAndPrice,
  quantityPriceEntrySchema,
} from './schemas/stock.js';
import { type CartLock, getCartMutex } from './transport/mutex.js';
import {
  type CallContext,
  type RetryOptions,
  send,
  type TransportConfig,
} from './transport/send.js';
import { getRequestGate, type RateLimitOptions } from './transport/throttle.js';
import { tokenScopeKey } from './transport/token-scope.js';

/** The production host. */
export const DEFAULT_BASE_URL = 'https://api.al-style.kz';
/** The documented maximum page size of `elements*`. */
export const MAX_PAGE_SIZE = 250;
/** The documented maximum article count of `quantity` and `quantity-price`. */
export const MAX_ARTICLES_PER_STOCK_REQUEST = 1000;

/** Writes that create something at the supplier: never resent, not even after a 403. */
const NEVER_RESENT = new Set(['/cart-api/submit', '/api/order-confirm', '/api/orders-files']);

/** What to do with a single product (or stock entry) that fails validation. */
export type InvalidItemPolicy = 'skip' | 'throw';

/** Options of `createAlStyleClient`. */
export interface AlStyleClientOptions {
  /** Access token from the Al-Style B2B account. Sent as the `access-token` query parameter; never logged. */
  readonly token: string;
  /** API host, without `/api`. Default `https://api.al-style.kz`. */
  readonly baseUrl?: string;
  /** `fetch` to use; the global one is looked up at call time. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Request spacing; shared per token and host across the process by default. */
  readonly rateLimit?: RateLimitOptions;
  /** Retry policy for reads. Writes are never resent unless the request provably never left. */
  readonly retry?: RetryOptions;
  /** Timeout of one attempt, in ms (waiting for the throttle is not counted). Default 60000. */
  readonly timeoutMs?: number;
  /** Receives typed events; silent by default. */
  readonly logger?: AlStyleLogger;
  /** Aborts every wait, retry and request of this client. */
  readonly signal?: AbortSignal;
  /** A product or stock entry that fails validation is skipped and reported (default) or thrown. */
  readonly invalidItems?: InvalidItemPolicy;
  /** Called for each skipped item (also reported as a `data.invalid` event). */
  readonly onInvalidItem?: (error: AlStyleSchemaError) => void;
  /**
   * How long `createOrder` reuses `user-data` (attorneys, carriers), in ms. It rarely changes and
   * each fetch costs one rate-limit slot. Default 3 600 000 (1 h); `0` fetches it for every order.
   */
  readonly userDataCacheMs?: number;
  /**
   * Lock held by `createOrder` from clearing the cart to submitting it. Default: one lock per
   * token and host for the whole process. Supply a cross-process lock if several processes
   * share the token (the cart is per account).
   */
  readonly cartLock?: CartLock;
}

/** Per-call options every method accepts. */
export interface CallOptions {
  /** Aborts this call's waits, retries and request. */
  readonly signal?: AbortSignal;
}

/** Filters shared by `elements`, `elements-pagination` and `iterateProducts`. */
export interface ProductFilter<F extends AdditionalField = never> extends CallOptions {
  /** Category id(s). */
  readonly category?: number | readonly number[];
  /** Brand GUID from `getBrands`. */
  readonly brand?: string;
  /** Leave out products that are out of stock. */
  readonly excludeMissing?: boolean;
  /** Additional fields to request; each becomes a typed property of the products. */
  readonly fields?: readonly F[];
}

/** One page of `elements-pagination`. */
export interface AlStyleProductPage<F extends AdditionalField = never> {
  readonly products: readonly AlStyleProduct<F>[];
  /** Items the API sent, valid or not; the next offset is `offset + received`. */
  readonly received: number;
  readonly offset: number;
  readonly totalCount: number;
  /** Items that failed validation and were skipped. */
  readonly skipped: readonly AlStyleSchemaError[];
}

/** The Al-Style client: one method per documented endpoint plus the catalogue and order flows. */
export interface AlStyleClient {
  /** `/api/date`: the catalogue's freshness marker (shape undocumented). */
  getDate(options?: CallOptions): Promise<JsonValue>;
  /** `/api/categories`: the flat nested set; `id` narrows to a subtree (unverified semantics). */
  getCategories(options?: CallOptions & { readonly id?: number }): Promise<AlStyleCategory[]>;
  /** `/api/categories` built into a tree. */
  getCategoryTree(options?: CallOptions & { readonly id?: number }): Promise<AlStyleCategoryNode[]>;
  /** `/api/brands`. */
  getBrands(options?: CallOptions): Promise<AlStyleBrand[]>;
  /** `/api/elements`: products without pagination metadata. */
  getElements<const F extends AdditionalField = never>(
    options?: ProductFilter<F> & { readonly limit?: number; readonly offset?: number },
  ): Promise<AlStyleProduct<F>[]>;
  /** `/api/elements-pagination`: one page (limit ≤ 250). */
  getElementsPage<const F extends AdditionalField = never>(
    options?: ProductFilter<F> & { readonly limit?: number; readonly offset?: number },
  ): Promise<AlStyleProductPage<F>>;
  /** The whole catalogue in `ceil(N/250)` requests, de-duplicated by article. */
  iterateProducts<const F extends AdditionalField = never>(
    options?: ProductFilter<F>,
  ): AsyncIterable<AlStyleProduct<F>>;
  /** `/api/element-info` by code(s), name or part number; `[]` when nothing matches. */
  getElementInfo<const F extends ElementInfoField = never>(
    options: CallOptions & {
      readonly articles?: readonly number[];
      readonly name?: string;
      readonly partNumber?: string;
      readonly fields?: readonly F[];
    },
  ): Promise<AlStyleProduct<F>[]>;
  /** `/api/images`: https image URLs per article. */
  getImages(
    options: CallOptions & { readonly articles: readonly number[]; readonly thumbs?: boolean },
  ): Promise<Map<number, string[]>>;
  /** `/api/quantity`: stock per article, batched at 1000; all products when `articles` is omitted. */
  getQuantity(
    options?: CallOptions & { readonly articles?: readonly number[] },
  ): Promise<Map<number, Quantity>>;
  /** `/api/quantity-price`: stock and prices; the whole catalogue in one request when `articles` is omitted. */
  getStockAndPrices(
    options?: CallOptions & {
      readonly articles?: readonly number[];
      readonly excludeMissing?: boolean;
      readonly brand?: string;
    },
  ): Promise<Map<number, AlStyleStockAndPrice>>;
  /** `/api/properties`. */
  getProperties(
    options: CallOptions & {
      readonly articles?: readonly number[];
      readonly categories?: readonly number[];
    },
  ): Promise<AlStyleProductProperties[]>;
  /** `/api/warehouses`. */
  getWarehouses(options?: CallOptions): Promise<AlStyleWarehouse[]>;
  /** `/api/user-data`: powers of attorney, shipping methods, subordinate entities. */
  getUserData(options?: CallOptions): Promise<AlStyleUserData>;
  /** `/cart-api/add` (write, not retried): adds articles to the shared cart. Prefer `createOrder`. */
  addToCart(
    items: readonly { readonly article: number; readonly quantity: number }[],
    options?: CallOptions,
  ): Promise<void>;
  /** `/cart-api/remove` (write, not retried). */
  removeFromCart(article: number, options?: CallOptions): Promise<void>;
  /** `/cart-api/get`: the shared cart. */
  getCart(options?: CallOptions): Promise<AlStyleCart>;
  /** `/cart-api/clear`. */
  clearCart(options?: CallOptions): Promise<void>;
  /** `/cart-api/submit` (never retried): turns the cart into an order; returns the order id. Prefer `createOrder`. */
  submitCart(input: SubmitCartInput, options?: CallOptions): Promise<number>;
  /**
   * The whole order flow under the per-token cart lock: user-data → clear → add → verify → submit.
   * Returns the Al-Style order id. A submit whose outcome is unknown throws
   * `AlStyleOutcomeUnknownError` and is never resent.
   */
  createOrder(input: CreateOrderInput, options?: CallOptions): Promise<CreateOrderResult>;
  /** `/api/orders`: one page of orders. */
  listOrders(
    options?: CallOptions & {
      readonly type?: 'index' | 'current' | 'archive' | 'canceled';
      readonly page?: number;
      readonly dateFrom?: AlStyleDateInput;
      readonly dateTo?: AlStyleDateInput;
    },
  ): Promise<AlStyleOrderPage>;
  /** `/api/order`: one order with its lines. */
  getOrder(id: number, options?: CallOptions): Promise<AlStyleOrder>;
  /** `/cart-api/cancel` (write, not retried). */
  cancelOrder(id: number, options?: CallOptions): Promise<void>;
  /** `/api/order-confirm` (write, not retried): issues a consignment note; returns its number. */
  confirmOrder(
    input: {
      readonly id: number;
      readonly deliveryDate: AlStyleDateInput;
      readonly attorney: AlStyleAttorney;
      readonly delivery: AlStyleCarrier;
      readonly withoutDocs?: boolean;
      readonly comments?: string;
    },
    options?: CallOptions,
  ): Promise<number>;
  /** `/api/orders-files` (write, not retried): attaches a PDF; returns the stored file name. */
  uploadOrderFile(
    input: {
      readonly order: number;
      readonly file: Blob;
      readonly fileName?: string;
      readonly index?: number;
    },
    options?: CallOptions,
  ): Promise<string | null>;
}

/** Parameters of `cart-api/submit`. */
export interface SubmitCartInput {
  readonly shippingDate: AlStyleDateInput;
  /** Sent back verbatim as `attorney_json`. */
  readonly attorney: AlStyleAttorney;
  /** Sent back verbatim as `delivery_json`. */
  readonly delivery: AlStyleCarrier;
  /** Your order id (use the Kaspi order code). */
  readonly externalId?: string;
  readonly comments?: string;
  readonly consignment?: boolean;
  readonly withoutDocs?: boolean;
  /** Billing BIN for accounts with subordinate entities (not in the official documentation). */
  readonly bin?: string;
}

function toList(value: number | readonly number[] | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? [value] : [...value];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Drops `undefined` values so `exactOptionalPropertyTypes` query objects stay clean. */
function defined<T extends Record<string, unknown>>(
  query: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
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
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const scopeKey = tokenScopeKey(options.token, baseUrl);
  const userLogger = options.logger;
  // A throwing logger must never break a request.
  const logger: AlStyleLogger | undefined = userLogger
    ? (event) => {
        try {
          userLogger(event);
        } catch {
          /* ignored */
        }
      }
    : undefined;
  const invalidItems = options.invalidItems ?? 'skip';
  const transport: TransportConfig = {
    token: options.token,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    gate: getRequestGate(scopeKey, options.rateLimit),
    retry: {
      retries: options.retry?.retries ?? 3,
      minDelayMs: options.retry?.minDelayMs ?? 1000,
      maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
      rateLimitRetries: options.retry?.rateLimitRetries ?? 3,
      rateLimitBackoffMs: options.retry?.rateLimitBackoffMs ?? 10_000,
    },
    timeoutMs: options.timeoutMs ?? 60_000,
    logger,
    signal: options.signal,
  };
  const api = createClient<paths>({
    baseUrl,
    querySerializer: { array: { style: 'form', explode: false } },
  });
  const token = options.token;
  const parseOrThrow = <const S extends v.GenericSchema>(
    schema: S,
    input: unknown,
    endpoint: string,
    pathPrefix = '',
  ): v.InferOutput<S> => parseWithToken(schema, input, endpoint, pathPrefix, token);
  const schemaError = (
    endpoint: string,
    issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
    pathPrefix = '',
  ): AlStyleSchemaError => schemaErrorWithToken(endpoint, issues, pathPrefix, token);
  const expectOk = <const S extends v.GenericSchema>(
    endpoint: string,
    schema: S,
    body: unknown,
  ): v.InferOutput<S> => expectOkWithToken(endpoint, schema, body, token);
  const via =
    (
      endpoint: string,
      idempotent: boolean,
      signal: AbortSignal | undefined,
      config: TransportConfig = transport,
    ) =>
    (request: Request): Promise<Response> => {
      const context: CallContext = {
        endpoint,
        idempotent,
        retryOnRateLimit: !NEVER_RESENT.has(endpoint),
        signal,
      };
      return send(config, request, context);
    };

  function unwrap<T>(
    endpoint: string,
    result: { data?: T; error?: unknown; response: Response },
  ): unknown {
    if (result.error !== undefined || !result.response.ok) {
      throw new AlStyleHttpError(`${endpoint} answered HTTP ${result.response.status}`, {
        status: result.response.status,
        body: redactValue(result.error, token),
      });
    }
    return result.data;
  }

  function reportInvalid(
    endpoint: string,
    error: AlStyleSchemaError,
    article: number | undefined,
  ): void {
    if (invalidItems === 'throw') throw error;
    logger?.({ type: 'data.invalid', endpoint, article, error });
    options.onInvalidItem?.(error);
  }

  /**
   * Reads an `{ "<article>": value }` response entry by entry: a bad entry is reported (or thrown,
   * by the `invalidItems` policy) and skipped, never fatal to the rest.
   */
  function collectKeyed<TInput, TOutput>(
    endpoint: string,
    keyed: Record<string, unknown>,
    schema: v.GenericSchema<unknown, TInput>,
    toValue: (article: number, entry: TInput) => TOutput,
    out: Map<number, TOutput>,
  ): void {
    for (const [key, value] of Object.entries(keyed)) {
      const article = v.safeParse(articleKeySchema, key);
      const entry = v.safeParse(schema, value);
      if (article.success && entry.success) {
        out.set(article.output, toValue(article.output, entry.output));
        continue;
      }
      const issues = article.success ? (entry.success ? undefined : entry.issues) : article.issues;
      if (issues)
        reportInvalid(
          endpoint,
          schemaError(endpoint, issues, key),
          article.success ? article.output : undefined,
        );
    }
  }

  function parseProducts<F extends ElementInfoField>(
    endpoint: string,
    items: readonly unknown[],
    fields: readonly F[],
    pathPrefix: string,
  ): { products: AlStyleProduct<F>[]; skipped: AlStyleSchemaError[] } {
    const products: AlStyleProduct<F>[] = [];
    const skipped: AlStyleSchemaError[] = [];
    items.forEach((item, index) => {
      const result = v.safeParse(rawProductSchema, item);
      if (result.success) {
        products.push(normaliseProduct(result.output, fields));
        return;
      }
      const error = schemaError(endpoint, result.issues, `${pathPrefix}${index}`);
      const article = (item as { article?: unknown } | null)?.article;
      reportInvalid(endpoint, error, typeof article === 'number' ? article : undefined);
      skipped.push(error);
    });
    return { products, skipped };
  }

  async function getElementsPage<const F extends AdditionalField = never>(
    opts: ProductFilter<F> & { readonly limit?: number; readonly offset?: number } = {},
  ): Promise<AlStyleProductPage<F>> {
    const endpoint = '/api/elements-pagination';
    const fields = opts.fields ?? [];
    assertAdditionalFields(fields, false);
    const offset = opts.offset ?? 0;
    const result = await api.GET(endpoint, {
      params: {
        query: defined({
          category: toList(opts.category),
          brand: opts.brand,
          exclude_missing: opts.excludeMissing,
          additional_fields: fields.length > 0 ? [...fields] : undefined,
          limit: Math.min(opts.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
          offset,
        }),
      },
      fetch: via(endpoint, true, opts.signal),
    });
    const page = parseOrThrow(elementsPageSchema, unwrap(endpoint, result), endpoint);
    const { products, skipped } = parseProducts(endpoint, page.elements, fields, 'elements.');
    return {
      products,
      skipped,
      received: page.elements.length,
      offset,
      totalCount: page.pagination.totalCount,
    };
  }

  async function getStockAndPrices(
    opts: CallOptions & {
      readonly articles?: readonly number[];
      readonly excludeMissing?: boolean;
      readonly brand?: string;
    } = {},
  ): Promise<Map<number, AlStyleStockAndPrice>> {
    const endpoint = '/api/quantity-price';
    const out = new Map<number, AlStyleStockAndPrice>();
    const batches =
      opts.articles === undefined
        ? [undefined]
        : chunk(opts.articles, MAX_ARTICLES_PER_STOCK_REQUEST);
    for (const batch of batches) {
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            article: batch,
            exclude_missing: opts.excludeMissing,
            brand: opts.brand,
          }),
        },
        fetch: via(endpoint, true, opts.signal),
      });
      const keyed = parseOrThrow(keyedResponseSchema, unwrap(endpoint, result), endpoint);
      collectKeyed(endpoint, keyed, quantityPriceEntrySchema, normaliseStockAndPrice, out);
    }
    return out;
  }

  const userDataCacheMs = options.userDataCacheMs ?? 3_600_000;
  let userDataCache: { at: number; value: Promise<AlStyleUserData> } | undefined;
  const cachedUserData = (opts: CallOptions): Promise<AlStyleUserData> => {
    const now = Date.now();
    if (userDataCache && now - userDataCache.at < userDataCacheMs) return userDataCache.value;
    const value = client.getUserData(opts);
    userDataCache = { at: now, value };
    // A failed fetch must not be cached.
    value.catch(() => {
      if (userDataCache?.value === value) userDataCache = undefined;
    });
    return value;
  };

  const client: AlStyleClient = {
    async getDate(opts = {}) {
      const endpoint = '/api/date';
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      return parseOrThrow(dateSchema, unwrap(endpoint, result), endpoint) as JsonValue;
    },

    async getCategories(opts = {}) {
      const endpoint = '/api/categories';
      const result = await api.GET(endpoint, {
        params: { query: defined({ id: opts.id }) },
        fetch: via(endpoint, true, opts.signal),
      });
      return parseOrThrow(categoriesSchema, unwrap(endpoint, result), endpoint);
    },

    async getCategoryTree(opts = {}) {
      return buildCategoryTree(await client.getCategories(opts));
    },

    async getBrands(opts = {}) {
      const endpoint = '/api/brands';
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      return parseOrThrow(brandsSchema, unwrap(endpoint, result), endpoint);
    },

    async getElements(opts = {}) {
      const endpoint = '/api/elements';
      const fields = opts.fields ?? [];
      assertAdditionalFields(fields, false);
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            category: toList(opts.category),
            brand: opts.brand,
            exclude_missing: opts.excludeMissing,
            additional_fields: fields.length > 0 ? [...fields] : undefined,
            limit: opts.limit === undefined ? undefined : Math.min(opts.limit, MAX_PAGE_SIZE),
            offset: opts.offset,
          }),
        },
        fetch: via(endpoint, true, opts.signal),
      });
      const items = parseOrThrow(elementsSchema, unwrap(endpoint, result), endpoint);
      return parseProducts(endpoint, items, fields, '').products;
    },

    getElementsPage,

    iterateProducts<const F extends AdditionalField = never>(
      opts: ProductFilter<F> = {},
    ): AsyncIterable<AlStyleProduct<F>> {
      return {
        async *[Symbol.asyncIterator]() {
          const seen = new Set<number>();
          let offset = 0;
          for (;;) {
            const page = await getElementsPage<F>({ ...opts, offset, limit: MAX_PAGE_SIZE });
            for (const product of page.products) {
              if (seen.has(product.article)) continue;
              seen.add(product.article);
              yield product;
            }
            // Advance by what actually arrived, so a short page never skips products.
            if (page.received === 0) return;
            offset += page.received;
            if (offset >= page.totalCount) return;
          }
        },
      };
    },

    async getElementInfo(opts) {
      const endpoint = '/api/element-info';
      const fields = opts.fields ?? [];
      assertAdditionalFields(fields, true);
      if (opts.articles === undefined && opts.name === undefined && opts.partNumber === undefined) {
        throw new TypeError('getElementInfo needs `articles`, `name` or `partNumber`');
      }
      if (opts.articles !== undefined && opts.articles.length === 0) return [];
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            article: opts.articles === undefined ? undefined : [...opts.articles],
            name: opts.name,
            article_pn: opts.partNumber,
            additional_fields: fields.length > 0 ? [...fields] : undefined,
          }),
        },
        fetch: via(endpoint, true, opts.signal, {
          ...transport,
          fetch: plainTextMissAsJson(transport.fetch),
        }),
      });
      const items = parseOrThrow(elementInfoSchema, unwrap(endpoint, result), endpoint);
      return parseProducts(endpoint, items, fields, '').products;
    },

    async getImages(opts) {
      const endpoint = '/api/images';
      if (opts.articles.length === 0) return new Map();
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            article: [...opts.articles],
            thumbs:
              opts.thumbs === undefined ? undefined : opts.thumbs ? (1 as const) : (0 as const),
          }),
        },
        fetch: via(endpoint, true, opts.signal),
      });
      const body = parseOrThrow(imagesSchema, unwrap(endpoint, result), endpoint);
      const out = new Map<number, string[]>();
      if (Array.isArray(body)) {
        if (opts.articles.length === 1) {
          out.set(opts.articles[0] as number, body.map(toHttps));
          return out;
        }
        // A flat list for several articles: attribute by the documented `<5-digit article>_<n>.jpg` name.
        for (const url of body) {
          const match = /\/0*(\d+)_\d+\.\w+$/.exec(url);
          const article = match ? Number(match[1]) : Number.NaN;
          if (!opts.articles.includes(article)) continue;
          out.set(article, [...(out.get(article) ?? []), toHttps(url)]);
        }
        return out;
      }
      for (const [key, urls] of Object.entries(body)) {
        const article = parseOrThrow(articleKeySchema, key, endpoint, key);
        out.set(article, urls.map(toHttps));
      }
      return out;
    },

    async getQuantity(opts = {}) {
      const endpoint = '/api/quantity';
      const out = new Map<number, Quantity>();
      const batches =
        opts.articles === undefined
          ? [undefined]
          : chunk(opts.articles, MAX_ARTICLES_PER_STOCK_REQUEST);
      for (const batch of batches) {
        const result = await api.GET(endpoint, {
          params: { query: defined({ article: batch }) },
          fetch: via(endpoint, true, opts.signal),
        });
        const keyed = parseOrThrow(keyedResponseSchema, unwrap(endpoint, result), endpoint);
        collectKeyed(endpoint, keyed, quantitySchema, (_article, quantity) => quantity, out);
      }
      return out;
    },

    getStockAndPrices,

    async getProperties(opts) {
      const endpoint = '/api/properties';
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            article: opts.articles === undefined ? undefined : [...opts.articles],
            category: opts.categories === undefined ? undefined : [...opts.categories],
          }),
        },
        fetch: via(endpoint, true, opts.signal),
      });
      return parseOrThrow(propertiesSchema, unwrap(endpoint, result), endpoint);
    },

    async getWarehouses(opts = {}) {
      const endpoint = '/api/warehouses';
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      return parseOrThrow(warehousesSchema, unwrap(endpoint, result), endpoint);
    },

    async getUserData(opts = {}) {
      const endpoint = '/api/user-data';
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      return parseOrThrow(userDataSchema, unwrap(endpoint, result), endpoint);
    },

    async addToCart(items, opts = {}) {
      const endpoint = '/cart-api/add';
      if (items.length === 0) throw new TypeError('addToCart needs at least one item');
      for (const item of items) {
        if (!Number.isInteger(item.quantity) || item.quantity < 1) {
          throw new TypeError(`addToCart: quantity of ${item.article} must be a positive integer`);
        }
      }
      const result = await api.GET(endpoint, {
        params: {
          query: { add: items.map((i) => i.article), quantity: items.map((i) => i.quantity) },
        },
        fetch: via(endpoint, false, opts.signal),
      });
      expectOk(endpoint, successTrueSchema, unwrap(endpoint, result));
    },

    async removeFromCart(article, opts = {}) {
      const endpoint = '/cart-api/remove';
      const result = await api.GET(endpoint, {
        params: { query: { item: article } },
        fetch: via(endpoint, false, opts.signal),
      });
      expectOk(endpoint, successTrueSchema, unwrap(endpoint, result));
    },

    async getCart(opts = {}) {
      const endpoint = '/cart-api/get';
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      return parseOrThrow(cartSchema, unwrap(endpoint, result), endpoint);
    },

    async clearCart(opts = {}) {
      const endpoint = '/cart-api/clear';
      // Clearing twice leaves the same empty cart, so it may be retried like a read.
      const result = await api.GET(endpoint, { fetch: via(endpoint, true, opts.signal) });
      expectOk(endpoint, statusTrueSchema, unwrap(endpoint, result));
    },

    async submitCart(input, opts = {}) {
      const endpoint = '/cart-api/submit';
      const result = await api.POST(endpoint, {
        params: {
          query: defined({
            shipping_date: toAlStyleDate(input.shippingDate),
            attorney_json: JSON.stringify(input.attorney),
            delivery_json: JSON.stringify(input.delivery),
            external_id: input.externalId,
            comments: input.comments,
            consignment: input.consignment,
            without_docs: input.withoutDocs,
            bin: input.bin,
          }),
        },
        fetch: via(endpoint, false, opts.signal),
      });
      return expectOk(endpoint, statusOkIdSchema, unwrap(endpoint, result)).data.id;
    },

    createOrder(input, opts = {}) {
      return createOrderFlow(client, options.cartLock ?? getCartMutex(scopeKey), input, {
        logger,
        signal: opts.signal,
        loadUserData: cachedUserData,
      });
    },

    async listOrders(opts = {}) {
      const endpoint = '/api/orders';
      const result = await api.GET(endpoint, {
        params: {
          query: defined({
            type: opts.type,
            page: opts.page,
            date_from: opts.dateFrom === undefined ? undefined : toAlStyleDate(opts.dateFrom),
            date_to: opts.dateTo === undefined ? undefined : toAlStyleDate(opts.dateTo),
          }),
        },
        fetch: via(endpoint, true, opts.signal),
      });
      return parseOrThrow(ordersSchema, unwrap(endpoint, result), endpoint);
    },

    async getOrder(id, opts = {}) {
      const endpoint = '/api/order';
      const result = await api.GET(endpoint, {
        params: { query: { id } },
        fetch: via(endpoint, true, opts.signal),
      });
      return parseOrThrow(orderSchema, unwrap(endpoint, result), endpoint);
    },

    async cancelOrder(id, opts = {}) {
      const endpoint = '/cart-api/cancel';
      const result = await api.GET(endpoint, {
        params: { query: { order: id } },
        fetch: via(endpoint, false, opts.signal),
      });
      expectOk(endpoint, statusTrueSchema, unwrap(endpoint, result));
    },

    async confirmOrder(input, opts = {}) {
      const endpoint = '/api/order-confirm';
      const result = await api.POST(endpoint, {
        params: {
          query: defined({
            id: input.id,
            date_delivery: toAlStyleDate(input.deliveryDate),
            attorney_json: JSON.stringify(input.attorney),
            delivery_json: JSON.stringify(input.delivery),
            without_docs: input.withoutDocs,
            comments: input.comments,
          }),
        },
        fetch: via(endpoint, false, opts.signal),
      });
      return expectOk(endpoint, statusOkIdSchema, unwrap(endpoint, result)).data.id;
    },

    async uploadOrderFile(input, opts = {}) {
      const endpoint = '/api/orders-files';
      const form = new FormData();
      form.set('file', input.file, input.fileName ?? `order-${input.order}.pdf`);
      const result = await api.POST(endpoint, {
        params: { query: defined({ order: input.order, index: input.index }) },
        // The spec types a binary part as string; the serializer sends the real multipart form.
        body: { file: '' },
        bodySerializer: () => form,
        fetch: via(endpoint, false, opts.signal),
      });
      return expectOk(endpoint, orderFileSchema, unwrap(endpoint, result)).file_name ?? null;
    },
  };
  return client;
}

/**
 * Validates a write's answer. A 200 that says `status:false` / `success:false` becomes an
 * `AlStyleOperationError` carrying the body, not a schema error.
 */
function expectOkWithToken<const S extends v.GenericSchema>(
  endpoint: string,
  schema: S,
  body: unknown,
  token: string,
): v.InferOutput<S> {
  const flag = (body as { status?: unknown; success?: unknown } | null) ?? {};
  if (flag.status === false || flag.success === false) {
    const message = (body as { message?: unknown }).message;
    throw new AlStyleOperationError(
      redactSecrets(
        `${endpoint} refused the operation${typeof message === 'string' ? `: ${message}` : ''}`,
        token,
      ),
      { status: 200, body: redactValue(body, token) },
    );
  }
  return parseWithToken(schema, body, endpoint, '', token);
}
