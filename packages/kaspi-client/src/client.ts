import * as v from 'valibot';
import { assertDate, assertId } from './assert.js';
import { fromWireMs, type KaspiDateEncoding, toWireMs, windowMsFor } from './dates.js';
import type {
  KaspiCancellationReason,
  KaspiDeliveryTypeFilter,
  KaspiEntryCancelStatus,
  KaspiImportState,
  KaspiMerchantCancellationReason,
  KaspiOrderState,
  KaspiOrderStatus,
  KaspiPartialCancelStatus,
} from './enums.js';
import type { KaspiLogger } from './events.js';
import { parseKaspiLink } from './links.js';
import {
  type KaspiCity,
  type KaspiMasterProduct,
  type KaspiMerchantProduct,
  type KaspiOrder,
  type KaspiOrderEntry,
  type KaspiOrderRef,
  type KaspiPointOfService,
  toOrder,
  toOrderEntry,
} from './model.js';
import { type KaspiProductImportItem, ProductImportSchema } from './products.js';
import {
  AttributeValuesSchema,
  CategoriesSchema,
  CategoryAttributesSchema,
  CitiesDocumentSchema,
  CityDocumentSchema,
  EntryCancelResponseSchema,
  ImportResultSchema,
  ImportStatusSchema,
  type IncludedResource,
  MasterProductDocumentSchema,
  MerchantProductDocumentSchema,
  OrderDocumentSchema,
  OrderEntriesDocumentSchema,
  OrderEntryDocumentSchema,
  OrderEntryResourceSchema,
  OrdersDocumentSchema,
  PartialCancelResponseSchema,
  PointOfServiceDocumentSchema,
} from './schemas.js';
import { createStatusChanger, type KaspiStatusChangeResult, statusIs } from './status-change.js';
import {
  createTransport,
  KASPI_API_ROOT,
  type KaspiRateLimitOptions,
  type KaspiRetryOptions,
  type Transport,
} from './transport.js';
import { CLIENT_VERSION } from './version.js';
import { MAX_WINDOW_MS, ORDER_WINDOW_MS, splitDateRange } from './windows.js';

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

/** Per-call options. */
export interface KaspiCallOptions {
  readonly signal?: AbortSignal;
}

/** Filters of {@link KaspiClient.iterateOrders}. */
export interface IterateOrdersOptions extends KaspiCallOptions {
  /** Earliest creation date (inclusive). */
  readonly from: Date;
  /** Latest creation date (inclusive). Default: now. */
  readonly to?: Date;
  /**
   * One state or several (one pass per state). Omitted: no state filter, which Kaspi answered in
   * practice although the newer guide marks it required; pass `ORDER_STATES` to be strict.
   */
  readonly state?: KaspiOrderState | readonly KaspiOrderState[];
  readonly status?: KaspiOrderStatus;
  /** Only when `state` is not `PICKUP`. */
  readonly deliveryType?: KaspiDeliveryTypeFilter;
  readonly signatureRequired?: boolean;
  /** `entries` puts the lines into `order.entries`; `user` fills `order.user`. */
  readonly include?: 'entries' | 'user';
  /** 1 to 100. Default 100. */
  readonly pageSize?: number;
}

/** One page of `GET /v2/orders`. */
export interface KaspiOrdersPage {
  readonly orders: readonly KaspiOrder[];
  readonly pageCount: number;
  readonly totalCount: number | undefined;
}

/** Query of {@link KaspiClient.listOrdersPage}: one window, one page. */
export interface ListOrdersPageOptions extends KaspiCallOptions {
  readonly from: Date;
  readonly to: Date;
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly state?: KaspiOrderState;
  readonly status?: KaspiOrderStatus;
  readonly deliveryType?: KaspiDeliveryTypeFilter;
  readonly signatureRequired?: boolean;
  readonly include?: 'entries' | 'user';
}

