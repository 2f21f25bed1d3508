import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { Logger } from '../logging/logger.js';
import type { OrderCycleSummary } from '../orders/order-flow.js';
import { JobQueue } from '../schedule/job-queue.js';
import { runOrdersOnce } from './orders.js';
import type { Runtime } from './runtime.js';

/** Options of `startOrderSchedule`. */
export interface OrderScheduleOptions {
  readonly signal: AbortSignal;
  /** Order decisions and failed cycles; the demo runs without one. */
  readonly logger?: Logger | undefined;
  /** Time between the starts of two cycles. */
  readonly everyMs: number;
  /** Throws unless this process still holds the state's lease (checked before side effects). */
  readonly assertWriter?: (() => void) | undefined;
  /** `--fresh-state`: the first cycle rebuilds a lost state from the supplier's orders. */
  readonly freshState?: boolean | undefined;
  /** After every cycle that ran (the `orders` command prints its summary). */
  readonly onCycle?: ((summary: OrderCycleSummary) => void) | undefined;
  /** A cycle that threw; without it the error is logged and the next cycle runs on time. */
  readonly onCycleError?: ((error: unknown) => void) | undefined;
}

/**
 * The order polling loop of `run`, `orders` and the demo: cycles on their own queue, so a long full sync
 * never delays a buyer's order (both share the supplier client's throttle), and a cycle that
 * outlasts the interval is never run twice at once. The first cycle runs at once
 * (reconciliation on start); the loop stops when the signal aborts.
 */
export function startOrderSchedule(
  runtime: Runtime,
  kaspi: KaspiClient,
  options: OrderScheduleOptions,
): JobQueue {
  let freshState = options.freshState === true;
  const queue = new JobQueue({
    signal: options.signal,
    run: async (_kind, signal) => {
      let summary: OrderCycleSummary;
      try {
        summary = await runOrdersOnce(runtime, kaspi, {
          signal,
          logger: options.logger,
          assertWriter: options.assertWriter,
          freshState,
        });
      } catch (error) {
        if (options.onCycleError === undefined) throw error;
        options.onCycleError(error);
        return;
      }
      // Only a cycle that ran imports; a failed one leaves the state marked lost.
      freshState = false;
      options.onCycle?.(summary);
    },
    onEvent: (event) => {
      if (event.type === 'job.error')
        options.logger?.error({ error: event.error }, 'order cycle failed');
    },
  });
  const timer = setInterval(() => queue.trigger('orders'), options.everyMs);
  options.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  queue.trigger('orders');
  return queue;
}
