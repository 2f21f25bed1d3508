/**
 * Error titles: Kaspi's verbatim from the reference (§8); where Kaspi's answer is unknown, the
 * simulator's own wording, always prefixed `[simulator]` so nobody mistakes it for Kaspi's.
 */
export const TITLES = {
  pageNumberMissing: 'Required pagination value [number] is empty.',
  /** Extrapolated from the `[number]` title (not seen verbatim). */
  pageSizeMissing: 'Required pagination value [size] is empty.',
  creationDateGeMissing: 'Required filter [orders][creationDate][$ge] is empty.',
  windowTooWide: (days: number) =>
    `Exceeded the maximum difference for the filter[orders][creationDate] (in days). Actual [${days}], max [14].`,
  securityCodeInvalid: 'Security code is not valid. And the order cannot be completed without it',
  completeCancelled: "Order is cancelled, so it can't be completed.",
  completeTwice: "Order already has been completed, so it can't be completed again.",
  completeNotAllowed: 'Order is not may complete allowed',
  pageSizeTooLarge: '[simulator] page[size] must not exceed 100.',
  badNumber: (name: string) => `[simulator] ${name} must be an integer.`,
  stateRequired: '[simulator] Required filter [orders][state] is empty.',
  invalidToken: '[simulator] Invalid or missing X-Auth-Token.',
  notFound: (what: string) => `[simulator] ${what} not found.`,
  badBody: (why: string) => `[simulator] Invalid request body: ${why}`,
  badContentType: '[simulator] Content-Type must be application/vnd.api+json.',
  transition: (from: string, to: string) =>
    `[simulator] Order in status ${from} cannot be changed to ${to}.`,
  reasonRequired: '[simulator] cancellationReason is required to cancel an order.',
  reasonNotAllowed: (reason: string) => `[simulator] cancellationReason ${reason} is not allowed.`,
  commentTooLong: '[simulator] cancellationComment must not exceed 1000 characters.',
  sendCodeRequired: '[simulator] COMPLETED requires the X-Send-Code: true header.',
  kaspiDeliveryCompletes: '[simulator] Kaspi completes Kaspi Delivery orders itself.',
  notKaspiDelivery: '[simulator] Only Kaspi Delivery orders can be assembled.',
  numberOfSpace: '[simulator] numberOfSpace must be a positive integer.',
  notPreOrder: '[simulator] ARRIVED applies only to pre-orders.',
  codeMismatch: '[simulator] attributes.code does not match the order.',
  remainedQuantity:
    '[simulator] remainedQuantity must be an integer from 0 to the current quantity.',
  remainedWeight: '[simulator] remainedWeight must be from 0 to the current weight.',
  underweightOnlyMeasurable:
    '[simulator] PRODUCT_UNDERWEIGHT applies only to items sold by weight.',
  entryNotInOrder: (id: string) => `[simulator] Entry ${id} does not belong to this order.`,
} as const;
