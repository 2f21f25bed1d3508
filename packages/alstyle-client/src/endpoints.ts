import { defineEndpoints } from '@kaspi-connect/http-kit';
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

/**
 * Every documented Al-Style endpoint as data. `effect` alone decides whether a request may be
 * resent (see the kit's resend rules); the README's retry table is generated from this table.
 */
export const ENDPOINTS = defineEndpoints({
  date: { method: 'GET', path: '/api/date', effect: 'read', response: dateSchema },
  categories: {
    method: 'GET',
    path: '/api/categories',
    effect: 'read',
    response: categoriesSchema,
  },
  brands: { method: 'GET', path: '/api/brands', effect: 'read', response: brandsSchema },
  elements: { method: 'GET', path: '/api/elements', effect: 'read', response: elementsSchema },
  elementsPage: {
    method: 'GET',
    path: '/api/elements-pagination',
    effect: 'read',
    response: elementsPageSchema,
  },
  elementInfo: {
    method: 'GET',
    path: '/api/element-info',
    effect: 'read',
    response: elementInfoSchema,
  },
  images: { method: 'GET', path: '/api/images', effect: 'read', response: imagesSchema },
  quantity: { method: 'GET', path: '/api/quantity', effect: 'read', response: keyedResponseSchema },
  quantityPrice: {
    method: 'GET',
    path: '/api/quantity-price',
    effect: 'read',
    response: keyedResponseSchema,
  },
  properties: {
    method: 'GET',
    path: '/api/properties',
    effect: 'read',
    response: propertiesSchema,
  },
  warehouses: {
    method: 'GET',
    path: '/api/warehouses',
    effect: 'read',
    response: warehousesSchema,
  },
  userData: { method: 'GET', path: '/api/user-data', effect: 'read', response: userDataSchema },
  // A 403 means the API refused the call before acting, so cart edits are resent after one.
  cartAdd: {
    method: 'GET',
    path: '/cart-api/add',
    effect: 'refusable-write',
    response: successTrueSchema,
  },
  cartRemove: {
    method: 'GET',
    path: '/cart-api/remove',
    effect: 'refusable-write',
    response: successTrueSchema,
  },
  cartGet: { method: 'GET', path: '/cart-api/get', effect: 'read', response: cartSchema },
  // Clearing twice leaves the same empty cart.
  cartClear: {
    method: 'GET',
    path: '/cart-api/clear',
    effect: 'idempotent-write',
    response: statusTrueSchema,
  },
  cartSubmit: {
    method: 'POST',
    path: '/cart-api/submit',
    effect: 'write-once',
    response: statusOkIdSchema,
  },
  orders: { method: 'GET', path: '/api/orders', effect: 'read', response: ordersSchema },
  order: { method: 'GET', path: '/api/order', effect: 'read', response: orderSchema },
  cartCancel: {
    method: 'GET',
    path: '/cart-api/cancel',
    effect: 'refusable-write',
    response: statusTrueSchema,
  },
  orderConfirm: {
    method: 'POST',
    path: '/api/order-confirm',
    effect: 'write-once',
    response: statusOkIdSchema,
  },
  orderFiles: {
    method: 'POST',
    path: '/api/orders-files',
    effect: 'write-once',
    response: orderFileSchema,
  },
});

type Operation<P extends keyof paths> = paths[P] extends { get: infer G }
  ? G
  : paths[P] extends { post: infer O }
    ? O
    : never;

/** The query parameters of a documented path, as the OpenAPI description types them. */
export type QueryOf<P extends keyof paths> =
  Operation<P> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;
