export { mainCommand } from './cli/main-command.js';
export { type InitOptions, type InitResult, initProject } from './commands/init.js';
export {
  formatOrderSummary,
  kaspiClientFor,
  logOrderEvents,
  runOrdersOnce,
} from './commands/orders.js';
export { formatSummary, logSyncEvents } from './commands/report.js';
export { type RunServiceOptions, runService, serveFeed } from './commands/run.js';
export { type OpenRuntimeOptions, openRuntime, type Runtime } from './commands/runtime.js';
export { readStatus, type StatusReport } from './commands/status.js';
export { diffFiles, type FileValidation, validateFile } from './commands/validate-file.js';
export { ConfigError, type ConfigIssue } from './config/config-error.js';
export { defineConfig } from './config/define-config.js';
export {
  CONFIG_FILE_NAMES,
  type LoadConfigOptions,
  loadConfig,
  parseConfig,
  type ResolvedConfig,
  requireSecret,
  SECRET_ENV,
  type Secrets,
} from './config/load-config.js';
export {
  configSchema,
  type FiltersConfig,
  type GuardsConfig,
  type KaspiConnectConfig,
  type KaspiConnectConfigInput,
  type OrdersConfig,
  type PricingConfig,
  type RoundingConfig,
  type StockConfig,
} from './config/schema.js';
export { STARTER_CONFIG_TS } from './config/starter-config.js';
export { type DemoOptions, type DemoResult, formatDemoReport, runDemo } from './demo/demo.js';
export { ExitCode } from './exit-codes.js';
export { evaluateGuards, type GuardInput, type GuardVerdict } from './guards/safety-guards.js';
export { createLogger, type LoggerOptions } from './logging/logger.js';
export { redactSecrets } from './logging/redact.js';
export { filterProduct } from './mapping/filters.js';
export {
  cleanText,
  type MapOffersOptions,
  type MappedOffers,
  type MappingConfig,
  mapOffers,
  type SkippedProduct,
} from './mapping/map-offers.js';
export { type PriceResult, priceProduct } from './mapping/pricing.js';
export { roundPrice } from './mapping/rounding.js';
export { SKIP_REASONS, type SkipReason } from './mapping/skip-reason.js';
export { skuFor } from './mapping/sku.js';
export { mapStock, type PublishedStock } from './mapping/stock.js';
export {
  type ClockReading,
  ClockSkewError,
  type ClockWatch,
  createClockWatch,
} from './orders/clock-check.js';
export {
  detectStateLoss,
  type FreshStateImport,
  importFreshState,
  StateLostError,
} from './orders/fresh-state.js';
export {
  ORDER_BOUNDARIES,
  type OrderBoundary,
  type OrderEvent,
  type OrderEventHandler,
} from './orders/order-events.js';
export {
  type OrderCycleOptions,
  type OrderCycleSummary,
  type OrderFlowDependencies,
  runOrderCycle,
} from './orders/order-flow.js';
export {
  type AttentionReason,
  FINAL_STATES,
  ORDER_STATES,
  type OrderLine,
  type OrderRecord,
  type OrderState,
  type OrderStepName,
  type OrderStepRecord,
} from './orders/order-record.js';
export { type ShippingDateRule, shippingDateFor } from './orders/shipping-date.js';
export {
  assertTransition,
  IllegalTransitionError,
  isLegalTransition,
  OrderConflictError,
  TRANSITIONS,
  type TransitionSource,
  transitionsDiagram,
} from './orders/transitions.js';
export type { SyncEvent, SyncEventHandler } from './pipeline/events.js';
export type { FeedChangeSummary, RunStatus, RunSummary, SyncMode } from './pipeline/run-summary.js';
export {
  type ConfiguredSupplier,
  runSync,
  SupplierReadError,
  type SyncDependencies,
  type SyncOptions,
  type SyncResult,
} from './pipeline/sync.js';
export {
  type FeedContent,
  FeedPublisher,
  type FeedPublisherOptions,
  type PublishedFile,
} from './publish/feed-publisher.js';
export { type JobEvent, type JobKind, JobQueue } from './schedule/job-queue.js';
export { type Scheduler, type SchedulerOptions, startScheduler } from './schedule/scheduler.js';
export type { BasicCredentials } from './server/basic-auth.js';
export {
  type FeedRequestEvent,
  type FeedServer,
  type FeedServerOptions,
  startFeedServer,
} from './server/feed-server.js';
export { type HeldLease, type HoldLeaseOptions, holdLease } from './state/hold-lease.js';
export {
  type Lease,
  type LeaseAcquisition,
  LeaseBusyError,
  type LeaseInfo,
  LeaseLostError,
  type LeaseRenewal,
  type LeaseRequest,
  type LeaseStore,
} from './state/lease.js';
export { SqliteStateStore } from './state/sqlite-state-store.js';
export type {
  PublishedFeedRecord,
  RunRecord,
  SkuMappingRecord,
  StateStore,
} from './state/state-store.js';
export { AlStyleSupplier, type AlStyleSupplierOptions } from './supplier/alstyle-supplier.js';
export {
  type KeyConflict,
  type MergedCatalogue,
  mergeCatalogues,
  type SupplierCatalogue,
} from './supplier/merge.js';
export type {
  CatalogueProgress,
  IterateCatalogueOptions,
  Reservation,
  ReservationLine,
  ReservationLookup,
  ReservationMatch,
  ReservationRequest,
  ReservationStatus,
  SnapshotOptions,
  StockAndPrice,
  Supplier,
  SupplierPrices,
  SupplierProduct,
  SupplierReservation,
  SupplierStock,
} from './supplier/supplier.js';
export { VERSION } from './version.js';
