import type { Effect, Endpoint } from '@kaspi-connect/http-kit';
import type * as v from 'valibot';
import type { paths } from './kaspi-shop-api.generated.js';
import {
  AttributeValuesSchema,
  CategoriesSchema,
  CategoryAttributesSchema,
} from './schemas/classification.js';
import {
  EntryCancelResponseSchema,
  MasterProductDocumentSchema,
  MerchantProductDocumentSchema,
  OrderEntriesDocumentSchema,
  OrderEntryDocumentSchema,
  PartialCancelResponseSchema,
} from './schemas/entries.js';
import {
  OrderDocumentSchema,
  OrdersDocumentSchema,
  StatusChangeResponseSchema,
} from './schemas/orders.js';
import {
  CitiesDocumentSchema,
  CityDocumentSchema,
  PointOfServiceDocumentSchema,
} from './schemas/points-of-service.js';
import {
  ImportResultSchema,
  ImportSchemaSchema,
  ImportStatusSchema,
} from './schemas/product-import.js';

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
  listOrders: read('/v2/orders', OrdersDocumentSchema),
  getOrder: read('/v2/orders/{orderId}', OrderDocumentSchema),
  getOrderEntries: read('/v2/orders/{orderId}/entries', OrderEntriesDocumentSchema),
  getOrderEntry: read('/v2/orderentries/{entryId}', OrderEntryDocumentSchema),
  getEntryProduct: read('/v2/orderentries/{entryId}/product', MasterProductDocumentSchema),
  getEntryPointOfService: read(
    '/v2/orderentries/{entryId}/deliveryPointOfService',
    PointOfServiceDocumentSchema,
  ),
  getMerchantProduct: read(
    '/v2/masterproducts/{productId}/merchantProduct',
    MerchantProductDocumentSchema,
  ),
  getPointOfService: read('/v2/pointofservices/{pointOfServiceId}', PointOfServiceDocumentSchema),
  getPointOfServiceCity: read('/v2/pointofservices/{pointOfServiceId}/city', CityDocumentSchema),
  listCities: read('/v2/cities', CitiesDocumentSchema),
  changeStatus: endpoint('POST', '/v2/orders', 'refusable-write', StatusChangeResponseSchema),
  changeStatusOnce: endpoint('POST', '/v2/orders', 'write-once', StatusChangeResponseSchema),
  cancelOrderEntry: endpoint(
    'POST',
    '/v2/orderEntryCancelOperation',
    'write-once',
    EntryCancelResponseSchema,
  ),
  partialCancelOrder: endpoint(
    'PUT',
    '/orderPartialCancel/{orderId}',
    'write-once',
    PartialCancelResponseSchema,
  ),
  importProducts: endpoint('POST', '/products/import', 'write-once', ImportStatusSchema),
  getImportStatus: read('/products/import', ImportStatusSchema),
  getImportResult: read('/products/import/result', ImportResultSchema),
  getImportSchema: read('/products/import/schema', ImportSchemaSchema),
  listCategories: read('/products/classification/categories', CategoriesSchema),
  getCategoryAttributes: read('/products/classification/attributes', CategoryAttributesSchema),
  getAttributeValues: read('/products/classification/attribute/values', AttributeValuesSchema),
} as const;

/** Name of an entry of {@link ENDPOINTS}. */
export type KaspiEndpointName = keyof typeof ENDPOINTS;
