import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KaspiMerchantCancellationReason } from '../enums.js';
import type { KaspiOrder, KaspiOrderRef } from '../model.js';
import {
  createStatusChanger,
  type KaspiStatusChangeResult,
  type StatusVerdict,
  statusIs,
} from './status-changer.js';

/** Moving an order through its lifecycle (`POST /v2/orders`). */
export interface KaspiStatusChangesApi {
  /** APPROVED_BY_BANK → ACCEPTED_BY_MERCHANT. */
  acceptOrder(order: KaspiOrderRef, call?: KaspiCallOptions): Promise<KaspiStatusChangeResult>;
  /** → CANCELLED with a reason and an optional comment (≤ 1000 chars). */
  cancelOrder(
    order: KaspiOrderRef,
    reason: KaspiMerchantCancellationReason,
    comment?: string,
    call?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Step 1 of COMPLETED: Kaspi sends the buyer a code. Never retried (it would resend). */
  sendCompletionCode(
    order: KaspiOrderRef,
    call?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Step 2 of COMPLETED with the code the buyer tells you. */
  completeOrder(
    order: KaspiOrderRef,
    securityCode: string,
    call?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Kaspi Delivery: ASSEMBLE with the number of packages; creates the waybill. */
  assembleOrder(
    order: KaspiOrderRef,
    numberOfSpace: number,
    call?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
  /** Pre-order goods arrived (ARRIVED). Not retried: the effect is not visible on the order. */
  markArrived(order: KaspiOrderRef, call?: KaspiCallOptions): Promise<KaspiStatusChangeResult>;
  /** Returned goods are back (ARRIVED_BACKWARD). Not retried, like `markArrived`. */
  markArrivedBackward(
    order: KaspiOrderRef,
    call?: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult>;
}

const CANCELLATION_COMMENT_MAX = 1000;
const VERIFIED = ENDPOINTS.changeStatus;
const ONCE = ENDPOINTS.changeStatusOnce;
const accepted = statusIs(['ACCEPTED_BY_MERCHANT'], ['APPROVED_BY_BANK']);
const cancelled = statusIs(
  ['CANCELLED', 'CANCELLING'],
  ['APPROVED_BY_BANK', 'ACCEPTED_BY_MERCHANT'],
);
const completed = statusIs(['COMPLETED'], ['ACCEPTED_BY_MERCHANT']);
const assembled = (current: KaspiOrder): StatusVerdict =>
  current.assembled === true
    ? 'done'
    : current.status === 'ACCEPTED_BY_MERCHANT'
      ? 'not-done'
      : 'conflict';

/** The status-change resource bound to a client; `getOrder` is the re-read. */
export function statusChangesResource(
  ctx: KaspiContext,
  getOrder: (orderId: string, call?: KaspiCallOptions) => Promise<KaspiOrder>,
): KaspiStatusChangesApi {
  const change = createStatusChanger(ctx, getOrder);
  const code = (securityCode: string) => ({
    'X-Send-Code': 'true',
    'X-Security-Code': securityCode,
  });
  return {
    acceptOrder: (order, o = {}) =>
      change(order, o, { endpoint: VERIFIED, target: 'ACCEPTED_BY_MERCHANT', verify: accepted }),
    cancelOrder(order, reason, comment, o = {}) {
      assertId(reason, 'reason');
      if (comment !== undefined && comment.length > CANCELLATION_COMMENT_MAX)
        throw new RangeError(
          `cancelOrder: comment is ${comment.length} characters; Kaspi allows ${CANCELLATION_COMMENT_MAX}`,
        );
      const attributes = {
        cancellationReason: reason,
        ...(comment === undefined ? {} : { cancellationComment: comment }),
      };
      return change(order, o, {
        endpoint: VERIFIED,
        target: 'CANCELLED',
        attributes,
        verify: cancelled,
      });
    },
    sendCompletionCode: (order, o = {}) =>
      change(order, o, { endpoint: ONCE, target: 'COMPLETED', headers: code('') }),
    completeOrder(order, securityCode, o = {}) {
      assertId(securityCode, 'securityCode');
      const headers = code(securityCode);
      return change(order, o, {
        endpoint: VERIFIED,
        target: 'COMPLETED',
        headers,
        verify: completed,
      });
    },
    assembleOrder(order, numberOfSpace, o = {}) {
      if (!Number.isInteger(numberOfSpace) || numberOfSpace < 1)
        throw new RangeError('assembleOrder: numberOfSpace must be a positive integer');
      // The guide sends the number as a string.
      const attributes = { numberOfSpace: String(numberOfSpace) };
      return change(order, o, {
        endpoint: VERIFIED,
        target: 'ASSEMBLE',
        attributes,
        verify: assembled,
      });
    },
    markArrived: (order, o = {}) => change(order, o, { endpoint: ONCE, target: 'ARRIVED' }),
    markArrivedBackward: (order, o = {}) =>
      change(order, o, { endpoint: ONCE, target: 'ARRIVED_BACKWARD' }),
  };
}
