import type { AttentionReason, OrderState, OrderStepName } from './order-record.js';

/**
 * What the order flow reports, keyed by the Kaspi order code only: no buyer name, phone or
 * address is ever put in an event.
 */
export type OrderEvent =
  | {
      readonly type: 'orders.poll';
      readonly from: Date;
      readonly to: Date;
      readonly seen: number;
      readonly added: number;
    }
  | {
      readonly type: 'order.state';
      readonly code: string;
      readonly from: OrderState | undefined;
      readonly to: OrderState;
      readonly step: OrderStepName;
      readonly detail?: string | undefined;
    }
  | {
      readonly type: 'order.attention';
      readonly code: string;
      readonly reason: AttentionReason;
      readonly detail: string;
    }
  | {
      /** The local clock differs from an API's `Date` header by more than a minute. */
      readonly type: 'orders.clock';
      readonly source: string;
      /** Positive when the local clock is ahead. */
      readonly skewMs: number;
    }
  | {
      /** `--fresh-state` rebuilt the order records from the supplier's recent orders. */
      readonly type: 'orders.fresh-state';
      readonly imported: number;
      readonly orphans: number;
    }
  | {
      readonly type: 'order.error';
      readonly code: string | undefined;
      readonly step: OrderStepName | 'poll' | 'stock';
      readonly error: string;
    };

/** Receives order events (the CLI logs them with `logOrderEvents`). */
export type OrderEventHandler = (event: OrderEvent) => void;

/** Step boundaries, for the crash tests: `started` is recorded, `effect` ran, `done` is recorded. */
export type OrderBoundary =
  `${'seen' | 'decide' | 'reserve' | 'accept' | 'cancel' | 'compensate' | 'reconcile'}:${'started' | 'effect' | 'done'}`;

/** Every step boundary, in flow order: the crash harness kills the process at each. */
export const ORDER_BOUNDARIES: readonly OrderBoundary[] = [
  'seen:done',
  'decide:done',
  'reserve:started',
  'reserve:effect',
  'reserve:done',
  'accept:started',
  'accept:effect',
  'accept:done',
  'cancel:started',
  'cancel:effect',
  'cancel:done',
  'compensate:started',
  'compensate:effect',
  'compensate:done',
  'reconcile:done',
];
