import { assertId } from '../assert.js';
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
}

async function fetchEntries(ctx: KaspiContext, orderId: string, o: KaspiCallOptions) {
  const init = { params: { path: { orderId } } };
  const doc = await ctx.t.send(ENDPOINTS.getOrderEntries, init, o);
  return doc.data.map(toOrderEntry);
}

async function getOrderEntries(
  ctx: KaspiContext,
  order: string | KaspiOrder,
  o: KaspiCallOptions = {},
): Promise<readonly KaspiOrderEntry[]> {
  if (typeof order === 'string') {
    assertId(order, 'orderId');
    return fetchEntries(ctx, order, o);
  }
  if (order.entries) return order.entries;
  if (order.links.entries) {
    const target = parseKaspiLink(order.links.entries, ctx.baseUrl);
    if (target.kind === 'orderEntries') return fetchEntries(ctx, target.orderId, o);
  }
  return fetchEntries(ctx, order.id, o);
}

async function getOrderEntry(ctx: KaspiContext, entryId: string, o: KaspiCallOptions = {}) {
  assertId(entryId, 'entryId');
  const init = { params: { path: { entryId } } };
  const doc = await ctx.t.send(ENDPOINTS.getOrderEntry, init, o);
  return toOrderEntry(doc.data);
}

async function getEntryProduct(
  ctx: KaspiContext,
  entryId: string,
  o: KaspiCallOptions = {},
): Promise<KaspiMasterProduct> {
  assertId(entryId, 'entryId');
  const init = { params: { path: { entryId } } };
  const { data: d } = await ctx.t.send(ENDPOINTS.getEntryProduct, init, o);
  return {
    id: d.id,
    code: d.attributes.code,
    name: d.attributes.name,
    manufacturer: d.attributes.manufacturer,
    category: d.attributes.category,
    merchantProductLink: d.relationships?.merchantProduct?.links?.related,
  };
}

async function getMerchantProduct(
  ctx: KaspiContext,
  productId: string,
  o: KaspiCallOptions = {},
): Promise<KaspiMerchantProduct | null> {
  assertId(productId, 'masterProductId');
  const init = { params: { path: { productId } } };
  const doc = await ctx.t.send(ENDPOINTS.getMerchantProduct, init, o);
  if (doc.data === null) return null;
  const a = doc.data.attributes;
  return { id: doc.data.id, code: a.code, name: a.name, manufacturer: a.manufacturer };
}

async function getEntrySku(
  ctx: KaspiContext,
  entry: KaspiOrderEntry,
  o: KaspiCallOptions = {},
): Promise<KaspiEntrySku | undefined> {
  const offerCode = entry.offer?.code;
  if (offerCode) return { sku: offerCode, source: 'offer' };
  const product = await getEntryProduct(ctx, entry.id, o);
  let productId = product.id;
  if (product.merchantProductLink) {
    const target = parseKaspiLink(product.merchantProductLink, ctx.baseUrl);
    if (target.kind === 'merchantProduct') productId = target.productId;
  }
  const merchant = await getMerchantProduct(ctx, productId, o);
  return merchant ? { sku: merchant.code, source: 'merchantProduct' } : undefined;
}

/** The entries resource bound to a client. */
export function entriesResource(ctx: KaspiContext): KaspiEntriesApi {
  return {
    getOrderEntries: (order, o) => getOrderEntries(ctx, order, o),
    getOrderEntry: (id, o) => getOrderEntry(ctx, id, o),
    getEntryProduct: (id, o) => getEntryProduct(ctx, id, o),
    getMerchantProduct: (id, o) => getMerchantProduct(ctx, id, o),
    getEntrySku: (entry, o) => getEntrySku(ctx, entry, o),
  };
}
