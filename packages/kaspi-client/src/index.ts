export { REDACTED, type RedactedRequest } from '@kaspi-connect/http-kit';
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
export * from './endpoints.js';
export * from './enums.js';
export * from './errors.js';
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
export type { KaspiEntriesApi, KaspiEntrySku } from './resources/entries.js';
export type {
  IterateOrdersOptions,
  KaspiOrdersApi,
  KaspiOrdersPage,
  ListOrdersPageOptions,
} from './resources/orders.js';
export type {
  CancelOrderEntryInput,
  KaspiEntryCancelResult,
  KaspiPartialCancelResult,
  KaspiPartialCancelsApi,
  PartialCancelItem,
} from './resources/partial-cancels.js';
export type { KaspiPointsOfServiceApi } from './resources/points-of-service.js';
export type {
  KaspiImportResult,
  KaspiImportStatus,
  KaspiProductImportApi,
} from './resources/product-import.js';
export type {
  KaspiStatusChangeResult,
  KaspiStatusChangesApi,
} from './resources/status-changes.js';
export type { IncludedResource } from './schemas/common.js';
export type { OrderEntryResource } from './schemas/entries.js';
export type { OrderResource } from './schemas/orders.js';
export * from './windows.js';
