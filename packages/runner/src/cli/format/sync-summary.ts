import type { RunSummary } from '../../pipeline/run-summary.js';

/** A few readable lines for stdout at the end of a sync. */
export function formatSummary(summary: RunSummary): string {
  const lines = [
    `Supplier products: ${summary.supplierProducts}`,
    `Offers in the feed: ${summary.offers} (${summary.available} available, ${summary.unavailable} not available, ${summary.retained} kept from earlier feeds)`,
  ];
  const skipped = Object.entries(summary.skipped);
  if (skipped.length > 0) {
    lines.push(`Skipped: ${skipped.map(([reason, count]) => `${reason} ${count}`).join(', ')}`);
  }
  if (summary.changes !== undefined) {
    const c = summary.changes;
    lines.push(
      `Changes: +${c.added} −${c.removed}, ${c.priceChanged} prices, ${c.becameAvailable} back in stock, ${c.becameUnavailable} out of stock`,
    );
  }
  if (summary.conflicts.length > 0) lines.push(`SKU conflicts: ${summary.conflicts.length}`);
  if (summary.priceHolds !== undefined && summary.priceHolds > 0) {
    lines.push(`Price drops held back: ${summary.priceHolds} (see "kaspi-connect status")`);
  }
  if (summary.rewrote !== undefined) lines.push(`Live feed was ${summary.rewrote}: written again`);
  if (summary.refusals.length > 0) lines.push(`REFUSED: ${summary.refusals.join('; ')}`);
  if (summary.published !== undefined)
    lines.push(`Published: ${summary.published.path} (${summary.published.bytes} bytes)`);
  if (summary.error !== undefined) lines.push(`Error: ${summary.error}`);
  return lines.join('\n');
}
