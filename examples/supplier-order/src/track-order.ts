import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AlStyleClient,
  AlStyleOrder,
  AlStyleOrderStatus,
} from '@kaspi-connect/alstyle-client';

/** Statuses after which an order does not change any more: shipped and paid, cancelled, merged. */
export const FINAL_STATUSES: ReadonlySet<AlStyleOrderStatus> = new Set(['F', 'DA', 'Un']);

/** Options of {@link trackOrder}. */
export interface TrackOrderOptions {
  /** Time between polls. Every poll is one request in the token's 1-per-5-s budget. */
  readonly pollEveryMs: number;
  /** Give up after this many polls. */
  readonly maxPolls: number;
  /** Called whenever the status differs from the previous poll (and for the first one). */
  readonly onChange?: (order: AlStyleOrder) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

/**
 * Polls `/api/order` until the order reaches a final status or `maxPolls` runs out, and returns
 * the statuses seen in order (`null` is a fresh order without a status yet).
 */
export async function trackOrder(
  client: AlStyleClient,
  orderId: number,
  options: TrackOrderOptions,
): Promise<{ readonly history: readonly (AlStyleOrderStatus | null)[]; readonly final: boolean }> {
  const call = options.signal ? { signal: options.signal } : {};
  const history: (AlStyleOrderStatus | null)[] = [];
  for (let poll = 0; poll < options.maxPolls; poll += 1) {
    if (poll > 0) await sleep(options.pollEveryMs, undefined, call);
    const order = await client.getOrder(orderId, call);
    if (history.length === 0 || history.at(-1) !== order.status) {
      history.push(order.status);
      await options.onChange?.(order);
    }
    if (order.status !== null && FINAL_STATUSES.has(order.status)) return { history, final: true };
  }
  return { history, final: false };
}
