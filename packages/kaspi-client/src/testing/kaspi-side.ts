import { type OrderBook, snapshot } from './order-book.js';
import { archive, type SimOrder, stateAfterAcceptance } from './order-store.js';
import type { KaspiSimulator } from './types.js';
import { SimulatorRefusal } from './world.js';

type KaspiSide = Pick<
  KaspiSimulator,
  | 'signDocuments'
  | 'cancelByKaspi'
  | 'startCancelling'
  | 'completeByKaspi'
  | 'requestReturn'
  | 'returnByKaspi'
>;

/** What Kaspi, the buyer or the courier do to orders, outside the merchant API. */
export function kaspiSide(book: OrderBook): KaspiSide {
  const act = (idOrCode: string, change: (o: SimOrder) => void) => {
    const order = book.find(idOrCode);
    change(order);
    return snapshot(order);
  };
  return {
    signDocuments: (idOrCode) =>
      act(idOrCode, (o) => {
        o.signed = true;
        if (o.state === 'SIGN_REQUIRED')
          o.state = o.status === 'APPROVED_BY_BANK' ? 'NEW' : stateAfterAcceptance(o);
      }),
    cancelByKaspi: (idOrCode, reason = 'TIMEOUT_BUYER_PICKUP') =>
      act(idOrCode, (o) => {
        if (o.status === 'COMPLETED' || o.status === 'CANCELLED' || o.status === 'RETURNED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}`);
        archive(o, 'CANCELLED');
        o.cancellationReason = reason;
      }),
    startCancelling: (idOrCode, reason = 'TIMEOUT_BUYER_PICKUP') =>
      act(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}, not ACCEPTED_BY_MERCHANT`);
        o.status = 'CANCELLING';
        o.cancellationReason = reason;
      }),
    completeByKaspi: (idOrCode) =>
      act(idOrCode, (o) => {
        if (!o.isKaspiDelivery || !o.assembled || o.status !== 'ACCEPTED_BY_MERCHANT')
          throw new SimulatorRefusal(`Order ${o.code} is not an assembled Kaspi Delivery order`);
        archive(o, 'COMPLETED');
      }),
    requestReturn: (idOrCode) =>
      act(idOrCode, (o) => {
        if (!o.isKaspiDelivery || o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is not a completed Kaspi Delivery order`);
        o.status = 'KASPI_DELIVERY_RETURN_REQUESTED';
        o.state = 'KASPI_DELIVERY';
      }),
    returnByKaspi: (idOrCode) =>
      act(idOrCode, (o) => {
        if (o.status !== 'ACCEPTED_BY_MERCHANT' && o.status !== 'COMPLETED')
          throw new SimulatorRefusal(`Order ${o.code} is ${o.status}: nothing to return`);
        archive(o, 'RETURNED');
        o.returnedToWarehouse = true;
      }),
  };
}
