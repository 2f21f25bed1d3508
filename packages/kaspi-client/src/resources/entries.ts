import { assertId, byPath } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import { parseKaspiLink } from '../links.js';
import {
  type KaspiMasterProduct,
  type KaspiMerchantProduct,
  type KaspiOrder,
  type KaspiOrderEntry,
  toOrderEntry,
} from '../model.js';

/** Where an entry's SKU came from. */
export interface KaspiEntrySku {
  readonly sku: string;
  /** `offer`: `entry.offer.code`. `merchantProduct`: entry → product → merchantProduct.code. */
  readonly source: 'offer' | 'merchantProduct';
}

/** Order entries (lines) and the products behind them. */
export interface KaspiEntriesApi {
  /**
   * The order's entries: from `included` when complete, else by following the entries link
   * (absolute or relative), else `GET /v2/orders/{id}/entries`.
   */
  getOrderEntries(
    order: string | KaspiOrder,
    call?: KaspiCallOptions,
  ): Promise<readonly KaspiOrderEntry[]>;
  /** `GET /v2/orderentries/{id}` (adds `minAllowedWeight`). */
  getOrderEntry(entryId: string, call?: KaspiCallOptions): Promise<KaspiOrderEntry>;
  /** Kaspi's master product of an entry (its `code` is Kaspi's, not your SKU). */
  getEntryProduct(entryId: string, call?: KaspiCallOptions): Promise<KaspiMasterProduct>;
  /** The seller's product behind a master product; `null` when Kaspi has none. */
  getMerchantProduct(
    masterProductId: string,
    call?: KaspiCallOptions,
  ): Promise<KaspiMerchantProduct | null>;
  /** The SKU of a line: `offer.code`, else entry → product → merchantProduct. */
  getEntrySku(entry: KaspiOrderEntry, call?: KaspiCallOptions): Promise<KaspiEntrySku | undefined>;
}

/** The entries resource bound to a client. */
export function entriesResource(ctx: KaspiContext): KaspiEntriesApi {
  const { t } = ctx;
  const fetchEntries = async (orderId: string, o: KaspiCallOptions) =>
    (await t.send(ENDPOINTS.getOrderEntries, byPath({ orderId }), o)).data.map(toOrderEntry);
  const api: KaspiEntriesApi = {
    async getOrderEntries(order, o = {}) {
      if (typeof order === 'string') return fetchEntries(order, o);
      if (order.entries) return order.entries;
      if (order.links.entries) {
        const target = parseKaspiLink(order.links.entries, ctx.baseUrl);
        if (target.kind === 'orderEntries') return fetchEntries(target.orderId, o);
      }
      return fetchEntries(order.id, o);
    },
    getOrderEntry: async (entryId, o = {}) =>
      toOrderEntry((await t.send(ENDPOINTS.getOrderEntry, byPath({ entryId }), o)).data),
    async getEntryProduct(entryId, o = {}) {
      const { data: d } = await t.send(ENDPOINTS.getEntryProduct, byPath({ entryId }), o);
      const { code, name, manufacturer, category } = d.attributes;
      const merchantProductLink = d.relationships?.merchantProduct?.links?.related;
      return { id: d.id, code, name, manufacturer, category, merchantProductLink };
    },
    async getMerchantProduct(productId, o = {}) {
      assertId(productId, 'masterProductId');
      const init = { params: { path: { productId } } };
      const { data } = await t.send(ENDPOINTS.getMerchantProduct, init, o);
      if (data === null) return null;
      const { code, name, manufacturer } = data.attributes;
      return { id: data.id, code, name, manufacturer };
    },
    async getEntrySku(entry, o = {}) {
      const offerCode = entry.offer?.code;
      if (offerCode) return { sku: offerCode, source: 'offer' };
      const product = await api.getEntryProduct(entry.id, o);
      let productId = product.id;
      if (product.merchantProductLink) {
        const target = parseKaspiLink(product.merchantProductLink, ctx.baseUrl);
        if (target.kind === 'merchantProduct') productId = target.productId;
      }
      const merchant = await api.getMerchantProduct(productId, o);
      return merchant ? { sku: merchant.code, source: 'merchantProduct' } : undefined;
    },
  };
  return api;
}
