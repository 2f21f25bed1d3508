import { sleep } from '@kaspi-connect/http-kit';
import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import type { ENDPOINTS } from '../endpoints.js';
import type { KaspiTargetStatus } from '../enums.js';
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

/** One status change: which endpoint entry (its effect decides re-posting), what to send. */
export interface StatusChange {
  readonly endpoint: typeof ENDPOINTS.changeStatus | typeof ENDPOINTS.changeStatusOnce;
  readonly target: KaspiTargetStatus;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** How a re-read order shows the change; only a `refusable-write` is verified and re-posted. */
  readonly verify?: (current: KaspiOrder) => StatusVerdict;
}

type GetOrder = (orderId: string, call?: KaspiCallOptions) => Promise<KaspiOrder>;

/** Re-reads the order after a lost answer; `undefined` when the re-read failed too. */
async function reread(
  ctx: KaspiContext,
  getOrder: GetOrder,
  order: KaspiOrderRef,
  change: StatusChange,
  o: KaspiCallOptions,
): Promise<{ verdict: StatusVerdict; current: KaspiOrder } | undefined> {
  const log = ctx.t.emit;
  const base = { type: 'status.verify', orderId: order.id, target: change.target } as const;
  let current: KaspiOrder;
  try {
    current = await getOrder(order.id, o);
  } catch {
    log({ ...base, outcome: 'unverifiable', currentStatus: undefined });
    return undefined;
  }
  const verdict = change.verify ? change.verify(current) : 'conflict';
  log({ ...base, outcome: verdict, currentStatus: current.status });
  return { verdict, current };
}

/**
 * Builds the status-change routine. Writes are never retried blindly: after a retryable failure
 * the order is re-read, and the POST repeats only if the order shows the change did not happen.
 */
export function createStatusChanger(ctx: KaspiContext, getOrder: GetOrder) {
  const { t } = ctx;
  return async (
    order: KaspiOrderRef,
    o: KaspiCallOptions,
    change: StatusChange,
  ): Promise<KaspiStatusChangeResult> => {
    assertId(order?.id, 'order.id');
    const { target } = change;
    const signal = t.signalFor(o.signal);
    const attributes = {
      ...(order.code === undefined ? {} : { code: order.code }),
      status: target,
      ...change.attributes,
    };
    const body = { data: { type: 'orders', id: order.id, attributes } } as const;
    const init = { body, headers: change.headers ?? {} };
    const verified = change.endpoint.effect === 'refusable-write' && change.verify !== undefined;
    const maxAttempts = t.retry.retries + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await t.send(change.endpoint, init, o);
        const echoed = doc.data.attributes ?? {};
        return { orderId: order.id, target, attributes: echoed, confirmedBy: 'response' };
      } catch (error) {
        if (!KaspiError.isInstance(error) || !error.isRetryable || !verified) throw error;
        // Even with retries off, a lost answer is checked: the change may have happened.
        const found = await reread(ctx, getOrder, order, change, o);
        if (!found) throw error;
        if (found.verdict === 'done')
          return { orderId: order.id, target, attributes: {}, confirmedBy: 'reread' };
        if (found.verdict === 'conflict')
          throw new KaspiStatusConflictError(
            `Order ${order.code ?? order.id} is ${found.current.status ?? 'in an unknown status'}; ${target} cannot be applied`,
            { cause: error },
          );
        if (attempt >= maxAttempts) throw error;
        await sleep(t.backoffMs(attempt), signal);
      }
    }
  };
}
