import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { SIM_CATEGORIES, simCategoryAttributes } from './categories.js';
import { GUIDE_CITIES } from './cities.js';
import { LatencyModel, type SimulatedLatencies } from './latency.js';
import {
  acceptOffers,
  type OfferPolicy,
  type RejectedOffer,
  type SimulatedOffer,
} from './offers.js';
import {
  offerPrice,
  opaqueId,
  orderTotal,
  type SimEntry,
  type SimOrder,
  stateAfterAcceptance,
} from './order-store.js';
import { type ConditionalState, fetchPriceList, type PriceListSource } from './pricelist-loader.js';
import { PriceListParseError, readPriceList } from './pricelist-reader.js';
import { importResultOf, SIM_IMPORT_SCHEMA, type SimImportRules } from './product-import.js';
import {
  customerResource,
  entryResource,
  type LinkStyle,
  linkRoot,
  masterCode,
  orderResource,
  SIM_ADDRESS,
} from './serialize.js';
import { applyStatusChange } from './state-machine.js';
import { TITLES } from './titles.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WINDOW_MS = 14 * DAY_MS;
const JSON_API = 'application/vnd.api+json';
const API_PREFIX = '/shop/api';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Options of {@link startKaspiSimulator}. */
export interface KaspiSimulatorOptions {
  /** Token the simulator accepts in `X-Auth-Token`. Default `simulator-token`. */
  readonly token?: string;
  /** The shop id (price list `merchantid`). Default `30000001`. */
  readonly merchantId?: string;
  /** Clock for `$le` defaults and new orders. Default `Date.now`. */
  readonly now?: () => number;
  /** Refuse list queries without `filter[orders][state]` (the newer guide's rule). Default false. */
  readonly requireStateFilter?: boolean;
  /** Never answer requests without a User-Agent, as Kaspi did in one report. Default true. */
  readonly hangWithoutUserAgent?: boolean;
  /** Price-list rules applied when loading. Default `strict`. */
  readonly offerPolicy?: OfferPolicy;
  /** How JSON:API links are written. Default `kaspi-absolute`. */
  readonly linkStyle?: LinkStyle;
  /** Automatic loading of the price list by URL, like the cabinet's setting. */
  readonly priceList?: PriceListSource & {
    /** Load on this interval (Kaspi: every 60 min if changed). Omit to load only on demand. */
    readonly intervalMs?: number;
  };
  /** Fetch used by the price-list loader. Default: the global one, looked up late. */
  readonly fetch?: typeof fetch;
  /** Give up on a price-list fetch after this many ms (the file counts as failed). Default 30 000. */
  readonly priceListTimeoutMs?: number;
  /** How many status checks an import stays `UPLOADED` before `FINISHED`. Default 1. */
  readonly importChecksBeforeFinished?: number;
  /**
   * Delay before answering, per path below `/shop/api` (`*` for every other one), e.g.
   * `{ '/v2/orders': { minMs: 100, maxMs: 400 } }`. Default none.
   */
  readonly latency?: SimulatedLatencies;
  /** Seed of the latency draws. Default 1. */
  readonly latencySeed?: number;
  /** Existing cards (duplicates are rejected) and broken images of product imports. */
  readonly importRules?: SimImportRules;
}

/** Result of loading the price list. */
export interface PriceListLoadReport {
  /** `loaded`: offers replaced. `unchanged`: same file (304 or same hash). `failed`: kept old. */
  readonly outcome: 'loaded' | 'unchanged' | 'failed';
  readonly at: Date;
  readonly httpStatus: number | undefined;
  /** Offers accepted from this file (for `loaded`). */
  readonly accepted: number;
  readonly rejected: readonly RejectedOffer[];
  readonly error: string | undefined;
}

/** A buyer's order line. */
export interface BuyerOrderItem {
  readonly sku: string;
  /** Default 1. */
  readonly quantity?: number;
}

/** A buyer placing an order on the marketplace. */
export interface BuyerOrderInput {
  readonly items: readonly BuyerOrderItem[];
  /** Point of sale (`storeId` of the price list). Default: the first one stocking every item. */
  readonly storeId?: string;
  /** City code for city prices. Default `750000000` (Almaty). */
  readonly cityId?: string;
  /** Default `DELIVERY_PICKUP`. */
  readonly deliveryMode?: string;
  readonly isKaspiDelivery?: boolean;
  readonly signatureRequired?: boolean;
  readonly preOrder?: boolean;
  /** Default `PAY_WITH_CREDIT`. */
  readonly paymentMode?: string;
  /** Default: now. */
  readonly creationDate?: Date;
  /** If set, the order is refused unless every item costs exactly this much (per SKU). */
  readonly expectedPrices?: Readonly<Record<string, number>>;
  readonly customer?: {
    readonly firstName?: string;
    readonly lastName?: string;
    readonly cellPhone?: string;
  };
}