/** Input of {@link KaspiClient.cancelOrderEntry}. */
export interface CancelOrderEntryInput {
  /** Quantity left after the cancel; 0 removes the line. */
  readonly remainedQuantity: number;
  readonly reason: KaspiCancellationReason;
  readonly notes?: string;
}

/** Outcome of a single-entry cancel. */
export interface KaspiEntryCancelResult {
  readonly id: string | undefined;
  readonly status: KaspiEntryCancelStatus;
  readonly remainedQuantity: number | undefined;
  readonly remainedWeight: number | undefined;
}

/** One line of {@link KaspiClient.partialCancelOrder}. */
export interface PartialCancelItem {
  readonly entryId: string;
  readonly remainedQuantity?: number;
  /** Grams; 0 removes the line. */
  readonly remainedWeight?: number;
  readonly reason: KaspiCancellationReason;
  readonly notes?: string;
}

/** Outcome of a multi-entry partial cancel. */
export interface KaspiPartialCancelResult {
  readonly status: KaspiPartialCancelStatus;
  readonly entries: ReadonlyArray<{
    readonly id: string | undefined;
    readonly entryId: string | undefined;
    readonly remainedQuantity: number | undefined;
    readonly remainedWeight: number | undefined;
  }>;
}

/** Status of a product import. */
export interface KaspiImportStatus {
  readonly code: string;
  readonly status: KaspiImportState;
  readonly description: string | undefined;
}

/** Result of a finished product import. */
export type KaspiImportResult = v.InferOutput<typeof ImportResultSchema>;

/** Where an entry's SKU came from. */
export interface KaspiEntrySku {
  readonly sku: string;
  /** `offer`: `entry.offer.code`. `merchantProduct`: entry → product → merchantProduct.code. */
  readonly source: 'offer' | 'merchantProduct';
}

