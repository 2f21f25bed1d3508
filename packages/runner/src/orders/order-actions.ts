import type { KaspiClient, KaspiMerchantCancellationReason } from '@kaspi-connect/kaspi-client';
import type { StateStore } from '../state/state-store.js';
import type { OrderRecord, OrderStepRecord } from './order-record.js';
import { assertTransition, IllegalTransitionError, PERSON_DECISIONS } from './transitions.js';

/** What a person can ask for on one order (the console's buttons). */
export type OrderAction =
  | { readonly type: 'retry' }
  | {
      readonly type: 'cancel';
      readonly reason: KaspiMerchantCancellationReason;
      readonly comment?: string | undefined;
    }
  | { readonly type: 'handled'; readonly outcome: 'accepted' | 'cancelled'; readonly note: string }
  | { readonly type: 'assemble'; readonly places: number }
  | { readonly type: 'send-code' }
  | { readonly type: 'complete'; readonly securityCode: string };

/** The order flow's refusal of an action that does not fit the order's state. */
export class OrderActionError extends Error {
  override readonly name = 'OrderActionError';
}

/**
 * Writes a person's step with the flow's own compare-and-set: the order must still be in the state
 * this action read, or `OrderConflictError` is thrown and nothing is written.
 */
function move(
  store: StateStore,
  order: OrderRecord,
  from: OrderRecord,
  step: Omit<OrderStepRecord, 'kaspiCode' | 'at'>,
): void {
  if (from.state === 'attention' && order.state !== 'attention') {
    if (!PERSON_DECISIONS.includes(order.state))
      throw new IllegalTransitionError(order.kaspiCode, from.state, order.state);
  } else assertTransition(order.kaspiCode, from.state, order.state);
  store.transitionOrder(order, from.state, step);
}

/** Where a person's retry lands in the state machine, per attention reason. */
function retryTarget(order: OrderRecord): OrderRecord['state'] {
  const reason = order.attention?.reason;
  if (reason === 'accept-failed' && order.supplierOrderId !== undefined) return 'reserved';
  if (reason === 'policy-manual' || reason === 'out-of-stock' || reason === 'reserve-failed') {
    // A reservation may have been sent: `reserving` makes the flow look it up at the supplier
    // before reserving again (never two supplier orders for one Kaspi order).
    return order.reserveStartedAt === undefined && order.supplierOrderId === undefined
      ? 'to_reserve'
      : 'reserving';
  }
  throw new OrderActionError(
    `order ${order.kaspiCode}: "${reason ?? order.state}" cannot be retried here; fix it in the Kaspi cabinet and mark it handled`,
  );
}

type ActionDeps = { readonly store: StateStore; readonly kaspi: KaspiClient | undefined };
type Call = { signal?: AbortSignal };

/**
 * Applies a person's decision to one order through the order flow's own state machine and step
 * log: retry puts the order back where the next cycle continues it, cancel runs the same
 * `cancelling` → `cancelled` steps as the flow (a crash in between is reconciled with Kaspi),
 * and Kaspi status changes are logged before and after the call. `who` is recorded in the log.
 */
export async function applyOrderAction(
  deps: ActionDeps,
  kaspiCode: string,
  action: OrderAction,
  who: string,
  signal?: AbortSignal,
): Promise<OrderRecord> {
  const { store } = deps;
  const order = store.findOrder(kaspiCode);
  if (order === undefined) throw new OrderActionError(`order ${kaspiCode} is not known`);
  const call = signal === undefined ? {} : { signal };
  switch (action.type) {
    case 'retry': {
      waitingForPerson(order);
      const next: OrderRecord = {
        ...order,
        state: retryTarget(order),
        attention: undefined,
        attempts: 0,
      };
      move(store, next, order, { step: 'decide', phase: 'done', detail: `retry asked by ${who}` });
      return next;
    }
    case 'handled': {
      waitingForPerson(order);
      const next: OrderRecord = {
        ...order,
        state: action.outcome,
        attention: undefined,
        note: `handled by ${who}: ${action.note}`.slice(0, 500),
      };
      move(store, next, order, { step: 'decide', phase: 'done', detail: next.note });
      return next;
    }
    case 'cancel':
      return cancelByPerson(deps, order, action, who, call);
    default:
      return afterAcceptance(deps, order, action, who, call);
  }
}

function waitingForPerson(order: OrderRecord): void {
  if (order.state !== 'attention')
    throw new OrderActionError(
      `order ${order.kaspiCode} is "${order.state}", not waiting for a person`,
    );
}

function kaspiOf(deps: ActionDeps): KaspiClient {
  if (deps.kaspi === undefined) throw new OrderActionError('KASPI_TOKEN is not set');
  return deps.kaspi;
}

/** A person's cancel: the flow's `cancelling` → `cancelled` steps around Kaspi's call. */
async function cancelByPerson(
  deps: ActionDeps,
  order: OrderRecord,
  action: Extract<OrderAction, { type: 'cancel' }>,
  who: string,
  call: Call,
): Promise<OrderRecord> {
  const { store } = deps;
  waitingForPerson(order);
  if (order.supplierOrderId !== undefined)
    throw new OrderActionError(
      `order ${order.kaspiCode} has supplier order ${order.supplierOrderId}: cancel it at the supplier first, then mark the order handled`,
    );
  const client = kaspiOf(deps);
  const cancelling: OrderRecord = { ...order, state: 'cancelling', attention: undefined };
  move(store, cancelling, order, {
    step: 'cancel',
    phase: 'started',
    detail: `asked by ${who}: ${action.reason}`,
  });
  try {
    await client.cancelOrder(
      { id: order.kaspiId, code: order.kaspiCode },
      action.reason,
      action.comment,
      call,
    );
  } catch (error) {
    // Unknown outcome: the next cycle asks Kaspi (the flow's reconciliation of `cancelling`).
    move(store, cancelling, cancelling, {
      step: 'cancel',
      phase: 'failed',
      detail: (error as Error).message,
    });
    throw error;
  }
  const done: OrderRecord = {
    ...cancelling,
    state: 'cancelled',
    note: `cancelled by ${who}: ${action.reason}`,
  };
  move(store, done, cancelling, { step: 'cancel', phase: 'done' });
  return done;
}

/** Assemble, send the completion code or complete an accepted order, logged around the call. */
async function afterAcceptance(
  deps: ActionDeps,
  order: OrderRecord,
  action: Extract<OrderAction, { type: 'assemble' | 'send-code' | 'complete' }>,
  who: string,
  call: Call,
): Promise<OrderRecord> {
  const { store } = deps;
  if (order.state !== 'accepted')
    throw new OrderActionError(
      `order ${order.kaspiCode} is "${order.state}"; only accepted orders can be assembled or completed`,
    );
  const client = kaspiOf(deps);
  const ref = { id: order.kaspiId, code: order.kaspiCode };
  const label = action.type === 'assemble' ? `assemble ${action.places}` : action.type;
  move(store, order, order, {
    step: 'accept',
    phase: 'started',
    detail: `${label} asked by ${who}`,
  });
  try {
    if (action.type === 'assemble') await client.assembleOrder(ref, action.places, call);
    else if (action.type === 'send-code') await client.sendCompletionCode(ref, call);
    else await client.completeOrder(ref, action.securityCode, call);
  } catch (error) {
    move(store, order, order, {
      step: 'accept',
      phase: 'failed',
      detail: `${label}: ${(error as Error).message}`,
    });
    throw error;
  }
  const next: OrderRecord = { ...order, note: `${label} by ${who}` };
  move(store, next, order, { step: 'accept', phase: 'done', detail: label });
  return next;
}
