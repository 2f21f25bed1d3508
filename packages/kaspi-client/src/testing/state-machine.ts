import { MERCHANT_CANCELLATION_REASONS } from '../enums.js';
import { type OrderBook, type SimOrder, snapshot } from './order-book.js';
import { TITLES } from './titles.js';
import { SimulatorRefusal } from './world.js';

/** Outcome of a `POST /v2/orders` against one order. */
export type TransitionResult =
  | { readonly ok: true; readonly attributes: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly status: number; readonly title: string };

/** An order reaches a final status: it moves to the archive. */
function archive(order: SimOrder, status: string): void {
  order.status = status;
  order.state = 'ARCHIVE';
}

/** Whether the buyer picks the order up (here or in another region). */
export const isPickup = (order: SimOrder): boolean =>
  order.deliveryMode === 'DELIVERY_PICKUP' || order.deliveryMode === 'DELIVERY_REGIONAL_PICKUP';

/** State an accepted order moves to: by delivery type. */
function stateAfterAcceptance(order: SimOrder): string {
  if (order.signatureRequired && !order.signed) return 'SIGN_REQUIRED';
  if (order.isKaspiDelivery) return 'KASPI_DELIVERY';
  return isPickup(order) ? 'PICKUP' : 'DELIVERY';
}

const MERCHANT_REASONS = new Set<string>(MERCHANT_CANCELLATION_REASONS);

const refuse = (title: string, status = 400): TransitionResult => ({ ok: false, status, title });

/**
 * The seller-side state machine of the reference (§4, §7): APPROVED_BY_BANK →
 * ACCEPTED_BY_MERCHANT → COMPLETED, cancellations, Kaspi Delivery assembly, arrivals; `headers`
 * are those of the two-step completion. Where Kaspi's resulting state is undocumented the
 * simulator's choice is noted in the README.
 */
export function applyStatusChange(
  order: SimOrder,
  attributes: Readonly<Record<string, unknown>>,
  headers: { readonly sendCode: string | undefined; readonly securityCode: string | undefined },
  ctx: { newSecurityCode(): string; waybillUrl(order: SimOrder): string },
): TransitionResult {
  const target = attributes.status;
  if (typeof target !== 'string') return refuse(TITLES.badBody('attributes.status is required'));
  if (attributes.code !== undefined && attributes.code !== order.code)
    return refuse(TITLES.codeMismatch);
  const from = order.status;
  const echo = (extra: Record<string, unknown> = {}) => ({
    ok: true as const,
    attributes: { code: order.code, status: target, ...extra },
  });

  switch (target) {
    case 'ACCEPTED_BY_MERCHANT': {
      if (from !== 'APPROVED_BY_BANK') return refuse(TITLES.transition(from, target));
      order.status = 'ACCEPTED_BY_MERCHANT';
      order.state = stateAfterAcceptance(order);
      return echo();
    }
    case 'CANCELLED': {
      if (from !== 'APPROVED_BY_BANK' && from !== 'ACCEPTED_BY_MERCHANT')
        return refuse(TITLES.transition(from, target));
      const reason = attributes.cancellationReason;
      if (typeof reason !== 'string' || reason === '') return refuse(TITLES.reasonRequired);
      if (!MERCHANT_REASONS.has(reason)) return refuse(TITLES.reasonNotAllowed(reason));
      const comment = attributes.cancellationComment;
      if (comment !== undefined && (typeof comment !== 'string' || comment.length > 1000))
        return refuse(TITLES.commentTooLong);
      archive(order, 'CANCELLED');
      order.cancellationReason = reason;
      order.cancellationComment = comment;
      return echo({ cancellationReason: reason });
    }
    case 'COMPLETED': {
      if (from === 'CANCELLED' || from === 'CANCELLING') return refuse(TITLES.completeCancelled);
      if (from === 'COMPLETED') return refuse(TITLES.completeTwice);
      if (order.signatureRequired && !order.signed) return refuse(TITLES.completeNotAllowed);
      if (from !== 'ACCEPTED_BY_MERCHANT') return refuse(TITLES.transition(from, target));
      if (order.isKaspiDelivery) return refuse(TITLES.kaspiDeliveryCompletes);
      if (headers.sendCode !== 'true') return refuse(TITLES.sendCodeRequired);
      if (headers.securityCode === undefined || headers.securityCode === '') {
        order.securityCode = ctx.newSecurityCode();
        return echo();
      }
      if (order.securityCode === undefined || headers.securityCode !== order.securityCode)
        return refuse(TITLES.securityCodeInvalid);
      archive(order, 'COMPLETED');
      order.securityCode = undefined;
      return echo();
    }
    case 'ASSEMBLE': {
      if (from !== 'ACCEPTED_BY_MERCHANT') return refuse(TITLES.transition(from, target));
      if (!order.isKaspiDelivery) return refuse(TITLES.notKaspiDelivery);
      const n = Number(attributes.numberOfSpace);
      if (!Number.isInteger(n) || n < 1) return refuse(TITLES.numberOfSpace);
      order.assembled = true;
      order.numberOfSpace = n;
      order.waybill = ctx.waybillUrl(order);
      return echo({ numberOfSpace: n });
    }
    case 'ARRIVED': {
      if (from !== 'ACCEPTED_BY_MERCHANT') return refuse(TITLES.transition(from, target));
      if (!order.preOrder) return refuse(TITLES.notPreOrder);
      order.arrived = true;
      return echo();
    }
    case 'ARRIVED_BACKWARD': {
      if (from === 'CANCELLING') archive(order, 'CANCELLED');
      else if (from === 'KASPI_DELIVERY_RETURN_REQUESTED') archive(order, 'RETURNED');
      else return refuse(TITLES.transition(from, target));
      order.returnedToWarehouse = true;
      return echo();
    }
    default:
      return refuse(TITLES.transition(from, target));
  }
}

