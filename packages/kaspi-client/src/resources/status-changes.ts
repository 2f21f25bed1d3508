import { sleep } from '@kaspi-connect/http-kit';
import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KaspiMerchantCancellationReason, KaspiTargetStatus } from '../enums.js';
import { KaspiError, KaspiStatusConflictError } from '../errors.js';
import type { KaspiOrder, KaspiOrderRef } from '../model.js';

/** Outcome of a status change. */
export interface KaspiStatusChangeResult {
  readonly orderId: string;
  /** The status that was requested. */
  readonly target: KaspiTargetStatus;
  /** Attributes Kaspi echoed; empty when the change was confirmed by re-reading the order. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** `response`: Kaspi answered 200. `reread`: the answer was lost but the order shows the change. */
  readonly confirmedBy: 'response' | 'reread';
}

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

/** What re-reading an order says about a status change that got no answer. */
type StatusVerdict = 'done' | 'not-done' | 'conflict';

/** Verdict by status: done when it is one of `doneWhen`, worth retrying when one of `retryWhen`. */
const statusIs =
  (doneWhen: readonly string[], retryWhen: readonly string[]) =>
  (current: KaspiOrder): StatusVerdict => {
    const status = current.status ?? '';
    if (doneWhen.includes(status)) return 'done';
    if (retryWhen.includes(status)) return 'not-done';
    return 'conflict';
  };

/** What a status change sends besides its target; `once` when it is never re-posted. */
interface StatusSend {
  readonly once?: true;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How a re-read order shows a change; only a `refusable-write` is verified and re-posted. */
const VERIFY: Partial<Record<KaspiTargetStatus, (current: KaspiOrder) => StatusVerdict>> = {
  ACCEPTED_BY_MERCHANT: statusIs(['ACCEPTED_BY_MERCHANT'], ['APPROVED_BY_BANK']),
  CANCELLED: statusIs(['CANCELLED', 'CANCELLING'], ['APPROVED_BY_BANK', 'ACCEPTED_BY_MERCHANT']),
  COMPLETED: statusIs(['COMPLETED'], ['ACCEPTED_BY_MERCHANT']),
  ASSEMBLE: (current) =>
    current.assembled === true
      ? 'done'
      : current.status === 'ACCEPTED_BY_MERCHANT'
        ? 'not-done'
        : 'conflict',
};

const CANCELLATION_COMMENT_MAX = 1000;

type GetOrder = (orderId: string, call?: KaspiCallOptions) => Promise<KaspiOrder>;

/**
 * Builds the status-change routine. Writes are never retried blindly: after a retryable failure
 * the order is re-read, and the POST repeats only if the order shows the change did not happen.
 */
function statusChanger(ctx: KaspiContext, getOrder: GetOrder) {
  const { t } = ctx;
  return async (
    order: KaspiOrderRef,
    o: KaspiCallOptions,
    target: KaspiTargetStatus,
    send: StatusSend = {},
  ): Promise<KaspiStatusChangeResult> => {
    assertId(order?.id, 'order.id');
    const endpoint = send.once ? ENDPOINTS.changeStatusOnce : ENDPOINTS.changeStatus;
    const signal = t.signalFor(o.signal);
    const attributes = {
      ...(order.code === undefined ? {} : { code: order.code }),
      status: target,
      ...send.attributes,
    };
    const body = { data: { type: 'orders', id: order.id, attributes } } as const;
    const init = { body, headers: send.headers ?? {} };
    const verified = endpoint.effect === 'refusable-write' && target in VERIFY;
    const maxAttempts = t.retry.retries + 1;
    const verifyEvent = { type: 'status.verify', orderId: order.id, target } as const;
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await t.send(endpoint, init, o);
        const echoed = doc.data.attributes ?? {};
        return { orderId: order.id, target, attributes: echoed, confirmedBy: 'response' };
      } catch (error) {
        if (!KaspiError.isInstance(error) || !error.isRetryable || !verified) throw error;
        // Even with retries off, a lost answer is checked: the change may have happened.
        const current = await getOrder(order.id, o).catch(() => undefined);
        const verdict = current && (VERIFY[target]?.(current) ?? 'conflict');
        const currentStatus = current?.status;
        t.emit({ ...verifyEvent, outcome: verdict ?? 'unverifiable', currentStatus });
        if (verdict === undefined) throw error;
        if (verdict === 'done')
          return { orderId: order.id, target, attributes: {}, confirmedBy: 'reread' };
        if (verdict === 'conflict')
          throw new KaspiStatusConflictError(
            `Order ${order.code ?? order.id} is ${currentStatus ?? 'in an unknown status'}; ${target} cannot be applied`,
            { cause: error },
          );
        if (attempt >= maxAttempts) throw error;
        await sleep(t.backoffMs(attempt), signal);
      }
    }
  };
}

/** The status-change resource bound to a client; `getOrder` is the re-read. */
export function statusChangesResource(
  ctx: KaspiContext,
  getOrder: GetOrder,
): KaspiStatusChangesApi {
  // Sending the code and the arrivals cannot be verified by a re-read: they are sent once.
  const change = statusChanger(ctx, getOrder);
  const code = (securityCode: string) => ({
    'X-Send-Code': 'true',
    'X-Security-Code': securityCode,
  });
  return {
    acceptOrder: (order, o = {}) => change(order, o, 'ACCEPTED_BY_MERCHANT'),
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
      return change(order, o, 'CANCELLED', { attributes });
    },
    sendCompletionCode: (order, o = {}) =>
      change(order, o, 'COMPLETED', { once: true, headers: code('') }),
    completeOrder(order, securityCode, o = {}) {
      assertId(securityCode, 'securityCode');
      return change(order, o, 'COMPLETED', { headers: code(securityCode) });
    },
    assembleOrder(order, numberOfSpace, o = {}) {
      if (!Number.isInteger(numberOfSpace) || numberOfSpace < 1)
        throw new RangeError('assembleOrder: numberOfSpace must be a positive integer');
      // The guide sends the number as a string.
      return change(order, o, 'ASSEMBLE', { attributes: { numberOfSpace: String(numberOfSpace) } });
    },
    markArrived: (order, o = {}) => change(order, o, 'ARRIVED', { once: true }),
    markArrivedBackward: (order, o = {}) => change(order, o, 'ARRIVED_BACKWARD', { once: true }),
  };
}
