export {
  ADDITIONAL_FIELDS,
  type AdditionalField,
  ELEMENT_INFO_ONLY_FIELDS,
  type ElementInfoField,
} from './additional-fields.js';
export { type AlStyleCategoryNode, buildCategoryTree } from './categories.js';
export { createAlStyleClient } from './client.js';
export type {
  AlStyleClient,
  AlStyleOrderListPage,
  AlStyleProductPage,
  CallOptions,
  OrderFilter,
  ProductFilter,
  ProductPageOptions,
  SubmitCartInput,
} from './client-types.js';
export { type AlStyleDateInput, toAlStyleDate } from './dates.js';
export { ENDPOINTS } from './endpoints.js';
export {
  AlStyleAuthError,
  AlStyleError,
  type AlStyleErrorOptions,
  AlStyleHttpError,
  type AlStyleIssue,
  AlStyleNetworkError,
  AlStyleOperationError,
  AlStyleOutcomeUnknownError,
  AlStyleRateLimitError,
  AlStyleSchemaError,
  AlStyleTimeoutError,
} from './errors.js';
export type { AlStyleEvent, AlStyleLogger, OrderStep } from './events.js';
export {
  type AlStyleClientOptions,
  DEFAULT_BASE_URL,
  type InvalidItemPolicy,
  MAX_ARTICLES_PER_STOCK_REQUEST,
  MAX_PAGE_SIZE,
  type RetryOptions,
} from './options.js';
export type { CreateOrderInput, CreateOrderResult } from './orders/create-order.js';
export { isPlaceholderPrice, normalisePrice, PLACEHOLDER_PRICE, toHttps } from './price.js';
export { parseQuantity, type Quantity } from './quantity.js';
export { REDACTED, redactSecrets } from './redact.js';
export {
  type AlStyleAttorney,
  type AlStyleCarrier,
  type AlStyleUserData,
  isAttorneyExpired,
  pickMainAttorney,
  pickMainCarrier,
} from './schemas/account.js';
export type {
  AlStyleBrand,
  AlStyleCategory,
  AlStyleProductProperties,
  AlStyleProperty,
  AlStyleWarehouse,
} from './schemas/catalogue.js';
export {
  type AlStyleCart,
  type AlStyleCartItem,
  type AlStyleOrder,
  type AlStyleOrderPage,
  type AlStyleOrderStatus,
  type AlStyleOrderSummary,
  ORDER_STATUSES,
} from './schemas/orders.js';
export type {
  AlStyleAdditionalValues,
  AlStyleProduct,
  AlStyleProductBase,
  JsonValue,
} from './schemas/product.js';
export type { AlStyleStockAndPrice } from './schemas/stock.js';
export type { ArrivalSpacingOptions } from './transport/arrival-spacing.js';
export type { CartLock } from './transport/mutex.js';
export type {
  GateAttempt,
  RateLimitOptions,
  RequestGate,
  SpacingFrom,
} from './transport/throttle.js';
