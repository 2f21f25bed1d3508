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
  S extends v.GenericSchema,
>(
  method: M,
  path: P,
  effect: KaspiEffect,
  response: S,
): KaspiEndpoint<M, P, S> => ({ method, path, effect, response });

/**
 * Every endpoint the client calls. Status changes share `POST /v2/orders`, listed once per
 * effect: sending the completion code and ARRIVED / ARRIVED_BACKWARD cannot be verified by a
 * re-read, so they are `changeStatusOnce`.
 */
export const ENDPOINTS = {
  listOrders: endpoint('GET', '/v2/orders', 'read', OrdersDocumentSchema),
  getOrder: endpoint('GET', '/v2/orders/{orderId}', 'read', OrderDocumentSchema),
  getOrderEntries: endpoint(
    'GET',
    '/v2/orders/{orderId}/entries',
    'read',
    OrderEntriesDocumentSchema,
  ),
  getOrderEntry: endpoint('GET', '/v2/orderentries/{entryId}', 'read', OrderEntryDocumentSchema),
  getEntryProduct: endpoint(
    'GET',
    '/v2/orderentries/{entryId}/product',
    'read',
    MasterProductDocumentSchema,
  ),
  getEntryPointOfService: endpoint(
    'GET',
    '/v2/orderentries/{entryId}/deliveryPointOfService',
    'read',
    PointOfServiceDocumentSchema,
  ),
  getMerchantProduct: endpoint(
    'GET',
    '/v2/masterproducts/{productId}/merchantProduct',
    'read',
    MerchantProductDocumentSchema,
  ),
  getPointOfService: endpoint(
    'GET',
    '/v2/pointofservices/{pointOfServiceId}',
    'read',
    PointOfServiceDocumentSchema,
  ),
  getPointOfServiceCity: endpoint(
    'GET',
    '/v2/pointofservices/{pointOfServiceId}/city',
    'read',
    CityDocumentSchema,
  ),
  listCities: endpoint('GET', '/v2/cities', 'read', CitiesDocumentSchema),
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
  getImportStatus: endpoint('GET', '/products/import', 'read', ImportStatusSchema),
  getImportResult: endpoint('GET', '/products/import/result', 'read', ImportResultSchema),
  getImportSchema: endpoint('GET', '/products/import/schema', 'read', ImportSchemaSchema),
  listCategories: endpoint('GET', '/products/classification/categories', 'read', CategoriesSchema),
  getCategoryAttributes: endpoint(
    'GET',
    '/products/classification/attributes',
    'read',
    CategoryAttributesSchema,
  ),
  getAttributeValues: endpoint(
    'GET',
    '/products/classification/attribute/values',
    'read',
    AttributeValuesSchema,
  ),
} as const;

/** Name of an entry of {@link ENDPOINTS}. */
export type KaspiEndpointName = keyof typeof ENDPOINTS;
