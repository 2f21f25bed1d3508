/**
 * The persisted state machine of one Kaspi order.
 *
 * new ─▶ to_reserve ─▶ reserving ─▶ reserved ─▶ accepting ─▶ accepted ─▶ completed
 *   │                     │  (unknown: reconcile)   │                │
 *   ├─▶ to_cancel ─▶ cancelling ─▶ cancelled        └─▶ compensating ◀┘ (Kaspi cancels/returns)
 *   └─▶ attention (a person decides; the reason is stored)      └─▶ cancelled
 *
 * The legal moves are data: `TRANSITIONS` in transitions.ts.
 */
export const ORDER_STATES = [
  'new',
  'to_reserve',
  'reserving',
  'reserved',
  'accepting',
  'accepted',
  'to_cancel',
  'cancelling',
  'compensating',
  'cancelled',
  'attention',
  'completed',
] as const;

/** A state of the per-order state machine (see `ORDER_STATES`). */
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * States the flow never leaves on its own. `accepted` is not one: it is watched until Kaspi
 * completes, cancels or returns the order.
 */
export const FINAL_STATES: readonly OrderState[] = ['completed', 'cancelled', 'attention'];

/** Why an order waits for a person. */
export type AttentionReason =
  | 'policy-manual'
  | 'unknown-sku'
  | 'mixed-suppliers'
  | 'supplier-cannot-reserve'
  | 'unsupported-unit'
  | 'out-of-stock'
  | 'reserve-failed'
  | 'reconcile-ambiguous'
  | 'accept-failed'
  | 'cancel-failed'
  | 'compensate-failed'
  | 'kaspi-unexpected-status'
  | 'supplier-cancel-refused'
  | 'below-cost'
  | 'state-lost';

/** One order line mapped back to the supplier through the persisted SKU mapping. */
export interface OrderLine {
  readonly sku: string;
  /** Supplier product key; `undefined` when the SKU is not one the runner published. */
  readonly productKey: string | undefined;
  readonly quantity: number;
  readonly unitType?: string | undefined;
  /** What the buyer pays per unit on Kaspi (KZT), for the below-cost check. */
  readonly unitPrice?: number | undefined;
}

/** One Kaspi order as the state store keeps it. */
export interface OrderRecord {
  /** Kaspi's human order number (also the supplier's `external_id`). */
  readonly kaspiCode: string;
  /** Kaspi's opaque order id, for status changes. */
  readonly kaspiId: string;
  readonly state: OrderState;
  /** Supplier id of every line (one supplier per order). */
  readonly supplier: string | undefined;
  readonly supplierOrderId: string | undefined;
  readonly lines: readonly OrderLine[];
  /** Set in `attention`: what a person must look at. */
  readonly attention?: { readonly reason: AttentionReason; readonly detail: string } | undefined;
  /** Failed attempts of the current step, for the give-up-and-ask-a-person rule. */
  readonly attempts: number;
  /** When the last reservation attempt started: the reconciliation's lower bound. */
  readonly reserveStartedAt?: Date | undefined;
  readonly kaspiCreatedAt?: Date | undefined;
  /** Last time Kaspi's status of an accepted order was read. */
  readonly kaspiCheckedAt?: Date | undefined;
  /** Outcome notes, e.g. `cancelled by Kaspi` or `supplier order reversed`. */
  readonly note?: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Steps with side effects, each logged `started` before and `done`/`failed` after. */
export type OrderStepName =
  | 'seen'
  | 'decide'
  | 'reserve'
  | 'accept'
  | 'cancel'
  | 'compensate'
  | 'reconcile';

/** One entry of an order's step log. */
export interface OrderStepRecord {
  readonly kaspiCode: string;
  readonly step: OrderStepName;
  readonly phase: 'started' | 'done' | 'failed';
  readonly detail?: string | undefined;
  readonly at: Date;
}
