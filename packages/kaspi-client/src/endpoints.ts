import type { Effect, Endpoint } from '@kaspi-connect/http-kit';
import type * as v from 'valibot';
import type { components, paths } from './kaspi-shop-api.generated.js';
import * as classification from './schemas/classification.js';
import * as entries from './schemas/entries.js';
import * as orders from './schemas/orders.js';
import * as pos from './schemas/points-of-service.js';
import * as imports from './schemas/product-import.js';

/** Every schema of the Kaspi Shop API, generated from the package's OpenAPI spec. */
export type KaspiApiComponents = components;

/** Every documented path of the Kaspi Shop API with its parameters and responses, generated from the package's OpenAPI spec. */
export type KaspiApiPaths = paths;

/** Kaspi's production API root; relative links resolve against it. */
export const KASPI_API_ROOT = 'https://kaspi.kz/shop/api';

/**
 * Whether a request may be sent again (the kit's rules, see `RESEND_RULES`): `read` after any
 * transient failure; `refusable-write` after a 429 (Kaspi refused before acting) and, for status
 * changes, after re-reading the order shows the change did not happen; `write-once` only when
 * it provably never left.
 */
export type KaspiEffect = Exclude<Effect, 'idempotent-write'>;

/** HTTP methods the Kaspi Shop API uses. */
export type KaspiMethod = 'GET' | 'POST' | 'PUT';

/** One documented endpoint: how it is called, whether it may be resent, what it answers. */
export interface KaspiEndpoint<
  M extends KaspiMethod = KaspiMethod,
  P extends keyof paths = keyof paths,
  S extends v.GenericSchema = v.GenericSchema,
> extends Endpoint<v.InferOutput<S>> {
  readonly method: M;
  /** The path as the OpenAPI spec (and so the generated types) spells it. */
  readonly path: P;
  readonly effect: KaspiEffect;
  /** Schema every 200 answer is validated against. */
  readonly response: S;
}

const endpoint = <
  const M extends KaspiMethod,
  const P extends keyof paths,
  const F extends KaspiEffect,
  S extends v.GenericSchema,
>(
  method: M,
  path: P,
  effect: F,
  response: S,
) => ({ method, path, effect, response }) satisfies KaspiEndpoint<M, P, S>;

const read = <const P extends keyof paths, S extends v.GenericSchema>(path: P, response: S) =>
  endpoint('GET', path, 'read', response);

/**
 * Every endpoint the client calls. Status changes share `POST /v2/orders`, listed once per
 * effect: sending the completion code and ARRIVED / ARRIVED_BACKWARD cannot be verified by a
 * re-read, so they are `changeStatusOnce`.
 */
export const ENDPOINTS = {
  listOrders: read('/v2/orders', orders.OrdersDocumentSchema),
  getOrder: read('/v2/orders/{orderId}', orders.OrderDocumentSchema),
  getOrderEntries: read('/v2/orders/{orderId}/entries', entries.OrderEntriesDocumentSchema),
  getOrderEntry: read('/v2/orderentries/{entryId}', entries.OrderEntryDocumentSchema),
  getEntryProduct: read('/v2/orderentries/{entryId}/product', entries.MasterProductDocumentSchema),
  getEntryPointOfService: read(
    '/v2/orderentries/{entryId}/deliveryPointOfService',
    pos.PointOfServiceDocumentSchema,
  ),
  getMerchantProduct: read(
    '/v2/masterproducts/{productId}/merchantProduct',
    entries.MerchantProductDocumentSchema,
  ),
  getPointOfService: read(
    '/v2/pointofservices/{pointOfServiceId}',
    pos.PointOfServiceDocumentSchema,
  ),
  getPointOfServiceCity: read(
    '/v2/pointofservices/{pointOfServiceId}/city',
    pos.CityDocumentSchema,
  ),
  listCities: read('/v2/cities', pos.CitiesDocumentSchema),
  changeStatus: endpoint(
    'POST',
    '/v2/orders',
    'refusable-write',
    orders.StatusChangeResponseSchema,
  ),
  changeStatusOnce: endpoint('POST', '/v2/orders', 'write-once', orders.StatusChangeResponseSchema),
  cancelOrderEntry: endpoint(
    'POST',
    '/v2/orderEntryCancelOperation',
    'write-once',
    entries.EntryCancelResponseSchema,
  ),
  partialCancelOrder: endpoint(
    'PUT',
    '/orderPartialCancel/{orderId}',
    'write-once',
    entries.PartialCancelResponseSchema,
  ),
  importProducts: endpoint('POST', '/products/import', 'write-once', imports.ImportStatusSchema),
  getImportStatus: read('/products/import', imports.ImportStatusSchema),
  getImportResult: read('/products/import/result', imports.ImportResultSchema),
  getImportSchema: read('/products/import/schema', imports.ImportSchemaSchema),
  listCategories: read('/products/classification/categories', classification.CategoriesSchema),
  getCategoryAttributes: read(
    '/products/classification/attributes',
    classification.CategoryAttributesSchema,
  ),
  getAttributeValues: read(
    '/products/classification/attribute/values',
    classification.AttributeValuesSchema,
  ),
} as const;

/** Name of an entry of {@link ENDPOINTS}. */
export type KaspiEndpointName = keyof typeof ENDPOINTS;
