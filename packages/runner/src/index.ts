export {
  type AttributeMapping,
  type AttributeRules,
  type CardAttribute,
  mapAttributes,
} from './cards/attributes.js';
export { AlStyleCardSource, type CardSource, type CardSourceProduct } from './cards/card-source.js';
export { type CardStatusReport, readCardStatus } from './cards/card-status.js';
export {
  CARD_STATES,
  type CardImportRecord,
  type CardImportState,
  type CardRecord,
  type CardState,
  CardStore,
  type CardVerdict,
} from './cards/card-store.js';
export {
  type CategorySuggestion,
  type KaspiCategory,
  type SupplierCategoryInfo,
  suggestCategories,
} from './cards/classify.js';
export { buildDraft, CARD_LIMITS, type CardDraft, type DraftOptions } from './cards/draft.js';
export type { CardEvent, CardEventHandler } from './cards/events.js';
export {
  type ImportDependencies,
  sendReadyCards,
  trackOpenImports,
} from './cards/import-flow.js';
export { type KaspiAttribute, KaspiClassification } from './cards/kaspi-classification.js';
export {
  type CardSelection,
  type PrepareDependencies,
  type PrepareSummary,
  prepareCards,
} from './cards/prepare.js';
export {
  type CategoryReport,
  categoryReport,
  type UnmappedCategory,
} from './cards/unmapped-categories.js';
export { type CardValidator, createCardValidator } from './cards/validate.js';
export { mainCommand } from './cli/main-command.js';
export { type CliStreams, runCli } from './cli/run-cli.js';
export {
  type CardsContext,
  type CardsSubmitOptions,
  type CardsSubmitSummary,
  type OpenCardsOptions,
  openCardsContext,
  runCardsCategories,
  runCardsStatus,
  runCardsSubmit,
} from './commands/cards.js';
export {
  type CheckUrlsOptions,
  checkTargetUrls,
  type UrlCheck,
} from './commands/check-url.js';
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
export type { CardsConfig } from './config/schema.js';
export {
  type ConsoleConfig,
  configSchema,
  type FiltersConfig,
  type GuardsConfig,
  type KaspiConnectConfig,
  type KaspiConnectConfigInput,
  type NotifyConfig,
  type OrdersConfig,
  type PricingConfig,
  type RoundingConfig,
  type StockConfig,
} from './config/schema.js';
export { STARTER_CONFIG_TS } from './config/starter-config.js';
export { type ConsoleDependencies, createConsoleApp } from './console/console-app.js';
export { type Language, type MessageKey, translate } from './console/messages.js';
export { type DemoOptions, type DemoResult, formatDemoReport, runDemo } from './demo/demo.js';
export { ExitCode } from './exit-codes.js';
export { applyPriceDropGuard, type PriceDropResult } from './guards/price-drop.js';
export { evaluateGuards, type GuardInput, type GuardVerdict } from './guards/safety-guards.js';
export { type Liveness, livenessOf, startHeartbeat } from './liveness/heartbeat.js';
export { explainError } from './logging/explain-error.js';
export { formatLocalTime } from './logging/local-time.js';
export { createLogger, type LoggerOptions } from './logging/logger.js';
export { redactSecrets } from './logging/redact.js';
export { allocateStock, type StoreStock } from './mapping/allocate-stock.js';
export { filterProduct } from './mapping/filters.js';
export {
  cleanText,
  type MapOffersOptions,
  type MappedOffers,
  type MappingConfig,
  mapOffers,
  type SkippedProduct,
} from './mapping/map-offers.js';
export { type PriceResult, priceFloor, priceProduct } from './mapping/pricing.js';
export { roundPrice } from './mapping/rounding.js';
export { SKIP_REASONS, type SkipReason } from './mapping/skip-reason.js';
export { skuFor } from './mapping/sku.js';
export { mapStock, type PublishedStock } from './mapping/stock.js';
export { NotifyDeliveryError } from './notify/delivery-error.js';
export {
  type Notifier,
  type NotifierEvent,
  type NotifierOptions,
  startNotifier,
} from './notify/notifier.js';
export { signWebhook, WEBHOOK_HEADERS } from './notify/webhook.js';
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
  applyOrderAction,
  type OrderAction,
  OrderActionError,
} from './orders/order-actions.js';
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
export {
  type CreateTargetsOptions,
  createTargets,
  publicUrlOf,
  resolveTargetSecrets,
  type TargetSecrets,
} from './publish/targets/create-targets.js';
export type { TargetEvent, TargetEventHandler } from './publish/targets/events.js';
export { GitTarget, type GitTargetOptions } from './publish/targets/git-target.js';
export {
  TargetOutbox,
  type TargetOutboxOptions,
  type TargetOutcome,
} from './publish/targets/outbox.js';
export { S3Target, type S3TargetOptions, s3ObjectUrl } from './publish/targets/s3-target.js';
export type {
  GitTargetConfig,
  S3TargetConfig,
  SftpTargetConfig,
  TargetConfig,
} from './publish/targets/schema.js';
export { SftpTarget, type SftpTargetOptions } from './publish/targets/sftp-target.js';
export {
  formatTargetStatus,
  readTargetStatus,
  type TargetStatus,
  targetAttention,
} from './publish/targets/status.js';
export {
  type FeedUpload,
  type PublishTarget,
  publishVerified,
  type TargetKind,
  type TargetPhase,
  TargetPublishError,
} from './publish/targets/target.js';
export { type JobEvent, type JobKind, JobQueue } from './schedule/job-queue.js';
export { type Scheduler, type SchedulerOptions, startScheduler } from './schedule/scheduler.js';
export type { BasicCredentials } from './server/basic-auth.js';
export {
  type FeedRequestEvent,
  type FeedServer,
  FeedServerListenError,
  type FeedServerOptions,
  startFeedServer,
} from './server/feed-server.js';
export type {
  ActivityStore,
  ConsoleActionRecord,
  FeedFetchRecord,
  HeartbeatRecord,
  OrderSummaryRow,
  OutboxHealth,
  OutboxRecord,
  OutboxState,
  SkuHistoryPoint,
  SkuSearchResult,
} from './state/activity-store.js';
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
export { type SqliteStateStoreOptions, StateStoreError } from './state/open-database.js';
export { SqliteStateStore } from './state/sqlite-state-store.js';
export type {
  PriceHoldRecord,
  PublishedFeedRecord,
  RunRecord,
  SkippedProductRecord,
  SkuMappingRecord,
  StateStore,
} from './state/state-store.js';
export type { TargetFeedEntry, TargetOutboxRecord } from './state/target-outbox.js';
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