/** The typed Kaspi Shop API client. Every method takes an optional `AbortSignal`. */
export interface KaspiClient {
  /** Yields every order created in `[from, to]` once, in ≤ 14-day windows and pages of 100. */
  iterateOrders(options: IterateOrdersOptions): AsyncGenerator<KaspiOrder, void, undefined>;
  /** One page of one window (at most 14 days); the building block of `iterateOrders`. */
  listOrdersPage(options: ListOrdersPageOptions): Promise<KaspiOrdersPage>;
  /** `GET /v2/orders/{id}`. */
  getOrder(orderId: string, options?: KaspiCallOptions): Promise<KaspiOrder>;
  /** Finds an order by its number, with entries included; `undefined` when there is none. */
  getOrderByCode(code: string, options?: KaspiCallOptions): Promise<KaspiOrder | undefined>;
  /**
   * The order's entries: from `included` when complete, else by following the entries link
   * (absolute or relative), else `GET /v2/orders/{id}/entries`.
   */
  getOrderEntries(
    order: string | KaspiOrder,
    options?: KaspiCallOptions,
  ): Promise<readonly KaspiOrderEntry[]>;
  /** `GET /v2/orderentries/{id}` (adds `minAllowedWeight`). */
  getOrderEntry(entryId: string, options?: KaspiCallOptions): Promise<KaspiOrderEntry>;
  /** Kaspi's master product of an entry (its `code` is Kaspi's, not your SKU). */
  getEntryProduct(entryId: string, options?: KaspiCallOptions): Promise<KaspiMasterProduct>;
  /** The seller's product behind a master product; `null` when Kaspi has none. */
  getMerchantProduct(
    masterProductId: string,
    options?: KaspiCallOptions,
  ): Promise<KaspiMerchantProduct | null>;
  /** The SKU of a line: `offer.code`, else entry → product → merchantProduct. */
  getEntrySku(
    entry: KaspiOrderEntry,
    options?: KaspiCallOptions,
  ): Promise<KaspiEntrySku | undefined>;
  /** The point of service an entry ships from. */
  getEntryPointOfService(entryId: string, options?: KaspiCallOptions): Promise<KaspiPointOfService>;
  /** `GET /v2/pointofservices/{id}`. */
  getPointOfService(id: string, options?: KaspiCallOptions): Promise<KaspiPointOfService>;
  /** `GET /v2/pointofservices/{id}/city`. */
  getPointOfServiceCity(id: string, options?: KaspiCallOptions): Promise<KaspiCity>;
  /** `GET /v2/cities`. */
  listCities(options?: KaspiCallOptions): Promise<readonly KaspiCity[]>;
  /** APPROVED_BY_BANK → ACCEPTED_BY_MERCHANT. */
  acceptOrder(order: KaspiOrderRef, options?: KaspiCallOptions): Promise<KaspiStatusChangeResult>;
  /** → CANCELLED with a reason and an optional comment (≤ 1000 chars). */
  cancelOrder(
    order: KaspiOrderRef,
    reason: KaspiMerchantCancellationReason,
    comment?: string,
    options?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Step 1 of COMPLETED: Kaspi sends the buyer a code. Never retried (it would resend). */
  sendCompletionCode(
    order: KaspiOrderRef,
    options?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Step 2 of COMPLETED with the code the buyer tells you. */
  completeOrder(
    order: KaspiOrderRef,
    securityCode: string,
    options?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Kaspi Delivery: ASSEMBLE with the number of packages; creates the waybill. */
  assembleOrder(
    order: KaspiOrderRef,
    numberOfSpace: number,
    options?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Pre-order goods arrived (ARRIVED). Not retried: the effect is not visible on the order. */
  markArrived(order: KaspiOrderRef, options?: KaspiCallOptions): Promise<KaspiStatusChangeResult>;
  /** Returned goods are back (ARRIVED_BACKWARD). Not retried, like `markArrived`. */
  markArrivedBackward(
    order: KaspiOrderRef,
    options?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Partial cancel of one entry (`POST /v2/orderEntryCancelOperation`). Not retried. */
  cancelOrderEntry(
    entryId: string,
    input: CancelOrderEntryInput,
    options?: KaspiCallOptions,
  ): Promise<KaspiEntryCancelResult>;
  /** Partial cancel of several entries or by weight (`PUT /orderPartialCancel/{id}`). Not retried. */
  partialCancelOrder(
    orderId: string,
    items: readonly PartialCancelItem[],
    options?: KaspiCallOptions,
  ): Promise<KaspiPartialCancelResult>;
  /** Uploads 1–10 000 product cards, validated locally first. Not retried. */
  importProducts(
    products: readonly KaspiProductImportItem[],
    options?: KaspiCallOptions,
  ): Promise<KaspiImportStatus>;
  /** Status of an import by its code. */
  getImportStatus(code: string, options?: KaspiCallOptions): Promise<KaspiImportStatus>;
  /** Per-SKU result of an import. */
  getImportResult(code: string, options?: KaspiCallOptions): Promise<KaspiImportResult>;
  /** The import's JSON schema (draft-04), as Kaspi serves it. */
  getImportSchema(options?: KaspiCallOptions): Promise<Readonly<Record<string, unknown>>>;
  /** Leaf categories for product cards. */
  listCategories(
    options?: KaspiCallOptions,
  ): Promise<ReadonlyArray<{ readonly code: string; readonly title: string }>>;
  /** Attributes of a category. */
  getCategoryAttributes(
    categoryCode: string,
    options?: KaspiCallOptions,
  ): Promise<v.InferOutput<typeof CategoryAttributesSchema>>;
  /** Allowed values of an enum attribute. */
  getAttributeValues(
    categoryCode: string,
    attributeCode: string,
    options?: KaspiCallOptions,
  ): Promise<ReadonlyArray<{ readonly code: string; readonly name: string }>>;
}

const DEFAULT_USER_AGENT = `kaspi-connect-kaspi-client/${CLIENT_VERSION} (Node.js)`;
const CANCELLATION_COMMENT_MAX = 1000;

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

/**
 * Creates a Kaspi Shop API client. Every request carries `Accept`/`Content-Type`
 * (`application/vnd.api+json` under `/v2`, `application/json` elsewhere), `X-Auth-Token` and an
 * explicit `User-Agent`.
 */
export function createKaspiClient(options: KaspiClientOptions): KaspiClient {
  const { token } = options;
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token))
    throw new TypeError('createKaspiClient: `token` must be a non-empty string without whitespace');
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new RangeError('createKaspiClient: `timeoutMs` must be positive');
  const baseUrl = (options.baseUrl ?? KASPI_API_ROOT).replace(/\/+$/, '');
  const t: Transport = createTransport({
    token,
    baseUrl,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    merchantUid: options.merchantUid,
    fetch: options.fetch,
    retry:
      options.retry === false
        ? false
        : {
            retries: 3,
            minTimeout: 500,
            maxTimeout: 10_000,
            factor: 2,
            maxRetryAfter: 60_000,
            ...options.retry,
          },
    timeoutMs,
    rateLimit: options.rateLimit === undefined ? { limit: 2, interval: 1000 } : options.rateLimit,
    logger: safeLogger(options.logger),
    signal: options.signal,
  });
  const { api } = t;
  const dateEncoding: KaspiDateEncoding = options.dateEncoding ?? 'epoch';
  const wireToDate = (ms: number) => fromWireMs(ms, dateEncoding);

  const parseIncludedEntry = (resource: IncludedResource) => {
    const result = v.safeParse(OrderEntryResourceSchema, resource);
    return result.success ? result.output : undefined;
  };

  /** Runs a GET with the read retry policy, validating the body. */
  const read = <S extends v.GenericSchema>(
    schema: S,
    signal: AbortSignal | undefined,
    call: (signal: AbortSignal | undefined) => Promise<{ data?: unknown; response: Response }>,
  ): Promise<v.InferOutput<S>> => {
    const s = t.signalFor(signal);
    return t.retrying(async () => {
      const { data, response } = await call(s);
      return t.validate(schema, data, response, 'GET');
    }, s);
  };

  const sig = (s: AbortSignal | undefined) => (s ? { signal: s } : {});

  const listOrdersPage = async (o: ListOrdersPageOptions): Promise<KaspiOrdersPage> => {
    assertDate(o.from, 'from');
    assertDate(o.to, 'to');
    const ge = toWireMs(o.from, dateEncoding);
    const le = toWireMs(o.to, dateEncoding);
    if (le - ge > MAX_WINDOW_MS)
      throw new RangeError('listOrdersPage: the creationDate window must not exceed 14 days');
    if (le < ge) throw new RangeError('listOrdersPage: `to` is before `from`');
    if (!Number.isInteger(o.pageNumber) || o.pageNumber < 0)
      throw new RangeError('listOrdersPage: pageNumber must be an integer ≥ 0');
    if (!Number.isInteger(o.pageSize) || o.pageSize < 1 || o.pageSize > 100)
      throw new RangeError('listOrdersPage: pageSize must be an integer from 1 to 100');
    const query = {
      'page[number]': o.pageNumber,
      'page[size]': o.pageSize,
      'filter[orders][creationDate][$ge]': ge,
      'filter[orders][creationDate][$le]': le,
      ...(o.state === undefined ? {} : { 'filter[orders][state]': o.state }),
      ...(o.status === undefined ? {} : { 'filter[orders][status]': o.status }),
      ...(o.deliveryType === undefined ? {} : { 'filter[orders][deliveryType]': o.deliveryType }),
      ...(o.signatureRequired === undefined
        ? {}
        : { 'filter[orders][signatureRequired]': o.signatureRequired }),
      ...(o.include === undefined ? {} : { 'include[orders]': o.include }),
    };
    const doc = await read(OrdersDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/orders', { params: { query }, ...sig(signal) }),
    );
    const included = doc.included ?? [];
    return {
      orders: doc.data.map((raw) => toOrder(raw, included, parseIncludedEntry, wireToDate)),
      // Without meta, a full page means there may be another one.
      pageCount:
        doc.meta?.pageCount ?? (doc.data.length < o.pageSize ? o.pageNumber + 1 : o.pageNumber + 2),
      totalCount: doc.meta?.totalCount,
    };
  };

  async function* iterateOrders(o: IterateOrdersOptions): AsyncGenerator<KaspiOrder, void> {
    assertDate(o.from, 'from');
    const to = o.to ?? new Date();
    assertDate(to, 'to');
    const pageSize = o.pageSize ?? 100;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      throw new RangeError('iterateOrders: pageSize must be an integer from 1 to 100');
    const states: ReadonlyArray<KaspiOrderState | undefined> =
      o.state === undefined ? [undefined] : typeof o.state === 'string' ? [o.state] : o.state;
    // Orders can shift between pages while we read (new orders arrive); yield each id once.
    const seen = new Set<string>();
    for (const window of splitDateRange(o.from, to, windowMsFor(dateEncoding, ORDER_WINDOW_MS))) {
      for (const state of states) {
        t.config.logger({ type: 'orders.window', from: window.from, to: window.to, state });
        let pageNumber = 0;
        let pageCount = 1;
        while (pageNumber < pageCount) {
          const page = await listOrdersPage({
            from: window.from,
            to: window.to,
            pageNumber,
            pageSize,
            ...(state === undefined ? {} : { state }),
            ...(o.status === undefined ? {} : { status: o.status }),
            ...(o.deliveryType === undefined ? {} : { deliveryType: o.deliveryType }),
            ...(o.signatureRequired === undefined
              ? {}
              : { signatureRequired: o.signatureRequired }),
            ...(o.include === undefined ? {} : { include: o.include }),
            ...sig(o.signal),
          });
          t.config.logger({
            type: 'orders.page',
            pageNumber,
            pageCount: page.pageCount,
            orders: page.orders.length,
          });
          pageCount = page.pageCount;
          pageNumber += 1;
          for (const order of page.orders) {
            if (seen.has(order.id)) continue;
            seen.add(order.id);
            yield order;
          }
          if (page.orders.length === 0) break;
        }
      }
    }
  }

  const getOrder = async (orderId: string, o: KaspiCallOptions = {}): Promise<KaspiOrder> => {
    assertId(orderId, 'orderId');
    const doc = await read(OrderDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/orders/{orderId}', { params: { path: { orderId } }, ...sig(signal) }),
    );
    return toOrder(doc.data, doc.included ?? [], parseIncludedEntry, wireToDate);
  };

  const fetchEntries = async (orderId: string, o: KaspiCallOptions) => {
    const doc = await read(OrderEntriesDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/orders/{orderId}/entries', { params: { path: { orderId } }, ...sig(signal) }),
    );
    return doc.data.map(toOrderEntry);
  };

  const getEntryProduct = async (
    entryId: string,
    o: KaspiCallOptions = {},
  ): Promise<KaspiMasterProduct> => {
    assertId(entryId, 'entryId');
    const doc = await read(MasterProductDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/orderentries/{entryId}/product', {
        params: { path: { entryId } },
        ...sig(signal),
      }),
    );
    const d = doc.data;
    return {
      id: d.id,
      code: d.attributes.code,
      name: d.attributes.name,
      manufacturer: d.attributes.manufacturer,
      category: d.attributes.category,
      merchantProductLink: d.relationships?.merchantProduct?.links?.related,
    };
  };

  const getMerchantProduct = async (
    productId: string,
    o: KaspiCallOptions = {},
  ): Promise<KaspiMerchantProduct | null> => {
    assertId(productId, 'masterProductId');
    const doc = await read(MerchantProductDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/masterproducts/{productId}/merchantProduct', {
        params: { path: { productId } },
        ...sig(signal),
      }),
    );
    if (doc.data === null) return null;
    const a = doc.data.attributes;
    return { id: doc.data.id, code: a.code, name: a.name, manufacturer: a.manufacturer };
  };

  const toPointOfService = (
    d: v.InferOutput<typeof PointOfServiceDocumentSchema>['data'],
  ): KaspiPointOfService => ({
    id: d.id,
    displayName: d.attributes.displayName,
    address: d.attributes.address,
    cityLink: d.relationships?.city?.links?.related,
  });

  const getPointOfServiceCity = async (
    id: string,
    o: KaspiCallOptions = {},
  ): Promise<KaspiCity> => {
    assertId(id, 'pointOfServiceId');
    const doc = await read(CityDocumentSchema, o.signal, (signal) =>
      api.GET('/v2/pointofservices/{pointOfServiceId}/city', {
        params: { path: { pointOfServiceId: id } },
        ...sig(signal),
      }),
    );
    const a = doc.data.attributes;
    return { id: doc.data.id, code: a.code, name: a.name, active: a.active };
  };

  const changeStatus = createStatusChanger(t, getOrder);

  const client: KaspiClient = {
    iterateOrders,
    listOrdersPage,
    getOrder,

    async getOrderByCode(code, o = {}) {
      assertId(code, 'code');
      const doc = await read(OrdersDocumentSchema, o.signal, (signal) =>
        api.GET('/v2/orders', {
          params: { query: { 'filter[orders][code]': code, 'include[orders]': 'entries' } },
          ...sig(signal),
        }),
      );
      const raw = doc.data.find((d) => d.attributes.code === code) ?? doc.data[0];
      return raw ? toOrder(raw, doc.included ?? [], parseIncludedEntry, wireToDate) : undefined;
    },

    async getOrderEntries(order, o = {}) {
      if (typeof order === 'string') {
        assertId(order, 'orderId');
        return fetchEntries(order, o);
      }
      if (order.entries) return order.entries;
      if (order.links.entries) {
        const target = parseKaspiLink(order.links.entries, baseUrl);
        if (target.kind === 'orderEntries') return fetchEntries(target.orderId, o);
      }
      return fetchEntries(order.id, o);
    },

    async getOrderEntry(entryId, o = {}) {
      assertId(entryId, 'entryId');
      const doc = await read(OrderEntryDocumentSchema, o.signal, (signal) =>
        api.GET('/v2/orderentries/{entryId}', { params: { path: { entryId } }, ...sig(signal) }),
      );
      return toOrderEntry(doc.data);
    },

    getEntryProduct,
    getMerchantProduct,

    async getEntrySku(entry, o = {}) {
      const offerCode = entry.offer?.code;
      if (offerCode) return { sku: offerCode, source: 'offer' };
      const product = await getEntryProduct(entry.id, o);
      let productId = product.id;
      if (product.merchantProductLink) {
        const target = parseKaspiLink(product.merchantProductLink, baseUrl);
        if (target.kind === 'merchantProduct') productId = target.productId;
      }
      const merchant = await getMerchantProduct(productId, o);
      return merchant ? { sku: merchant.code, source: 'merchantProduct' } : undefined;
    },

    async getEntryPointOfService(entryId, o = {}) {
      assertId(entryId, 'entryId');
      const doc = await read(PointOfServiceDocumentSchema, o.signal, (signal) =>
        api.GET('/v2/orderentries/{entryId}/deliveryPointOfService', {
          params: { path: { entryId } },
          ...sig(signal),
        }),
      );
      return toPointOfService(doc.data);
    },

    async getPointOfService(id, o = {}) {
      assertId(id, 'pointOfServiceId');
      const doc = await read(PointOfServiceDocumentSchema, o.signal, (signal) =>
        api.GET('/v2/pointofservices/{pointOfServiceId}', {
          params: { path: { pointOfServiceId: id } },
          ...sig(signal),
        }),
      );
      return toPointOfService(doc.data);
    },

    getPointOfServiceCity,

    async listCities(o = {}) {
      const doc = await read(CitiesDocumentSchema, o.signal, (signal) =>
        api.GET('/v2/cities', sig(signal)),
      );
      return doc.data.map((d) => ({
        id: d.id,
        code: d.attributes.code,
        name: d.attributes.name,
        active: d.attributes.active,
      }));
    },

    acceptOrder(order, o = {}) {
      return changeStatus(
        order,
        'ACCEPTED_BY_MERCHANT',
        {},
        {},
        statusIs(['ACCEPTED_BY_MERCHANT'], ['APPROVED_BY_BANK']),
        o,
      );
    },

    cancelOrder(order, reason, comment, o = {}) {
      assertId(reason, 'reason');
      if (comment !== undefined && comment.length > CANCELLATION_COMMENT_MAX)
        throw new RangeError(
          `cancelOrder: comment is ${comment.length} characters; Kaspi allows ${CANCELLATION_COMMENT_MAX}`,
        );
      return changeStatus(
        order,
        'CANCELLED',
        {
          cancellationReason: reason,
          ...(comment === undefined ? {} : { cancellationComment: comment }),
        },
        {},
        statusIs(['CANCELLED', 'CANCELLING'], ['APPROVED_BY_BANK', 'ACCEPTED_BY_MERCHANT']),
        o,
      );
    },

    sendCompletionCode(order, o = {}) {
      return changeStatus(
        order,
        'COMPLETED',
        {},
        { 'X-Send-Code': 'true', 'X-Security-Code': '' },
        undefined,
        o,
      );
    },

    completeOrder(order, securityCode, o = {}) {
      assertId(securityCode, 'securityCode');
      return changeStatus(
        order,
        'COMPLETED',
        {},
        { 'X-Send-Code': 'true', 'X-Security-Code': securityCode },
        statusIs(['COMPLETED'], ['ACCEPTED_BY_MERCHANT']),
        o,
      );
    },

    assembleOrder(order, numberOfSpace, o = {}) {
      if (!Number.isInteger(numberOfSpace) || numberOfSpace < 1)
        throw new RangeError('assembleOrder: numberOfSpace must be a positive integer');
      return changeStatus(
        order,
        'ASSEMBLE',
        // The guide sends the number as a string.
        { numberOfSpace: String(numberOfSpace) },
        {},
        (current) =>
          current.assembled === true
            ? 'done'
            : current.status === 'ACCEPTED_BY_MERCHANT'
              ? 'not-done'
              : 'conflict',
        o,
      );
    },

    markArrived(order, o = {}) {
      return changeStatus(order, 'ARRIVED', {}, {}, undefined, o);
    },

    markArrivedBackward(order, o = {}) {
      return changeStatus(order, 'ARRIVED_BACKWARD', {}, {}, undefined, o);
    },

    async cancelOrderEntry(entryId, input, o = {}) {
      assertId(entryId, 'entryId');
      if (!Number.isInteger(input.remainedQuantity) || input.remainedQuantity < 0)
        throw new RangeError('cancelOrderEntry: remainedQuantity must be an integer ≥ 0');
      assertId(input.reason, 'reason');
      const { data, response } = await api.POST('/v2/orderEntryCancelOperation', {
        body: {
          data: {
            type: 'orderEntryCancelOperation',
            attributes: {
              remainedQuantity: input.remainedQuantity,
              reason: input.reason,
              ...(input.notes === undefined ? {} : { notes: input.notes }),
            },
            relationships: { entry: { data: { type: 'orderentries', id: entryId } } },
          },
        },
        ...sig(t.signalFor(o.signal)),
      });
      const doc = t.validate(EntryCancelResponseSchema, data, response, 'POST');
      return {
        id: doc.data.id,
        status: doc.data.attributes.status,
        remainedQuantity: doc.data.attributes.remainedQuantity,
        remainedWeight: doc.data.attributes.remainedWeight,
      };
    },

    async partialCancelOrder(orderId, items, o = {}) {
      assertId(orderId, 'orderId');
      if (items.length === 0) throw new RangeError('partialCancelOrder: items must not be empty');
      const body = items.map((item, i) => {
        assertId(item.entryId, `items[${i}].entryId`);
        assertId(item.reason, `items[${i}].reason`);
        for (const key of ['remainedQuantity', 'remainedWeight'] as const) {
          const value = item[key];
          if (value !== undefined && !(Number.isFinite(value) && value >= 0))
            throw new RangeError(`partialCancelOrder: items[${i}].${key} must be ≥ 0`);
        }
        return {
          entry: { id: item.entryId },
          reason: item.reason,
          ...(item.remainedQuantity === undefined
            ? {}
            : { remainedQuantity: item.remainedQuantity }),
          ...(item.remainedWeight === undefined ? {} : { remainedWeight: item.remainedWeight }),
          ...(item.notes === undefined ? {} : { notes: item.notes }),
        };
      });
      const { data, response } = await api.PUT('/orderPartialCancel/{orderId}', {
        params: { path: { orderId } },
        body,
        ...sig(t.signalFor(o.signal)),
      });
      const doc = t.validate(PartialCancelResponseSchema, data, response, 'PUT');
      return {
        status: doc.status,
        entries: (doc.orderCancelEntries ?? []).map((e) => ({
          id: e.id,
          entryId: e.entry?.id,
          remainedQuantity: e.remainedQuantity,
          remainedWeight: e.remainedWeight,
        })),
      };
    },

    async importProducts(products, o = {}) {
      const checked = v.safeParse(ProductImportSchema, products);
      if (!checked.success) {
        const issues = checked.issues.slice(0, 5).map((issue) => {
          const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
          return `${path}: ${issue.message}`;
        });
        throw new TypeError(`importProducts: invalid product cards: ${issues.join('; ')}`);
      }
      const { data, response } = await api.POST('/products/import', {
        body: checked.output,
        ...sig(t.signalFor(o.signal)),
      });
      const doc = t.validate(ImportStatusSchema, data, response, 'POST');
      return { code: doc.code, status: doc.status, description: doc.description };
    },

    async getImportStatus(code, o = {}) {
      assertId(code, 'code');
      const doc = await read(ImportStatusSchema, o.signal, (signal) =>
        api.GET('/products/import', { params: { query: { i: code } }, ...sig(signal) }),
      );
      return { code: doc.code, status: doc.status, description: doc.description };
    },

    async getImportResult(code, o = {}) {
      assertId(code, 'code');
      return read(ImportResultSchema, o.signal, (signal) =>
        api.GET('/products/import/result', { params: { query: { i: code } }, ...sig(signal) }),
      );
    },

    async getImportSchema(o = {}) {
      return read(v.record(v.string(), v.unknown()), o.signal, (signal) =>
        api.GET('/products/import/schema', sig(signal)),
      );
    },

    async listCategories(o = {}) {
      return read(CategoriesSchema, o.signal, (signal) =>
        api.GET('/products/classification/categories', sig(signal)),
      );
    },

    async getCategoryAttributes(categoryCode, o = {}) {
      assertId(categoryCode, 'categoryCode');
      return read(CategoryAttributesSchema, o.signal, (signal) =>
        api.GET('/products/classification/attributes', {
          params: { query: { c: categoryCode } },
          ...sig(signal),
        }),
      );
    },

    async getAttributeValues(categoryCode, attributeCode, o = {}) {
      assertId(categoryCode, 'categoryCode');
      assertId(attributeCode, 'attributeCode');
      return read(AttributeValuesSchema, o.signal, (signal) =>
        api.GET('/products/classification/attribute/values', {
          params: { query: { c: categoryCode, a: attributeCode } },
          ...sig(signal),
        }),
      );
    },
  };
  return client;
}
