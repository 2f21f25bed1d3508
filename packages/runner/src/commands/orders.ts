import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { Logger } from '../logging/logger.js';
import type { OrderEventHandler } from '../orders/order-events.js';
import { type OrderCycleSummary, runOrderCycle } from '../orders/order-flow.js';
import type { Runtime } from './runtime.js';

/** Logs every order decision by its code (never the buyer's name, phone or address). */
export function logOrderEvents(logger: Logger): OrderEventHandler {
  return (event) => {
    switch (event.type) {
      case 'orders.poll':
        logger.info(
          {
            from: event.from.toISOString(),
            to: event.to.toISOString(),
            seen: event.seen,
            added: event.added,
          },
          `orders: ${event.seen} awaiting acceptance, ${event.added} new`,
        );
        return;
      case 'order.state':
        logger.info(
          {
            order: event.code,
            from: event.from,
            to: event.to,
            step: event.step,
            detail: event.detail,
          },
          `order ${event.code}: ${event.from ?? 'seen'} → ${event.to}${event.detail === undefined ? '' : ` (${event.detail})`}`,
        );
        return;
      case 'order.attention':
        logger.warn(
          { order: event.code, reason: event.reason, detail: event.detail },
          `order ${event.code} needs a person: ${event.detail}`,
        );
        return;
      case 'orders.clock':
        logger.warn(
          { source: event.source, skewMs: event.skewMs },
          `the local clock is ${Math.round(event.skewMs / 1000)} s off ${event.source}'s Date header: check NTP`,
        );
        return;
      case 'orders.fresh-state':
        logger.warn(
          { imported: event.imported, orphans: event.orphans },
          `fresh state: ${event.imported} supplier orders imported, ${event.orphans} left for a person (see status)`,
        );
        return;
      case 'order.error':
        logger.error(
          { order: event.code, step: event.step, error: event.error },
          `order ${event.code ?? '-'} ${event.step} failed: ${event.error}`,
        );
        return;
    }
  };
}

/** One order cycle with the runtime's store and suppliers. */
export function runOrdersOnce(
  runtime: Runtime,
  kaspi: KaspiClient,
  options: {
    signal?: AbortSignal | undefined;
    logger?: Logger | undefined;
    /** Throws unless this process still holds the state's lease. */
    assertWriter?: (() => void) | undefined;
    /** `--fresh-state`: rebuild a lost state from the supplier's orders first. */
    freshState?: boolean | undefined;
  },
): Promise<OrderCycleSummary> {
  return runOrderCycle(
    {
      kaspi,
      suppliers: runtime.suppliers.map((s) => s.supplier),
      store: runtime.store,
      config: runtime.resolved.config.orders,
      onEvent: options.logger === undefined ? undefined : logOrderEvents(options.logger),
      assertWriter: options.assertWriter,
      clock: runtime.clock,
      minMarginPercent: runtime.resolved.config.pricing.minMarginPercent,
    },
    { signal: options.signal, freshState: options.freshState },
  );
}
