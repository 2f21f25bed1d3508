import * as v from 'valibot';
import { assertDate, assertId, byPath } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { fromWireMs, toWireMs, windowMsFor } from '../dates.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KaspiDeliveryTypeFilter, KaspiOrderState, KaspiOrderStatus } from '../enums.js';
import { type KaspiOrder, toOrder } from '../model.js';
import type { IncludedResource } from '../schemas/common.js';
import { OrderEntryResourceSchema } from '../schemas/entries.js';
import type { OrderResource } from '../schemas/orders.js';
import { MAX_WINDOW_MS, ORDER_WINDOW_MS, splitDateRange } from '../windows.js';

/** Filters of {@link KaspiOrdersApi.iterateOrders}. */
export interface IterateOrdersOptions extends KaspiCallOptions {
  /** Earliest creation date (inclusive). */
  readonly from: Date;
  /** Latest creation date (inclusive). Default: now. */
  readonly to?: Date | undefined;
  /**
   * One state or several (one pass per state). Omitted: no state filter, which Kaspi answered in
   * practice although the newer guide marks it required; pass `ORDER_STATES` to be strict.
   */
  readonly state?: KaspiOrderState | readonly KaspiOrderState[] | undefined;
  readonly status?: KaspiOrderStatus | undefined;
  /** Only when `state` is not `PICKUP`. */
  readonly deliveryType?: KaspiDeliveryTypeFilter | undefined;
  readonly signatureRequired?: boolean | undefined;
  /** `entries` puts the lines into `order.entries`; `user` fills `order.user`. */
  readonly include?: 'entries' | 'user' | undefined;
  /** 1 to 100. Default 100. */
  readonly pageSize?: number | undefined;
}

/** One page of `GET /v2/orders`. */
export interface KaspiOrdersPage {
  readonly orders: readonly KaspiOrder[];
  readonly pageCount: number;
  readonly totalCount: number | undefined;
}

/** Query of {@link KaspiOrdersApi.listOrdersPage}: one window, one page, at most one state. */
export interface ListOrdersPageOptions
  extends Omit<IterateOrdersOptions, 'to' | 'state' | 'pageSize'> {
  readonly to: Date;
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly state?: KaspiOrderState | undefined;
}

/** Orders: listing by creation date, one order by id or by number. */
export interface KaspiOrdersApi {
  /** Yields every order created in `[from, to]` once, in ≤ 14-day windows and pages of 100. */
  iterateOrders(options: IterateOrdersOptions): AsyncGenerator<KaspiOrder, void, undefined>;
  /** One page of one window (at most 14 days); the building block of `iterateOrders`. */
  listOrdersPage(options: ListOrdersPageOptions): Promise<KaspiOrdersPage>;
  /** `GET /v2/orders/{id}`. */
  getOrder(orderId: string, call?: KaspiCallOptions): Promise<KaspiOrder>;
  /** Finds an order by its number, with entries included; `undefined` when there is none. */
  getOrderByCode(code: string, call?: KaspiCallOptions): Promise<KaspiOrder | undefined>;
}

const parseIncludedEntry = (resource: IncludedResource) =>
  v.is(OrderEntryResourceSchema, resource) ? resource : undefined;

function mapOrder(ctx: KaspiContext, raw: OrderResource, included: readonly IncludedResource[]) {
  return toOrder(raw, included, parseIncludedEntry, (ms) => fromWireMs(ms, ctx.dateEncoding));
}

function pageQuery(ctx: KaspiContext, o: ListOrdersPageOptions) {
  assertDate(o.from, 'from');
  assertDate(o.to, 'to');
  const ge = toWireMs(o.from, ctx.dateEncoding);
  const le = toWireMs(o.to, ctx.dateEncoding);
  if (le - ge > MAX_WINDOW_MS)
    throw new RangeError('listOrdersPage: the creationDate window must not exceed 14 days');
  if (le < ge) throw new RangeError('listOrdersPage: `to` is before `from`');
  if (!Number.isInteger(o.pageNumber) || o.pageNumber < 0)
    throw new RangeError('listOrdersPage: pageNumber must be an integer ≥ 0');
  if (!Number.isInteger(o.pageSize) || o.pageSize < 1 || o.pageSize > 100)
    throw new RangeError('listOrdersPage: pageSize must be an integer from 1 to 100');
  return {
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
}

/** Every order of `[from, to]` once: ≤ 14-day windows, one pass per state, pages until the last. */
async function* iterateOrders(
  ctx: KaspiContext,
  listPage: KaspiOrdersApi['listOrdersPage'],
  o: IterateOrdersOptions,
): AsyncGenerator<KaspiOrder, void> {
  assertDate(o.from, 'from');
  const to = o.to ?? new Date();
  assertDate(to, 'to');
  const pageSize = o.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw new RangeError('iterateOrders: pageSize must be an integer from 1 to 100');
  const states: ReadonlyArray<KaspiOrderState | undefined> =
    o.state === undefined ? [undefined] : typeof o.state === 'string' ? [o.state] : o.state;
  const log = ctx.t.emit;
  // Orders can shift between pages while we read (new orders arrive); yield each id once.
  const seen = new Set<string>();
  const windowMs = windowMsFor(ctx.dateEncoding, ORDER_WINDOW_MS);
  for (const { from, to: until } of splitDateRange(o.from, to, windowMs)) {
    for (const state of states) {
      log({ type: 'orders.window', from, to: until, state });
      const filters = { ...o, from, to: until, pageSize, state };
      for (let pageNumber = 0, pageCount = 1; pageNumber < pageCount; pageNumber++) {
        const page = await listPage({ ...filters, pageNumber });
        const orders = page.orders.length;
        log({ type: 'orders.page', pageNumber, pageCount: page.pageCount, orders });
        pageCount = orders === 0 ? 0 : page.pageCount;
        for (const order of page.orders) {
          if (seen.has(order.id)) continue;
          seen.add(order.id);
          yield order;
        }
      }
    }
  }
}

/** The orders resource bound to a client. */
export function ordersResource(ctx: KaspiContext): KaspiOrdersApi {
  const { t } = ctx;
  const api: KaspiOrdersApi = {
    iterateOrders: (o) => iterateOrders(ctx, api.listOrdersPage, o),
    async listOrdersPage(o) {
      const query = pageQuery(ctx, o);
      const doc = await t.send(ENDPOINTS.listOrders, { params: { query } }, o);
      const included = doc.included ?? [];
      const full = doc.data.length >= o.pageSize;
      return {
        orders: doc.data.map((raw) => mapOrder(ctx, raw, included)),
        // Without meta, a full page means there may be another one.
        pageCount: doc.meta?.pageCount ?? o.pageNumber + (full ? 2 : 1),
        totalCount: doc.meta?.totalCount,
      };
    },
    async getOrder(orderId, o = {}) {
      const doc = await t.send(ENDPOINTS.getOrder, byPath({ orderId }), o);
      return mapOrder(ctx, doc.data, doc.included ?? []);
    },
    async getOrderByCode(code, o = {}) {
      assertId(code, 'code');
      const query = { 'filter[orders][code]': code, 'include[orders]': 'entries' } as const;
      const doc = await t.send(ENDPOINTS.listOrders, { params: { query } }, o);
      const raw = doc.data.find((d) => d.attributes.code === code) ?? doc.data[0];
      return raw ? mapOrder(ctx, raw, doc.included ?? []) : undefined;
    },
  };
  return api;
}