/** Snapshot of a simulated order. */
export interface SimulatedOrder {
  readonly id: string;
  readonly code: string;
  readonly state: string;
  readonly status: string;
  readonly creationDate: Date;
  readonly totalPrice: number;
  readonly isKaspiDelivery: boolean;
  readonly assembled: boolean;
  readonly arrived: boolean;
  readonly cancellationReason: string | undefined;
  readonly cancellationComment: string | undefined;
  readonly entries: ReadonlyArray<{
    readonly id: string;
    readonly sku: string;
    readonly quantity: number;
    readonly basePrice: number;
    readonly weight: number;
  }>;
}

/** A fault to inject into the next matching requests. */
export type KaspiSimulatorFault = {
  /** `status`: a JSON error with `status`. `html`: an HTML page. `timeout`: never answer. */
  readonly kind: 'status' | 'html' | 'timeout';
  /** HTTP status for `status` (default 503) and `html` (default 502). */
  readonly status?: number;
  /** How many matching requests fail. Default 1. */
  readonly times?: number;
  /** Only requests with this method. */
  readonly method?: string;
  /** Only requests whose path (after `/shop/api`) matches. */
  readonly path?: string | RegExp;
  /** Process the request first, then fail the response (a lost answer). */
  readonly afterHandling?: boolean;
  /** `Retry-After` seconds to send with a `status` fault. */
  readonly retryAfterSeconds?: number;
};

/** One request the simulator received (token never recorded). */
export interface SimulatorRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number | 'no-response';
  readonly userAgent: string | undefined;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
  readonly merchantUid: string | undefined;
  readonly sendCode: string | undefined;
  readonly hasSecurityCode: boolean;
}

/** Thrown by buyer-side calls the marketplace would refuse (offer not published, etc.). */
export class SimulatorRefusal extends Error {
  override name = 'SimulatorRefusal';
}

/** A running simulated Kaspi marketplace. */
export interface KaspiSimulator {
  /** Base URL for `createKaspiClient({ baseUrl })`, e.g. `http://127.0.0.1:4321/shop/api`. */
  readonly url: string;
  /** The token the simulator accepts. */
  readonly token: string;
  readonly merchantId: string;
  /** Every request received, in order. */
  readonly requests: readonly SimulatorRequestRecord[];
  /** Forgets the request log. */
  clearRequests(): void;
  /** Stops the server, dropping hanging connections and the loading timer. */
  close(): Promise<void>;

  /** Sets (or replaces) the automatic-loading URL and credentials. */
  setPriceListSource(source: PriceListSource): void;
  /** Fetches the price list now, as Kaspi's loader does, applying only a changed file. */
  loadPriceList(signal?: AbortSignal): Promise<PriceListLoadReport>;
  /** Applies an XML price list directly, like a manual upload in the cabinet. */
  uploadPriceList(xml: string): PriceListLoadReport;
  /** Offers Kaspi loaded and shows to buyers. */
  offers(): readonly SimulatedOffer[];
  /** Last load report, if any. */
  readonly lastPriceListLoad: PriceListLoadReport | undefined;

  /** A buyer places an order (published, available offers only, at the published price). */
  createOrder(input: BuyerOrderInput): SimulatedOrder;
  /** Current view of an order by id or code. */
  order(idOrCode: string): SimulatedOrder | undefined;
  /** All orders, oldest first. */
  orders(): readonly SimulatedOrder[];
  /** The completion code Kaspi sent to the buyer's app (after `sendCompletionCode`). */
  securityCodeOf(idOrCode: string): string | undefined;

  /** Kaspi side: the buyer signed the credit documents. */
  signDocuments(idOrCode: string): SimulatedOrder;
  /** Kaspi side: Kaspi cancels the order itself (default reason `TIMEOUT_BUYER_PICKUP`). */
  cancelByKaspi(idOrCode: string, reason?: string): SimulatedOrder;
  /** Kaspi side: an accepted order goes to CANCELLING (e.g. buyer did not pick up). */
  startCancelling(idOrCode: string, reason?: string): SimulatedOrder;
  /** Kaspi side: Kaspi Delivery handed the goods over (COMPLETED). */
  completeByKaspi(idOrCode: string): SimulatedOrder;
  /** Kaspi side: the buyer asked to return a completed Kaspi Delivery order. */
  requestReturn(idOrCode: string): SimulatedOrder;
  /** Kaspi side: the goods of an accepted (or completed) order came back: status `RETURNED`. */
  returnByKaspi(idOrCode: string): SimulatedOrder;

  /** Makes the next matching requests fail. */
  injectFault(fault: KaspiSimulatorFault): void;
  /** Removes all pending faults. */
  clearFaults(): void;
  /** Every product import received, oldest first (what Kaspi was sent, SKU by SKU). */
  productImports(): readonly SimulatedProductImport[];
}

/** One product import the simulator received. */
export interface SimulatedProductImport {
  readonly code: string;
  readonly skus: readonly string[];
  readonly items: readonly unknown[];
}

interface PendingFault extends KaspiSimulatorFault {
  remaining: number;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}

