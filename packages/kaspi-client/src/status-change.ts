import { assertId } from './assert.js';
import type { KaspiCallOptions } from './client.js';
import { delay } from './delay.js';
import type { KaspiTargetStatus } from './enums.js';
import { KaspiError, KaspiStatusConflictError } from './errors.js';
import type { KaspiOrder, KaspiOrderRef } from './model.js';
import { StatusChangeResponseSchema } from './schemas.js';
import type { Transport } from './transport.js';

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

/** What re-reading an order says about a status change that got no answer. */
export type StatusVerdict = 'done' | 'not-done' | 'conflict';

/** Verdict by status: done when it is one of `doneWhen`, worth retrying when one of `retryWhen`. */
export const statusIs =
  (doneWhen: readonly string[], retryWhen: readonly string[]) =>
  (current: KaspiOrder): StatusVerdict => {
    const status = current.status ?? '';
    if (doneWhen.includes(status)) return 'done';
    if (retryWhen.includes(status)) return 'not-done';
    return 'conflict';
  };

/**
 * Builds the status-change routine. Writes are never retried blindly: after a retryable failure
 * the order is re-read, and the POST repeats only if the order shows the change did not happen.
 */
export function createStatusChanger(
  t: Transport,
  getOrder: (orderId: string, options?: KaspiCallOptions) => Promise<KaspiOrder>,
) {
  const sig = (s: AbortSignal | undefined) => (s ? { signal: s } : {});
  return async (
    order: KaspiOrderRef,
    target: KaspiTargetStatus,
    extra: Readonly<Record<string, string>>,
    headers: Readonly<Record<string, string>>,
    verify: ((current: KaspiOrder) => StatusVerdict) | undefined,
    o: KaspiCallOptions,
  ): Promise<KaspiStatusChangeResult> => {
    assertId(order?.id, 'order.id');
    const signal = t.signalFor(o.signal);
    const body = {
      data: {
        type: 'orders' as const,
        id: order.id,
        attributes: {
          ...(order.code === undefined ? {} : { code: order.code }),
          status: target,
          ...extra,
        },
      },
    };
    const maxAttempts = t.config.retry ? t.config.retry.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const { data, response } = await t.api.POST('/v2/orders', {
          body,
          headers,
          ...sig(signal),
        });
        const doc = t.validate(StatusChangeResponseSchema, data, response, 'POST');
        return {
          orderId: order.id,
          target,
          attributes: doc.data.attributes ?? {},
          confirmedBy: 'response',
        };
      } catch (error) {
        if (!KaspiError.isInstance(error) || !error.isRetryable || !verify) throw error;
        // Even with retries off, a lost answer is checked: the change may have happened.
        let current: KaspiOrder;
        try {
          current = await getOrder(order.id, sig(signal));
        } catch {
          t.config.logger({
            type: 'status.verify',
            orderId: order.id,
            target,
            outcome: 'unverifiable',
            currentStatus: undefined,
          });
          throw error;
        }
        const verdict = verify(current);
        t.config.logger({
          type: 'status.verify',
          orderId: order.id,
          target,
          outcome: verdict,
          currentStatus: current.status,
        });
        if (verdict === 'done')
          return { orderId: order.id, target, attributes: {}, confirmedBy: 'reread' };
        if (verdict === 'conflict')
          throw new KaspiStatusConflictError(
            `Order ${order.code ?? order.id} is ${current.status ?? 'in an unknown status'}; ${target} cannot be applied`,
            { cause: error },
          );
        if (attempt >= maxAttempts) throw error;
        await delay(t.backoffMs(attempt), signal);
      }
    }
  };
}
