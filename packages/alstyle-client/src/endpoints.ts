import { defineEndpoints, type Effect, type HttpMethod } from '@kaspi-connect/http-kit';
import type * as v from 'valibot';
import type { paths } from './generated/alstyle-api.generated.js';
import { userDataSchema } from './schemas/account.js';
import {
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
  cartSchema,
  orderFileSchema,
  orderSchema,
  ordersSchema,
  statusOkIdSchema,
  statusTrueSchema,
  successTrueSchema,
} from './schemas/orders.js';
import { keyedResponseSchema } from './schemas/stock.js';

// A row keeps its literal types, as a literal entry would; the path must be one the spec documents.
const row = <
  const M extends HttpMethod,
  const P extends keyof paths,
  const E extends Effect,
  S extends v.GenericSchema,
>(
  method: M,
  path: P,
  effect: E,
  response: S,
) => ({ method, path, effect, response }) as const;

/**
 * Every documented Al-Style endpoint as data. `effect` alone decides whether a request may be
 * resent (see the kit's resend rules); the README's retry table is generated from this table.
 */
export const ENDPOINTS = defineEndpoints({
  date: row('GET', '/api/date', 'read', dateSchema),
  categories: row('GET', '/api/categories', 'read', categoriesSchema),
  brands: row('GET', '/api/brands', 'read', brandsSchema),
  elements: row('GET', '/api/elements', 'read', elementsSchema),
  elementsPage: row('GET', '/api/elements-pagination', 'read', elementsPageSchema),
  elementInfo: row('GET', '/api/element-info', 'read', elementInfoSchema),
  images: row('GET', '/api/images', 'read', imagesSchema),
  quantity: row('GET', '/api/quantity', 'read', keyedResponseSchema),
  quantityPrice: row('GET', '/api/quantity-price', 'read', keyedResponseSchema),
  properties: row('GET', '/api/properties', 'read', propertiesSchema),
  warehouses: row('GET', '/api/warehouses', 'read', warehousesSchema),
  userData: row('GET', '/api/user-data', 'read', userDataSchema),
  // A 403 means the API refused the call before acting, so cart edits are resent after one.
  cartAdd: row('GET', '/cart-api/add', 'refusable-write', successTrueSchema),
  cartRemove: row('GET', '/cart-api/remove', 'refusable-write', successTrueSchema),
  cartGet: row('GET', '/cart-api/get', 'read', cartSchema),
  // Clearing twice leaves the same empty cart.
  cartClear: row('GET', '/cart-api/clear', 'idempotent-write', statusTrueSchema),
  cartSubmit: row('POST', '/cart-api/submit', 'write-once', statusOkIdSchema),
  orders: row('GET', '/api/orders', 'read', ordersSchema),
  order: row('GET', '/api/order', 'read', orderSchema),
  cartCancel: row('GET', '/cart-api/cancel', 'refusable-write', statusTrueSchema),
  orderConfirm: row('POST', '/api/order-confirm', 'write-once', statusOkIdSchema),
  orderFiles: row('POST', '/api/orders-files', 'write-once', orderFileSchema),
});

type Operation<P extends keyof paths> = paths[P] extends { get: infer G }
  ? G
  : paths[P] extends { post: infer O }
    ? O
    : never;

type Query<P extends keyof paths> =
  Operation<P> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

/**
 * The query of a documented path as the OpenAPI description types it; an optional parameter may
 * also be `undefined`, which leaves it out of the URL, and a list may be read-only.
 */
export type QueryOf<P extends keyof paths, Q = Query<P>> = {
  [K in keyof Q]: ReadonlyList<Q[K]> | (Partial<Pick<Q, K>> extends Pick<Q, K> ? undefined : never);
};

type ReadonlyList<T> = T extends (infer E)[] ? readonly E[] : T;
