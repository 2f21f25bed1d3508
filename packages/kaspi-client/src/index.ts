export type { KaspiApiComponents, KaspiApiPaths } from './api-types.js';
export {
  type CancelOrderEntryInput,
  createKaspiClient,
  type IterateOrdersOptions,
  type KaspiCallOptions,
  type KaspiClient,
  type KaspiClientOptions,
  type KaspiEntryCancelResult,
  type KaspiEntrySku,
  type KaspiImportResult,
  type KaspiImportStatus,
  type KaspiOrdersPage,
  type KaspiPartialCancelResult,
  type ListOrdersPageOptions,
  type PartialCancelItem,
} from './client.js';
export { almatyOffsetMs, fromWireMs, type KaspiDateEncoding, toWireMs } from './dates.js';
export { deliveryKind, type KaspiDeliveryKind } from './delivery.js';
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
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiResponseValidationError,
  KaspiServerError,
  KaspiStatusConflictError,
  KaspiTimeoutError,
  KaspiValidationError,
} from './errors.js';
export type { KaspiClientEvent, KaspiLogger } from './events.js';
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
export { REDACTED, type RedactedRequest } from './redact.js';
export type { IncludedResource, OrderEntryResource, OrderResource } from './schemas.js';
export type { KaspiStatusChangeResult } from './status-change.js';
export { KASPI_API_ROOT, type KaspiRateLimitOptions, type KaspiRetryOptions } from './transport.js';
export {
  type DateWindow,
  MAX_WINDOW_MS,
  ORDER_WINDOW_MARGIN_MS,
  ORDER_WINDOW_MS,
  splitDateRange,
} from './windows.js';
