/**
 * Kaspi adds enumeration values without notice, so every union below also accepts any other
 * string while keeping editor completion for the documented ones.
 */
type Open<T extends string> = T | (string & {});

/** Order states the guide documents (`filter[orders][state]` and `attributes.state`). */
export const ORDER_STATES = [
  'NEW',
  'SIGN_REQUIRED',
  'PICKUP',
  'DELIVERY',
  'KASPI_DELIVERY',
  'ARCHIVE',
] as const;
/** Order state: a documented value or any string Kaspi may add. */
export type KaspiOrderState = Open<(typeof ORDER_STATES)[number]>;

/** Order statuses (guide, plus `RETURN_ACCEPTED_BY_MERCHANT` seen in practice). */
export const ORDER_STATUSES = [
  'APPROVED_BY_BANK',
  'ACCEPTED_BY_MERCHANT',
  'COMPLETED',
  'CANCELLED',
  'CANCELLING',
  'KASPI_DELIVERY_RETURN_REQUESTED',
  'RETURNED',
  'RETURN_ACCEPTED_BY_MERCHANT',
] as const;
/** Order status: a documented value or any string Kaspi may add. */
export type KaspiOrderStatus = Open<(typeof ORDER_STATUSES)[number]>;

/** Values the `filter[orders][deliveryType]` filter accepts. */
export type KaspiDeliveryTypeFilter = Open<'PICKUP' | 'DELIVERY'>;

/** Delivery modes of an order. */
export type KaspiDeliveryMode = Open<
  'DELIVERY_LOCAL' | 'DELIVERY_PICKUP' | 'DELIVERY_REGIONAL_TODOOR' | 'DELIVERY_REGIONAL_PICKUP'
>;

/** Payment modes of an order. */
export type KaspiPaymentMode = Open<'PAY_WITH_CREDIT' | 'PREPAID'>;

/** Reasons a seller may send when cancelling an order or an entry. */
export const MERCHANT_CANCELLATION_REASONS = [
  'BUYER_CANCELLATION_BY_MERCHANT',
  'BUYER_NOT_REACHABLE',
  'MERCHANT_OUT_OF_STOCK',
] as const;
/** A reason a seller may send when cancelling a whole order. */
export type KaspiMerchantCancellationReason = Open<(typeof MERCHANT_CANCELLATION_REASONS)[number]>;

/** Every cancellation reason seen: the seller's ones, Kaspi's own and the weight correction. */
export type KaspiCancellationReason = Open<
  (typeof MERCHANT_CANCELLATION_REASONS)[number] | 'TIMEOUT_BUYER_PICKUP' | 'PRODUCT_UNDERWEIGHT'
>;

/** Unit types of an order entry: by the piece, by weight, whole pieces sold by weight. */
export type KaspiUnitType = Open<'PIECES' | 'MEASURABLE' | 'MEASURABLE_PIECES'>;

/** Target statuses a seller may POST to `/v2/orders`. */
export type KaspiTargetStatus =
  | 'ACCEPTED_BY_MERCHANT'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'ASSEMBLE'
  | 'ARRIVED'
  | 'ARRIVED_BACKWARD';

/** Status of an entry cancel operation (`SUCCESSFULL` is Kaspi's spelling). */
export type KaspiEntryCancelStatus = Open<'INPROGRESS' | 'SUCCESSFULL'>;

/** Status of a multi-entry partial cancel. */
export type KaspiPartialCancelStatus = Open<'INPROGRESS' | 'SUCCESSFUL'>;

/** Status of a product import. */
export type KaspiImportState = Open<'UPLOADED' | 'FINISHED'>;
