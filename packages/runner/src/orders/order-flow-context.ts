import { KaspiError } from '@kaspi-connect/kaspi-client';
import type { Supplier } from '../supplier/supplier.js';
import type { OrderBoundary } from './order-events.js';
import type { OrderFlowDependencies } from './order-flow.js';
import type {
  AttentionReason,
  OrderRecord,
  OrderState,
  OrderStepName,
  OrderStepRecord,
} from './order-record.js';
import { assertTransition, type TransitionSource } from './transitions.js';

/** Kaspi's order statuses the flow reads. */
export const APPROVED = 'APPROVED_BY_BANK';
export const ACCEPTED = 'ACCEPTED_BY_MERCHANT';
export const CANCELLED = 'CANCELLED';
export const MINUTE_MS = 60_000;

/** A step record as the flow writes it (the store adds the order code and the time). */
export type Step = Omit<OrderStepRecord, 'kaspiCode' | 'at'>;

/**
 * One cycle's working state and the only ways the cycle's steps (poll, reconcile, decide, act)
 * write an order, report an error or pass a crash-test boundary.
 */
export class FlowContext {
  readonly errors: string[] = [];
  readonly deps: OrderFlowDependencies;
  readonly signal: AbortSignal | undefined;
  /** Current Kaspi status of orders, from this cycle's poll or look-ups. */
  readonly kaspiStatus = new Map<string, string | undefined>();
  /** The clock warning is said once per cycle. */
  clockWarned = false;
  readonly #now: () => Date;

  constructor(deps: OrderFlowDependencies, signal: AbortSignal | undefined) {
    this.deps = deps;
    this.signal = signal;
    this.#now = deps.now ?? (() => new Date());
  }

  now(): Date {
    return this.#now();
  }

  /** The per-call options of every request of the cycle. */
  get call(): { signal?: AbortSignal } {
    return this.signal === undefined ? {} : { signal: this.signal };
  }

  supplier(order: OrderRecord): Supplier | undefined {
    return this.deps.suppliers.find((s) => s.id === order.supplier);
  }

  /** The one way the flow writes an order: a legal transition, compare-and-set on `from`. */
  save(order: OrderRecord, from: TransitionSource, step: Step | undefined): void {
    assertTransition(order.kaspiCode, from, order.state);
    this.deps.store.transitionOrder(order, from, step);
    if (from !== order.state && step !== undefined) {
      this.deps.onEvent?.({
        type: 'order.state',
        code: order.kaspiCode,
        from: from === 'start' ? undefined : from,
        to: order.state,
        step: step.step,
        detail: step.detail,
      });
    }
  }

  attention(order: OrderRecord, reason: AttentionReason, detail: string): void {
    this.save({ ...order, state: 'attention', attention: { reason, detail } }, order.state, {
      step: stepOfAttention(order.state),
      phase: 'done',
      detail: `needs a person: ${reason}: ${detail}`,
    });
    this.deps.onEvent?.({ type: 'order.attention', code: order.kaspiCode, reason, detail });
  }

  fail(code: string | undefined, step: OrderStepName | 'poll' | 'stock', error: unknown): void {
    const text = message(error);
    this.errors.push(`${code === undefined ? '' : `${code} `}${step}: ${text}`);
    this.deps.onEvent?.({ type: 'order.error', code, step, error: text });
  }

  boundary(boundary: OrderBoundary, code: string): void {
    this.deps.onBoundary?.(boundary, code);
  }
}

function stepOfAttention(state: OrderState): OrderStepName {
  switch (state) {
    case 'new':
      return 'decide';
    case 'reserving':
      return 'reconcile';
    case 'accepting':
    case 'reserved':
      return 'accept';
    case 'cancelling':
    case 'to_cancel':
      return 'cancel';
    case 'compensating':
      return 'compensate';
    default:
      return 'reconcile';
  }
}

/** An order's lines per product key, quantities of repeated keys added up. */
export function reservationLines(order: OrderRecord): { key: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const line of order.lines) {
    const key = line.productKey as string;
    merged.set(key, (merged.get(key) ?? 0) + line.quantity);
  }
  return [...merged].map(([key, quantity]) => ({ key, quantity }));
}

/** An error as one line for the order's record and the cycle's summary. */
export function message(error: unknown): string {
  if (KaspiError.isInstance(error)) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
