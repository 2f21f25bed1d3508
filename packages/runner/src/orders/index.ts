/**
 * `@kaspi-connect/runner/orders`: the order flow without the CLI, logger and scheduler, for
 * embedding it in another process (and a fast start after a crash).
 */

export { type HeldLease, type HoldLeaseOptions, holdLease } from '../state/hold-lease.js';
export {
  type Lease,
  type LeaseAcquisition,
  LeaseBusyError,
  type LeaseInfo,
  LeaseLostError,
  type LeaseRenewal,
  type LeaseRequest,
  type LeaseStore,
} from '../state/lease.js';
export { SqliteStateStore } from '../state/sqlite-state-store.js';
export type { StateStore } from '../state/state-store.js';
export { AlStyleSupplier, type AlStyleSupplierOptions } from '../supplier/alstyle-supplier.js';
export type {
  Reservation,
  ReservationLine,
  ReservationLookup,
  ReservationMatch,
  ReservationRequest,
  ReservationStatus,
  Supplier,
  SupplierReservation,
  SupplierStock,
} from '../supplier/supplier.js';
export {
  type ClockReading,
  ClockSkewError,
  type ClockWatch,
  createClockWatch,
} from './clock-check.js';
export {
  detectStateLoss,
  type FreshStateImport,
  importFreshState,
  StateLostError,
} from './fresh-state.js';
export {
  ORDER_BOUNDARIES,
  type OrderBoundary,
  type OrderEvent,
  type OrderEventHandler,
} from './order-events.js';
export {
  type OrderCycleOptions,
  type OrderCycleSummary,
  type OrderFlowDependencies,
  runOrderCycle,
} from './order-flow.js';
export {
  type AttentionReason,
  FINAL_STATES,
  ORDER_STATES,
  type OrderLine,
  type OrderRecord,
  type OrderState,
  type OrderStepName,
  type OrderStepRecord,
} from './order-record.js';
export { type ShippingDateRule, shippingDateFor } from './shipping-date.js';
export {
  assertTransition,
  IllegalTransitionError,
  isLegalTransition,
  OrderConflictError,
  TRANSITIONS,
  type TransitionSource,
  transitionsDiagram,
} from './transitions.js';
