import type { OrderRecord, OrderStepRecord } from './order-record.js';

/** Kaspi statuses after which the buyer will not get the goods: the reservation is reversed. */
export const KASPI_UNDONE_STATUSES: readonly string[] = [
  'CANCELLING',
  'CANCELLED',
  'RETURNED',
  'KASPI_DELIVERY_RETURN_REQUESTED',
  'RETURN_ACCEPTED_BY_MERCHANT',
];

/**
 * Life after acceptance: an accepted order stays watched until Kaspi completes it (final), or
 * cancels or returns it (the supplier order is then reversed through `compensating`).
 */
export function applyAcceptedStatus(
  order: OrderRecord,
  status: string | undefined,
  now: Date,
): { order: OrderRecord; step: Omit<OrderStepRecord, 'kaspiCode' | 'at'> | undefined } {
  if (status === 'COMPLETED') {
    return {
      order: { ...order, state: 'completed', kaspiCheckedAt: now },
      step: { step: 'reconcile', phase: 'done', detail: 'kaspi COMPLETED' },
    };
  }
  if (status !== undefined && KASPI_UNDONE_STATUSES.includes(status)) {
    return {
      order: {
        ...order,
        state: 'compensating',
        attempts: 0,
        kaspiCheckedAt: now,
        note: `Kaspi status ${status} after acceptance`,
      },
      step: {
        step: 'reconcile',
        phase: 'done',
        detail: `kaspi ${status} after acceptance: reverse the reservation`,
      },
    };
  }
  // Still accepted (or a status with no meaning for the reservation): only the check time moves.
  return { order: { ...order, kaspiCheckedAt: now }, step: undefined };
}
