export { REDACTED, type RedactedRequest } from '@kaspi-connect/http-kit';
export type { KaspiApiComponents, KaspiApiPaths } from './api-types.js';
export {
  createKaspiClient,
  type KaspiClient,
  type KaspiClientOptions,
  type KaspiRateLimitOptions,
  type KaspiRetryOptions,
} from './client.js';
export type { KaspiCallOptions } from './context.js';
export { almatyOffsetMs, fromWireMs, type KaspiDateEncoding, toWireMs } from './dates.js';
export { deliveryKind, type KaspiDeliveryKind } from './delivery.js';
export {
  ENDPOINTS,
  KASPI_API_ROOT,
  type KaspiEffect,
  type KaspiEndpoint,
  type KaspiEndpointName,
  type KaspiMethod,
} from './endpoints.js';
export {
  type KaspiCancellationReason,
  type KaspiDeliveryMode,
  type KaspiDeliveryTypeFilter,
  type KaspiEntryCancelStatus,
  type KaspiImportState,
  type KaspiMerchantCancellationReason,
  type KaspiOrderState,
  type KaspiOrderStatus,
  type KaspiPartialCancelStatus,
  type KaspiPaymentMode,
  type KaspiTargetStatus,
  type KaspiUnitType,
  MERCHANT_CANCELLATION_REASONS,
  ORDER_STATES,
  ORDER_STATUSES,
} from './enums.js';
export {
  KaspiAuthError,
  KaspiError,
  type KaspiErrorOptions,
  KaspiHtmlResponseError,
  type KaspiIssue,
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiResponseValidationError,
  KaspiServerError,
  KaspiStatusConflictError,
  KaspiTimeoutError,
  KaspiValidationError,
} from './errors.js';
export type { KaspiClientEvent, KaspiEventHandler } from './events.js';
export { type KaspiLinkTarget, parseKaspiLink } from './links.js';
export type {
  KaspiAddress,
  KaspiCity,
  KaspiCustomer,
  KaspiDeliveryInfo,
  KaspiMasterProduct,
  KaspiMerchantProduct,
  KaspiOrder,
  KaspiOrderEntry,
  KaspiOrderRef,
  KaspiPointOfService,
} from './model.js';
export {
  type KaspiProductImportItem,
  ProductImportItemSchema,
  ProductImportSchema,
} from './products.js';
export type { KaspiClassificationApi } from './resources/classification.js';
export type * from './resources/entries.js';
export type * from './resources/orders.js';
export type * from './resources/partial-cancels.js';
export type { KaspiPointsOfServiceApi } from './resources/points-of-service.js';
export type * from './resources/product-import.js';
export type {
  KaspiStatusChangeResult,
  KaspiStatusChangesApi,
} from './resources/status-changes.js';
export type { IncludedResource } from './schemas/common.js';
export type { OrderEntryResource } from './schemas/entries.js';
export type { OrderResource } from './schemas/orders.js';
export {
  type DateWindow,
  MAX_WINDOW_MS,
  ORDER_WINDOW_MARGIN_MS,
  ORDER_WINDOW_MS,
  splitDateRange,
} from './windows.js';
