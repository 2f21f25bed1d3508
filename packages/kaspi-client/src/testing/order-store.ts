import type { SimulatedOffer } from './offers.js';

/** An order line inside the simulator. */
export interface SimEntry {
  readonly id: string;
  readonly entryNumber: number;
  readonly sku: string;
  readonly name: string;
  quantity: number;
  readonly basePrice: number;
  /** Grams. */
  weight: number;
  readonly unitType: 'PIECES' | 'MEASURABLE' | 'MEASURABLE_PIECES';
  readonly category: { readonly code: string; readonly title: string };
  readonly masterProductId: string;
  readonly merchantProductId: string;
  readonly pointOfServiceId: string;
}

/** An order inside the simulator; mutated only by the state machine. */
export interface SimOrder {
  readonly id: string;
  readonly code: string;
  state: string;
  status: string;
  readonly creationDate: number;
  readonly approvedByBankDate: number;
  readonly paymentMode: string;
  readonly deliveryMode: string;
  readonly isKaspiDelivery: boolean;
  readonly signatureRequired: boolean;
  signed: boolean;
  readonly preOrder: boolean;
  arrived: boolean;
  readonly pickupPointId: string;
  readonly storeId: string;
  readonly cityId: string;
  readonly deliveryCost: number;
  readonly customer: {
    readonly id: string;
    readonly name: string | null;
    readonly cellPhone: string;
    readonly firstName: string;
    readonly lastName: string;
  };
  readonly entries: SimEntry[];
  assembled: boolean;
  numberOfSpace: number | undefined;
  waybill: string | undefined;
  cancellationReason: string | undefined;
  cancellationComment: string | undefined;
  /** The code Kaspi sent to the buyer's app after step 1 of COMPLETED. */
  securityCode: string | undefined;
  returnedToWarehouse: boolean;
}

/** Kaspi-style opaque id: base64 without padding. */
export const opaqueId = (text: string): string =>
  Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');

/** What follows `prefix` in a decoded opaque id, or `undefined` when it is not there. */
export function idAfter(id: string, prefix: string): string | undefined {
  const text = Buffer.from(id, 'base64').toString('utf8');
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

/** Sum of line totals. */
export const orderTotal = (order: SimOrder): number =>
  order.entries.reduce((sum, e) => sum + e.basePrice * e.quantity, 0);

/** Unit price of an offer for a city, or `undefined` when it is not sold there. */
export function offerPrice(offer: SimulatedOffer, cityId: string): number | undefined {
  return offer.cityPrices.get(cityId) ?? offer.price;
}

/** An order reaches a final status: it moves to the archive. */
export function archive(order: SimOrder, status: string): void {
  order.status = status;
  order.state = 'ARCHIVE';
}

/** Whether the buyer picks the order up (here or in another region). */
export const isPickup = (order: SimOrder): boolean =>
  order.deliveryMode === 'DELIVERY_PICKUP' || order.deliveryMode === 'DELIVERY_REGIONAL_PICKUP';

/** State an accepted order moves to: by delivery type. */
export function stateAfterAcceptance(order: SimOrder): string {
  if (order.signatureRequired && !order.signed) return 'SIGN_REQUIRED';
  if (order.isKaspiDelivery) return 'KASPI_DELIVERY';
  return isPickup(order) ? 'PICKUP' : 'DELIVERY';
}