/**
 * Starts a simulated Kaspi marketplace on 127.0.0.1 (random port). It enforces the reference's
 * rules with Kaspi's error titles, runs the order state machine, and loads the price list by URL.
 */
export async function startKaspiSimulator(
  options: KaspiSimulatorOptions = {},
): Promise<KaspiSimulator> {
  const token = options.token ?? 'simulator-token';
  const merchantId = options.merchantId ?? '30000001';
  const now = options.now ?? Date.now;
  const offerPolicy = options.offerPolicy ?? 'strict';
  const linkStyle = options.linkStyle ?? 'kaspi-absolute';
  const hangWithoutUa = options.hangWithoutUserAgent ?? true;
  const importChecks = options.importChecksBeforeFinished ?? 1;
  const latency = new LatencyModel(options.latency ?? {}, options.latencySeed ?? 1);

  const orders: SimOrder[] = [];
  const byId = new Map<string, SimOrder>();
  const byCode = new Map<string, SimOrder>();
  const entriesById = new Map<string, { order: SimOrder; entry: SimEntry }>();
  let offers = new Map<string, SimulatedOffer>();
  let priceListSource: PriceListSource | undefined = options.priceList;
  let lastHash: string | undefined;
  let conditional: ConditionalState | undefined;
  let lastLoad: PriceListLoadReport | undefined;
  const requests: SimulatorRequestRecord[] = [];
  const faults: PendingFault[] = [];
  const hanging = new Set<ServerResponse>();
  const imports = new Map<string, { checks: number; items: unknown[] }>();
  let nextCode = 600_000_001;
  let nextOperation = 1;
  let root = '';

  /** Index of the first order created after `ms` (or at/after it when `inclusive` is false). */
  const firstIndexAfter = (ms: number, inclusive: boolean): number => {
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = (orders[mid] as SimOrder).creationDate;
      if (t < ms || (inclusive && t === ms)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const findOrder = (idOrCode: string): SimOrder => {
    const order = byId.get(idOrCode) ?? byCode.get(idOrCode);
    if (!order) throw new SimulatorRefusal(`No order ${idOrCode}`);
    return order;
  };

  const snapshot = (o: SimOrder): SimulatedOrder => ({
    id: o.id,
    code: o.code,
    state: o.state,
    status: o.status,
    creationDate: new Date(o.creationDate),
    totalPrice: orderTotal(o),
    isKaspiDelivery: o.isKaspiDelivery,
    assembled: o.assembled,
    arrived: o.arrived,
    cancellationReason: o.cancellationReason,
    cancellationComment: o.cancellationComment,
    entries: o.entries.map((e) => ({
      id: e.id,
      sku: e.sku,
      quantity: e.quantity,
      basePrice: e.basePrice,
      weight: e.weight,
    })),
  });

  // ---- price list ----------------------------------------------------------------------------

  const applyPriceList = (xml: string, httpStatus: number | undefined): PriceListLoadReport => {
    try {
      const doc = readPriceList(xml, offerPolicy);
      const { offers: accepted, rejected } = acceptOffers(doc);
      offers = accepted;
      lastLoad = {
        outcome: 'loaded',
        at: new Date(now()),
        httpStatus,
        accepted: accepted.size,
        rejected,
        error: undefined,
      };
    } catch (error) {
      if (!(error instanceof PriceListParseError)) throw error;
      // A broken file never replaces the last good catalogue.
      lastLoad = {
        outcome: 'failed',
        at: new Date(now()),
        httpStatus,
        accepted: 0,
        rejected: [],
        error: error.message,
      };
    }
    return lastLoad;
  };

  const loadPriceList = async (signal?: AbortSignal): Promise<PriceListLoadReport> => {
    if (!priceListSource) throw new SimulatorRefusal('No price-list URL configured');
    const result = await fetchPriceList(
      priceListSource,
      conditional,
      options.fetch ?? globalThis.fetch,
      signal,
      options.priceListTimeoutMs ?? 30_000,
    );
    const at = new Date(now());
    if (result.kind === 'failed') {
      lastLoad = {
        outcome: 'failed',
        at,
        httpStatus: result.status,
        accepted: 0,
        rejected: [],
        error: result.error,
      };
      return lastLoad;
    }
    if (result.kind === 'not-modified' || result.hash === lastHash) {
      lastLoad = {
        outcome: 'unchanged',
        at,
        httpStatus: result.status,
        accepted: offers.size,
        rejected: [],
        error: undefined,
      };
      return lastLoad;
    }
    const report = applyPriceList(result.body, result.status);
    if (report.outcome === 'loaded') {
      lastHash = result.hash;
      conditional = { etag: result.etag, lastModified: result.lastModified };
    }
    return report;
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.priceList?.intervalMs !== undefined) {
    timer = setInterval(() => {
      loadPriceList().catch(() => {});
    }, options.priceList.intervalMs);
    timer.unref();
  }

  // ---- buyer side ----------------------------------------------------------------------------

  const createOrder = (input: BuyerOrderInput): SimulatedOrder => {
    if (input.items.length === 0) throw new SimulatorRefusal('An order needs at least one item');
    const cityId = input.cityId ?? '750000000';
    const wanted = input.items.map((item) => {
      const quantity = item.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1)
        throw new SimulatorRefusal(`Quantity of ${item.sku} must be a positive integer`);
      const offer = offers.get(item.sku);
      if (!offer) throw new SimulatorRefusal(`Offer ${item.sku} is not published on Kaspi`);
      const price = offerPrice(offer, cityId);
      if (price === undefined)
        throw new SimulatorRefusal(`Offer ${item.sku} has no price for city ${cityId}`);
      const expected = input.expectedPrices?.[item.sku];
      if (expected !== undefined && expected !== price)
        throw new SimulatorRefusal(`Offer ${item.sku} costs ${price} on Kaspi, not ${expected}`);
      return { offer, quantity, price };
    });
    const stocksOne = (w: (typeof wanted)[number], storeId: string) =>
      w.offer.availabilities.some(
        (a) =>
          a.storeId === storeId &&
          a.available &&
          (a.stockCount === undefined || a.stockCount >= w.quantity),
      );
    const stocks = (storeId: string) => wanted.every((w) => stocksOne(w, storeId));
    const candidates = [
      ...new Set(wanted.flatMap(({ offer }) => offer.availabilities.map((a) => a.storeId))),
    ];
    const storeId = input.storeId ?? candidates.find(stocks);
    if (storeId === undefined || !stocks(storeId)) {
      const missing =
        wanted.find((w) =>
          input.storeId === undefined
            ? !candidates.some((c) => stocksOne(w, c))
            : !stocksOne(w, input.storeId),
        ) ?? wanted[0];
      throw new SimulatorRefusal(
        `Offer ${missing?.offer.sku} is not available in quantity ${missing?.quantity}${
          input.storeId === undefined ? '' : ` at ${input.storeId}`
        }`,
      );
    }
    const created = input.creationDate?.getTime() ?? now();
    const code = String(nextCode++);
    const id = opaqueId(`${code}:ord`);
    const posId = opaqueId(`${merchantId}_${storeId}`);
    const entries: SimEntry[] = wanted.map(({ offer, quantity, price }, i) => ({
      id: opaqueId(`${code}##${i}`),
      entryNumber: i,
      sku: offer.sku,
      name: offer.model,
      quantity,
      basePrice: price,
      weight: 0,
      unitType: 'PIECES',
      category: { code: 'Master - Simulated', title: 'Simulated' },
      masterProductId: opaqueId(`master:${offer.sku}`),
      merchantProductId: opaqueId(`merchant:${offer.sku}`),
      pointOfServiceId: posId,
    }));
    const signatureRequired = input.signatureRequired ?? false;
    const order: SimOrder = {
      id,
      code,
      state: signatureRequired ? 'SIGN_REQUIRED' : 'NEW',
      status: 'APPROVED_BY_BANK',
      creationDate: created,
      approvedByBankDate: created + 5_000,
      paymentMode: input.paymentMode ?? 'PAY_WITH_CREDIT',
      deliveryMode: input.deliveryMode ?? 'DELIVERY_PICKUP',
      isKaspiDelivery: input.isKaspiDelivery ?? false,
      signatureRequired,
      signed: !signatureRequired,
      preOrder: input.preOrder ?? false,
      arrived: false,
      pickupPointId: `${merchantId}_${storeId}`,
      storeId,
      cityId,
      deliveryCost: 0,
      customer: {
        id: opaqueId(`customer:${code}`),
        name: null,
        cellPhone: input.customer?.cellPhone ?? '7700000000',
        firstName: input.customer?.firstName ?? 'Покупатель',
        lastName: input.customer?.lastName ?? 'Тестовый',
      },
      entries,
      assembled: false,
      numberOfSpace: undefined,
      waybill: undefined,
      cancellationReason: undefined,
      cancellationComment: undefined,
      securityCode: undefined,
      returnedToWarehouse: false,
    };
    // Kept sorted by creationDate so list queries find their window by binary search.
    orders.splice(firstIndexAfter(created, true), 0, order);
    byId.set(id, order);
    byCode.set(code, order);
    for (const entry of entries) entriesById.set(entry.id, { order, entry });
    return snapshot(order);
  };

  // ---- HTTP ----------------------------------------------------------------------------------

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    contentType: string,
    extraHeaders: Record<string, string> = {},
  ) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, ...extraHeaders });
    res.end(text);
  };
  const htmlPage = (status: number) =>
    `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>Error ${status}</h1></body></html>`;

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) reject(new HttpRefusal(413, TITLES.badBody('too large')));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpRefusal(400, TITLES.badBody('not JSON'));
    }
  };

  const intParam = (query: URLSearchParams, name: string): number | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    if (!/^-?\d+$/.test(raw)) throw new HttpRefusal(400, TITLES.badNumber(name));
    return Number(raw);
  };

  const matchesDeliveryType = (order: SimOrder, type: string): boolean => {
    const pickup =
      order.deliveryMode === 'DELIVERY_PICKUP' || order.deliveryMode === 'DELIVERY_REGIONAL_PICKUP';
    return type === 'PICKUP' ? pickup : type === 'DELIVERY' ? !pickup : false;
  };

  const listOrders = (query: URLSearchParams) => {
    const r = linkRoot(linkStyle, root);
    const include = query.get('include[orders]');
    const render = (page: SimOrder[], pageCount: number, totalCount: number) => {
      const included: unknown[] = [];
      for (const o of page) {
        if (include === 'entries') for (const e of o.entries) included.push(entryResource(e, r));
        if (include === 'user') included.push(customerResource(o, r));
      }
      return {
        data: page.map((o) => orderResource(o, r)),
        included,
        meta: { pageCount, totalCount },
      };
    };
    const code = query.get('filter[orders][code]');
    if (code !== null) {
      const found = byCode.get(code);
      return render(found ? [found] : [], found ? 1 : 0, found ? 1 : 0);
    }
    const pageNumber = intParam(query, 'page[number]');
    if (pageNumber === undefined) throw new HttpRefusal(400, TITLES.pageNumberMissing);
    const pageSize = intParam(query, 'page[size]');
    if (pageSize === undefined) throw new HttpRefusal(400, TITLES.pageSizeMissing);
    if (pageSize > 100) throw new HttpRefusal(400, TITLES.pageSizeTooLarge);
    if (pageSize < 1 || pageNumber < 0) throw new HttpRefusal(400, TITLES.badNumber('page'));
    const ge = intParam(query, 'filter[orders][creationDate][$ge]');
    if (ge === undefined) throw new HttpRefusal(400, TITLES.creationDateGeMissing);
    const le = intParam(query, 'filter[orders][creationDate][$le]') ?? now();
    if (le - ge > MAX_WINDOW_MS)
      throw new HttpRefusal(400, TITLES.windowTooWide(Math.ceil((le - ge) / DAY_MS)));
    const state = query.get('filter[orders][state]');
    if (state === null && options.requireStateFilter)
      throw new HttpRefusal(400, TITLES.stateRequired);
    const status = query.get('filter[orders][status]');
    const deliveryType = query.get('filter[orders][deliveryType]');
    const signature = query.get('filter[orders][signatureRequired]');
    const inWindow = orders.slice(firstIndexAfter(ge, false), firstIndexAfter(le, true));
    const matching = inWindow.filter(
      (o) =>
        (state === null || o.state === state) &&
        (status === null || o.status === status) &&
        (deliveryType === null || matchesDeliveryType(o, deliveryType)) &&
        (signature === null || String(o.signatureRequired) === signature),
    );
    const start = pageNumber * pageSize;
    return render(
      matching.slice(start, start + pageSize),
      Math.ceil(matching.length / pageSize),
      matching.length,
    );
  };

  const entryRef = (id: string) => {
    const found = entriesById.get(id);
    if (!found) throw new HttpRefusal(404, TITLES.notFound(`Order entry ${id}`));
    return found;
  };

  const posResource = (id: string) => {
    const decoded = Buffer.from(id, 'base64').toString('utf8');
    const storeId = decoded.startsWith(`${merchantId}_`)
      ? decoded.slice(merchantId.length + 1)
      : undefined;
    if (!storeId) throw new HttpRefusal(404, TITLES.notFound(`Point of service ${id}`));
    const r = linkRoot(linkStyle, root);
    return {
      data: {
        type: 'pointofservices',
        id,
        attributes: { address: SIM_ADDRESS, displayName: storeId },
        relationships: {
          city: {
            links: {
              self: `${r}/v2/pointofservices/${id}/relationships/city`,
              related: `${r}/v2/pointofservices/${id}/city`,
            },
          },
        },
        links: { self: `${r}/v2/pointofservices/${id}` },
      },
    };
  };

  const cityResource = (code: string, name: string) => ({
    type: 'cities',
    id: opaqueId(code),
    attributes: { code, name, active: true },
  });

  const handleStatusChange = (body: unknown, req: IncomingMessage) => {
    const parsed = v.safeParse(
      v.object({
        data: v.object({
          type: v.literal('orders'),
          id: v.string(),
          attributes: v.record(v.string(), v.unknown()),
        }),
      }),
      body,
    );
    if (!parsed.success)
      throw new HttpRefusal(
        400,
        TITLES.badBody('expected { data: { type: "orders", id, attributes } }'),
      );
    const order = byId.get(parsed.output.data.id);
    if (!order) throw new HttpRefusal(404, TITLES.notFound(`Order ${parsed.output.data.id}`));
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const result = applyStatusChange(
      order,
      parsed.output.data.attributes,
      { sendCode: header('x-send-code'), securityCode: header('x-security-code') },
      {
        newSecurityCode: () => String(randomInt(1000, 10000)),
        waybillUrl: (o) => `${root}/waybill/${o.id}.pdf`,
      },
    );
    if (!result.ok) throw new HttpRefusal(result.status, result.title);
    const r = linkRoot(linkStyle, root);
    const full = orderResource(order, r);
    return {
      data: { ...full, attributes: result.attributes },
      included: [],
    };
  };

  const handleEntryCancel = (body: unknown) => {
    const parsed = v.safeParse(
      v.object({
        data: v.object({
          type: v.literal('orderEntryCancelOperation'),
          attributes: v.object({
            remainedQuantity: v.number(),
            reason: v.string(),
            notes: v.optional(v.string()),
          }),
          relationships: v.object({
            entry: v.object({
              data: v.object({ type: v.literal('orderentries'), id: v.string() }),
            }),
          }),
        }),
      }),
      body,
    );
    if (!parsed.success)
      throw new HttpRefusal(400, TITLES.badBody('expected an orderEntryCancelOperation'));
    const { attributes, relationships } = parsed.output.data;
    const { order, entry } = entryRef(relationships.entry.data.id);
    if (order.status !== 'APPROVED_BY_BANK' && order.status !== 'ACCEPTED_BY_MERCHANT')
      throw new HttpRefusal(400, TITLES.transition(order.status, 'partial cancel'));
    const rq = attributes.remainedQuantity;
    if (!Number.isInteger(rq) || rq < 0 || rq > entry.quantity)
      throw new HttpRefusal(400, TITLES.remainedQuantity);
    entry.quantity = rq;
    return {
      data: {
        type: 'orderEntryCancelOperation',
        id: opaqueId(`op:${nextOperation++}`),
        attributes: { remainedQuantity: rq, status: 'SUCCESSFULL' },
      },
    };
  };

  const handlePartialCancel = (orderId: string, body: unknown) => {
    const order = byId.get(orderId);
    if (!order) throw new HttpRefusal(404, TITLES.notFound(`Order ${orderId}`));
    const parsed = v.safeParse(
      v.pipe(
        v.array(
          v.object({
            entry: v.object({ id: v.string() }),
            remainedQuantity: v.optional(v.number()),
            remainedWeight: v.optional(v.number()),
            reason: v.string(),
            notes: v.optional(v.string()),
          }),
        ),
        v.minLength(1),
      ),
      body,
    );
    if (!parsed.success) throw new HttpRefusal(400, TITLES.badBody('expected a non-empty array'));
    if (order.status !== 'APPROVED_BY_BANK' && order.status !== 'ACCEPTED_BY_MERCHANT')
      throw new HttpRefusal(400, TITLES.transition(order.status, 'partial cancel'));
    // Validate everything before changing anything.
    const plan = parsed.output.map((item) => {
      const entry = order.entries.find((e) => e.id === item.entry.id);
      if (!entry) throw new HttpRefusal(400, TITLES.entryNotInOrder(item.entry.id));
      if (item.reason === 'PRODUCT_UNDERWEIGHT' && entry.unitType === 'PIECES')
        throw new HttpRefusal(400, TITLES.underweightOnlyMeasurable);
      const rq = item.remainedQuantity;
      if (rq !== undefined && (!Number.isInteger(rq) || rq < 0 || rq > entry.quantity))
        throw new HttpRefusal(400, TITLES.remainedQuantity);
      const rw = item.remainedWeight;
      if (rw !== undefined && (rw < 0 || (entry.weight > 0 && rw > entry.weight)))
        throw new HttpRefusal(400, TITLES.remainedWeight);
      return { item, entry };
    });
    return {
      orderCancelEntries: plan.map(({ item, entry }) => {
        if (item.remainedQuantity !== undefined) entry.quantity = item.remainedQuantity;
        if (item.remainedWeight !== undefined) entry.weight = item.remainedWeight;
        return {
          id: opaqueId(`pc:${nextOperation++}`),
          entry: { id: entry.id },
          remainedQuantity: entry.quantity,
          remainedWeight: entry.weight,
          reason: item.reason,
          notes: item.notes ?? '',
        };
      }),
      status: 'SUCCESSFUL',
    };
  };

  const handleImport = (body: unknown) => {
    if (!Array.isArray(body) || body.length === 0 || body.length > 10_000)
      throw new HttpRefusal(400, TITLES.badBody('expected an array of 1 to 10 000 products'));
    const code = `import-${nextOperation++}`;
    imports.set(code, { checks: 0, items: body });
    return { code, status: 'UPLOADED' };
  };

  const importResult = (code: string) => {
    const job = imports.get(code);
    if (!job) throw new HttpRefusal(404, TITLES.notFound(`Import ${code}`));
    return importResultOf(job.items, options.importRules);
  };

  const route = async (
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
  ): Promise<unknown> => {
    const r = linkRoot(linkStyle, root);
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [head, a, b, c] = segments;
    if (head === 'v2') {
      if (method === 'GET' && a === 'orders' && b === undefined) return listOrders(query);
      if (method === 'POST' && a === 'orders' && b === undefined)
        return handleStatusChange(parseJson(await readBody(req)), req);
      if (method === 'GET' && a === 'orders' && b !== undefined) {
        const order = byId.get(b);
        if (!order) throw new HttpRefusal(404, TITLES.notFound(`Order ${b}`));
        if (c === undefined) return { data: orderResource(order, r), included: [] };
        if (c === 'entries' && segments.length === 4)
          return { data: order.entries.map((e) => entryResource(e, r)), included: [] };
      }
      if (method === 'GET' && a === 'orderentries' && b !== undefined) {
        const { entry } = entryRef(b);
        if (c === undefined) return { data: entryResource(entry, r, true) };
        if (c === 'product')
          return {
            data: {
              type: 'masterproducts',
              id: entry.masterProductId,
              attributes: {
                code: masterCode(entry.sku),
                name: entry.name,
                manufacturer: offers.get(entry.sku)?.brand ?? '',
                category: entry.category.code,
              },
              relationships: {
                merchantProduct: {
                  links: {
                    self: `${r}/v2/masterproducts/${entry.masterProductId}/relationships/merchantProduct`,
                    related: `${r}/v2/masterproducts/${entry.masterProductId}/merchantProduct`,
                  },
                },
              },
            },
          };
        if (c === 'deliveryPointOfService') return posResource(entry.pointOfServiceId);
      }
      if (
        method === 'GET' &&
        a === 'masterproducts' &&
        b !== undefined &&
        c === 'merchantProduct'
      ) {
        const decoded = Buffer.from(b, 'base64').toString('utf8');
        if (!decoded.startsWith('master:'))
          throw new HttpRefusal(404, TITLES.notFound(`Product ${b}`));
        const sku = decoded.slice('master:'.length);
        const offer = offers.get(sku);
        return {
          data: offer
            ? {
                type: 'merchantproducts',
                id: opaqueId(`merchant:${sku}`),
                attributes: { code: sku, name: offer.model, manufacturer: offer.brand },
              }
            : null,
        };
      }
      if (method === 'GET' && a === 'pointofservices' && b !== undefined) {
        if (c === undefined) return posResource(b);
        if (c === 'city') {
          posResource(b);
          return { data: cityResource('750000000', 'Алматы') };
        }
      }
      if (method === 'GET' && a === 'cities' && b === undefined)
        return { data: GUIDE_CITIES.map(([code, name]) => cityResource(code, name)) };
      if (method === 'POST' && a === 'orderEntryCancelOperation' && b === undefined)
        return handleEntryCancel(parseJson(await readBody(req)));
    }
    if (head === 'orderPartialCancel' && method === 'PUT' && a !== undefined && b === undefined)
      return handlePartialCancel(a, parseJson(await readBody(req)));
    if (head === 'products') {
      if (a === 'import' && b === undefined && method === 'POST')
        return handleImport(parseJson(await readBody(req)));
      if (a === 'import' && b === undefined && method === 'GET') {
        const code = query.get('i') ?? '';
        const job = imports.get(code);
        if (!job) throw new HttpRefusal(404, TITLES.notFound(`Import ${code}`));
        job.checks += 1;
        return { code, status: job.checks > importChecks ? 'FINISHED' : 'UPLOADED' };
      }
      if (a === 'import' && b === 'result' && method === 'GET')
        return importResult(query.get('i') ?? '');
      if (a === 'import' && b === 'schema' && method === 'GET') return SIM_IMPORT_SCHEMA;
      if (a === 'classification' && method === 'GET') {
        if (b === 'categories') return SIM_CATEGORIES.map(({ code, title }) => ({ code, title }));
        if (b === 'attributes') {
          const attrs = simCategoryAttributes(query.get('c') ?? '');
          if (!attrs) throw new HttpRefusal(400, TITLES.badBody('c must be a leaf category code'));
          return attrs.map(({ code, type, multiValued, mandatory }) => ({
            code,
            type,
            multiValued,
            mandatory,
          }));
        }
        if (b === 'attribute' && c === 'values') {
          const attr = simCategoryAttributes(query.get('c') ?? '')?.find(
            (x) => x.code === query.get('a'),
          );
          if (!attr) throw new HttpRefusal(400, TITLES.badBody('c and a must name an attribute'));
          return attr.values ?? [];
        }
      }
    }
    throw new HttpRefusal(404, TITLES.notFound(`${method} ${path}`));
  };

  const takeFault = (method: string, path: string): PendingFault | undefined => {
    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined ||
          (typeof f.path === 'string'
            ? path === f.path || path.startsWith(`${f.path}?`)
            : f.path.test(path))),
    );
    if (fault) fault.remaining -= 1;
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length)
      : url.pathname;
    await latency.wait(path);
    const record = (status: number | 'no-response') =>
      requests.push({
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        status,
        userAgent: header('user-agent'),
        accept: header('accept'),
        contentType: header('content-type'),
        merchantUid: header('x-merchant-uid'),
        sendCode: header('x-send-code'),
        hasSecurityCode: (header('x-security-code') ?? '') !== '',
      });
    const hang = () => {
      record('no-response');
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    };
    const fail = (status: number, title: string, headers: Record<string, string> = {}) => {
      record(status);
      send(res, status, { errors: [{ title, status: String(status) }] }, JSON_API, headers);
    };
    const applyFault = (fault: PendingFault) => {
      if (fault.kind === 'timeout') return hang();
      if (fault.kind === 'html') {
        const status = fault.status ?? 502;
        record(status);
        return send(res, status, htmlPage(status), 'text/html');
      }
      const status = fault.status ?? 503;
      return fail(
        status,
        `[simulator] injected ${status}`,
        fault.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(fault.retryAfterSeconds) },
      );
    };

    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return fail(404, TITLES.notFound(url.pathname));
    if (hangWithoutUa && !header('user-agent')) return hang();
    const fault = takeFault(method, `${path}${url.search}`);
    if (fault && !fault.afterHandling) return applyFault(fault);
    const isJsonApi = path.startsWith('/v2/');
    // Kaspi answers an HTML 404 when Accept is not JSON:API.
    if (isJsonApi && !(header('accept') ?? '').includes(JSON_API)) {
      record(404);
      return send(res, 404, htmlPage(404), 'text/html');
    }
    if (header('x-auth-token') !== token) return fail(401, TITLES.invalidToken);
    if (isJsonApi && method !== 'GET' && !(header('content-type') ?? '').includes(JSON_API))
      return fail(400, TITLES.badContentType);
    try {
      const body = await route(method, path, url.searchParams, req);
      if (fault) return applyFault(fault);
      record(200);
      send(res, 200, body, isJsonApi ? JSON_API : 'application/json');
    } catch (error) {
      if (fault) return applyFault(fault);
      if (error instanceof HttpRefusal) return fail(error.status, error.title);
      return fail(500, `[simulator] ${(error as Error).message}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { errors: [{ title: String(error) }] }, JSON_API);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  root = `http://127.0.0.1:${port}${API_PREFIX}`;

  const kaspiSide = (idOrCode: string, change: (o: SimOrder) => void): SimulatedOrder => {
    const order = findOrder(idOrCode);
    change(order);
    return snapshot(order);
  };

  return {
    url: root,
    token,
    merchantId,
    get requests() {
      return requests;
    },
    clearRequests() {
      requests.length = 0;
    },
    async close() {
      if (timer) clearInterval(timer);
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setPriceListSource(source) {
      priceListSource = source;
      lastHash = undefined;
      conditional = undefined;
    },
    loadPriceList,
    uploadPriceList(xml) {
      const report = applyPriceList(xml, undefined);
      if (report.outcome === 'loaded') lastHash = undefined;
      return report;
    },
    offers: () => [...offers.values()],
    get lastPriceListLoad() {
      return lastLoad;
    },
    createOrder,
    order(idOrCode) {
      const o = byId.get(idOrCode) ?? byCode.get(idOrCode);
      return o ? snapshot(o) : undefined;
    },
    orders: () => orders.map(snapshot),
    securityCodeOf: (idOrCode) => findOrder(idOrCode).securityCode,
    signDocuments: (idOrCode) =>
      kaspiSide(idOrCode, (o) => {
        o.signed = true;
        if (o.state === 'SIGN_REQUIRED')
          o.state = o.status === 'APPROVED_BY_BANK' ? 'NEW' : stateAfterAcceptance(o);
      }),
    cancelByKaspi: (idOrCode, reason = 'TIMEOUT_BUYER_PICKUP') =>
      kaspiSide(idOrCode, (o) => {
        if (o.status === 'COMPLETED' || o.status === 'CANCELLED' || o.status === 'RETURNED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}`);
        o.status = 'CANCELLED';
        o.state = 'ARCHIVE';
        o.cancellationReason = reason;
      }),
    startCancelling: (idOrCode, reason = 'TIMEOUT_BUYER_PICKUP') =>
      kaspiSide(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}, not ACCEPTED_BY_MERCHANT`);
        o.status = 'CANCELLING';
        o.cancellationReason = reason;
      }),
    completeByKaspi: (idOrCode) =>
      kaspiSide(idOrCode, (o) => {
        if (!o.isKaspiDelivery || !o.assembled || o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is not an assembled Kaspi Delivery order`);
        o.status = 'COMPLETED';
        o.state = 'ARCHIVE';
      }),
    requestReturn: (idOrCode) =>
      kaspiSide(idOrCode, (o) => {
        if (!o.isKaspiDelivery || o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is not a completed Kaspi Delivery order`);
        o.status = 'KASPI_DELIVERY_RETURN_REQUESTED';
        o.state = 'KASPI_DELIVERY';
      }),
    returnByKaspi: (idOrCode) =>
      kaspiSide(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT' && o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}: nothing to return`);
        o.status = 'RETURNED';
        o.state = 'ARCHIVE';
        o.returnedToWarehouse = true;
      }),
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    productImports: () =>
      [...imports.entries()].map(([code, job]) => ({
        code,
        items: job.items,
        skus: job.items.map((item) =>
          item && typeof item === 'object' && 'sku' in item ? String(item.sku) : '',
        ),
      })),
  };
}
