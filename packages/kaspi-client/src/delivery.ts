import type { KaspiOrder } from './model.js';

/**
 * How an order reaches the buyer, as the guide defines it: Kaspi Delivery is
 * `isKaspiDelivery` + `DELIVERY_REGIONAL_TODOOR`, a Kaspi Postomat is `isKaspiDelivery` +
 * `DELIVERY_PICKUP`; otherwise the delivery mode decides.
 */
export type KaspiDeliveryKind =
  | 'kaspi-delivery'
  | 'kaspi-postomat'
  | 'pickup'
  | 'seller-delivery'
  | 'regional-pickup'
  | 'unknown';

const BY_MODE = new Map<string | undefined, KaspiDeliveryKind>([
  ['DELIVERY_PICKUP', 'pickup'],
  ['DELIVERY_LOCAL', 'seller-delivery'],
  ['DELIVERY_REGIONAL_TODOOR', 'seller-delivery'],
  ['DELIVERY_REGIONAL_PICKUP', 'regional-pickup'],
]);

/** Classifies an order's delivery (only Kaspi Delivery orders can be assembled). */
export function deliveryKind(
  order: Pick<KaspiOrder, 'isKaspiDelivery' | 'deliveryMode'>,
): KaspiDeliveryKind {
  const mode = order.deliveryMode;
  if (order.isKaspiDelivery) {
    if (mode === 'DELIVERY_REGIONAL_TODOOR') return 'kaspi-delivery';
    if (mode === 'DELIVERY_PICKUP') return 'kaspi-postomat';
    // Kaspi Delivery with another mode is not described in the guide.
    return 'unknown';
  }
  return BY_MODE.get(mode) ?? 'unknown';
}
