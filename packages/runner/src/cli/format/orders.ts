import type { OrderCycleSummary } from '../../orders/order-flow.js';

/** A one-line summary for people. */
export function formatOrderSummary(summary: OrderCycleSummary): string {
  const counts = Object.entries(summary.counts)
    .map(([state, n]) => `${state}=${n}`)
    .join(' ');
  return `orders: ${summary.seen} awaiting acceptance (${summary.added} new), ${summary.open} in flight; ${counts || 'none recorded'}${summary.errors.length > 0 ? `; ${summary.errors.length} errors` : ''}`;
}
