/**
 * `@kaspi-connect/runner`: the embedding API (config, runtime, sync, order cycle, state store,
 * supplier port, events, exit codes, errors). The CLI is the `kaspi-connect` bin; the order
 * flow's extras (leases, transitions, fresh state) are in `@kaspi-connect/runner/orders`.
 */

export type { CardEvent, CardEventHandler } from './cards/events.js';
export { type RunServiceOptions, runService } from './commands/run.js';
export { type OpenRuntimeOptions, openRuntime, type Runtime } from './commands/runtime.js';
export { ConfigError, type ConfigIssue } from './config/config-error.js';
export { defineConfig } from './config/define-config.js';
export {
  type LoadConfigOptions,
  loadConfig,
  parseConfig,
  type ResolvedConfig,
  requireSecret,
  SECRET_ENV,
  type Secrets,
} from './config/load-config.js';
export type {
  CardsConfig,
  ConsoleConfig,
  FiltersConfig,
  GuardsConfig,
  KaspiConnectConfig,
  KaspiConnectConfigInput,
  NotifyConfig,
  OrdersConfig,
  PricingConfig,
  RoundingConfig,
  StockConfig,
} from './config/schema.js';
export { ExitCode } from './exit-codes.js';
export { createLogger, type Logger, type LoggerOptions } from './logging/logger.js';
export { ClockSkewError } from './orders/clock-check.js';
export { StateLostError } from './orders/fresh-state.js';
export { OrderActionError } from './orders/order-actions.js';
export type { OrderEvent, OrderEventHandler } from './orders/order-events.js';
export {
  type OrderCycleOptions,
  type OrderCycleSummary,
  type OrderFlowDependencies,
  runOrderCycle,
} from './orders/order-flow.js';
export type { OrderLine, OrderRecord, OrderState } from './orders/order-record.js';
export { IllegalTransitionError, OrderConflictError } from './orders/transitions.js';
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
export { FeedPublisher, type FeedPublisherOptions } from './publish/feed-publisher.js';
export type { TargetEvent, TargetEventHandler } from './publish/targets/events.js';
export { TargetPublishError } from './publish/targets/target.js';
export {
  type ClientContext,
  type KaspiClientForOptions,
  kaspiClientFor,
} from './runtime/api-clients.js';
export { FeedServerListenError } from './server/feed-server.js';
export { LeaseBusyError, LeaseLostError } from './state/lease.js';
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
export { AlStyleSupplier, type AlStyleSupplierOptions } from './supplier/alstyle-supplier.js';
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
