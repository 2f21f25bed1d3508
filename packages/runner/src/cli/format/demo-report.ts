import type { DemoResult } from '../../demo/demo.js';
import type { DemoCardsResult } from '../../demo/demo-cards.js';
import type { RunSummary } from '../../pipeline/run-summary.js';

function formatDemoCards(cards: DemoCardsResult): string[] {
  const p = cards.summary.prepared;
  const c = cards.summary.status.counts;
  return [
    `  Cards          ${Object.keys(cards.mapped).length} supplier categories mapped to a ranked Kaspi candidate, ${cards.unmapped} left unmapped`,
    `                 ${p?.selected ?? 0} products: ${p?.ready ?? 0} validated cards, ${p?.drafts ?? 0} drafts; ${cards.summary.sentImports.length} import → ${c.finished} finished, ${c.rejected} rejected`,
  ];
}

/** The demo's closing report for people. */
export function formatDemoReport(result: DemoResult): string {
  const full: RunSummary = result.full.summary;
  const refresh: RunSummary = result.refresh.summary;
  const skipped = Object.entries(full.skipped)
    .map(([reason, count]) => `    ${reason.padEnd(18)} ${count}`)
    .join('\n');
  const rejected = result.kaspiLoad.rejected
    .slice(0, 5)
    .map((r) => `    ${r.sku}: ${r.reason}`)
    .join('\n');
  return [
    '',
    'kaspi-connect demo: simulated Al-Style → priced, validated Kaspi feed → simulated Kaspi',
    '',
    `  Full sync      ${full.supplierProducts} supplier products in ${result.supplierRequests.full} requests (${full.timingsMs.fetch ?? 0} ms)`,
    `                 ${full.offers} offers published: ${full.available} available, ${full.unavailable} out of stock (available="no")`,
    '  Skipped, and why:',
    skipped || '    (none)',
    ...(result.unreadableAtSupplier > 0
      ? [
          `    ${'unreadable-data'.padEnd(18)} ${result.unreadableAtSupplier} (dropped by the Al-Style client, reported)`,
        ]
      : []),
    `  Refresh        ${result.supplierRequests.refresh} request; ${result.changedAtSupplier} products changed at the supplier → ` +
      `${refresh.changes?.priceChanged ?? 0} prices, ${refresh.changes?.becameUnavailable ?? 0} sold out`,
    `  Feed           ${result.feedUrl} (basic auth, gzip, ETag)`,
    `  Kaspi loaded   ${result.kaspiLoad.outcome}: ${result.kaspiLoad.accepted} offers accepted, ${result.kaspiLoad.rejected.length} rejected (HTTP ${result.kaspiLoad.httpStatus ?? '-'})`,
    ...(rejected === '' ? [] : [rejected]),
    ...formatDemoCards(result.cards),
    `  State          ${result.dir}`,
    `  Took           ${(result.durationMs / 1000).toFixed(1)} s (supplier rate limit scaled down; the real one is 1 request / 5 s)`,
    '',
  ].join('\n');
}