/** What Kaspi, the buyer or the courier do to orders, outside the merchant API. */
export function kaspiSide(book: OrderBook) {
  const act = (idOrCode: string, change: (o: SimOrder) => void) => {
    const order = book.find(idOrCode);
    change(order);
    return snapshot(order);
  };
  return {
    signDocuments: (idOrCode: string) =>
      act(idOrCode, (o) => {
        o.signed = true;
        if (o.state === 'SIGN_REQUIRED')
          o.state = o.status === 'APPROVED_BY_BANK' ? 'NEW' : stateAfterAcceptance(o);
      }),
    cancelByKaspi: (idOrCode: string, reason = 'TIMEOUT_BUYER_PICKUP') =>
      act(idOrCode, (o) => {
        if (o.status === 'COMPLETED' || o.status === 'CANCELLED' || o.status === 'RETURNED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}`);
        archive(o, 'CANCELLED');
        o.cancellationReason = reason;
      }),
    startCancelling: (idOrCode: string, reason = 'TIMEOUT_BUYER_PICKUP') =>
      act(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}, not ACCEPTED_BY_MERCHANT`);
        o.status = 'CANCELLING';
        o.cancellationReason = reason;
      }),
    completeByKaspi: (idOrCode: string) =>
      act(idOrCode, (o) => {
        if (!o.isKaspiDelivery || !o.assembled || o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is not an assembled Kaspi Delivery order`);
        archive(o, 'COMPLETED');
      }),
    requestReturn: (idOrCode: string) =>
      act(idOrCode, (o) => {
        if (!o.isKaspiDelivery || o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is not a completed Kaspi Delivery order`);
        o.status = 'KASPI_DELIVERY_RETURN_REQUESTED';
        o.state = 'KASPI_DELIVERY';
      }),
    returnByKaspi: (idOrCode: string) =>
      act(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT' && o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}: nothing to return`);
        archive(o, 'RETURNED');
        o.returnedToWarehouse = true;
      }),
  };
}
