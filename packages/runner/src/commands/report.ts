import type { Writable } from 'node:stream';
import type { Logger } from '../logging/logger.js';
import { createProgressBar, type ProgressBar } from '../logging/progress.js';
import type { SyncEventHandler } from '../pipeline/events.js';
import type { RunSummary } from '../pipeline/run-summary.js';

/** Sends sync events to the log, and the catalogue download to a progress bar on a TTY. */
export function logSyncEvents(
  logger: Logger,
  progressStream?: (Writable & { isTTY?: boolean }) | undefined,
): SyncEventHandler {
  let bar: ProgressBar | undefined;
  return (event) => {
    switch (event.type) {
      case 'sync.start':
        logger.info({ runId: event.runId, mode: event.mode }, `${event.mode} sync started`);
        return;
      case 'sync.progress':
        if (progressStream !== undefined) {
          bar ??= createProgressBar(`Reading ${event.supplier}`, progressStream);
          bar.update(event.received, event.total);
        }
        logger.debug(
          { supplier: event.supplier, received: event.received, total: event.total },
          'catalogue progress',
        );
        return;
      case 'sync.fetched':
        bar?.finish();
        bar = undefined;
        logger.info(
          { supplier: event.supplier, products: event.products },
          `read ${event.products} products from ${event.supplier}`,
        );
        return;
      case 'sync.skipped':
        // Counts per reason are in the run summary; the sample keys are for debugging.
        logger.debug({ samples: event.samples }, 'skipped products (first few of each reason)');
        return;
      case 'sync.conflicts':
        logger.warn(
          { conflicts: event.conflicts.slice(0, 20), count: event.conflicts.length },
          `${event.conflicts.length} SKU collisions between suppliers: the first supplier in the config wins`,
        );
        return;
      case 'sync.refused':
        logger.error(
          {
            refusals: event.summary.refusals,
            changes: event.summary.changes,
            offers: event.summary.offers,
          },
          `publish refused by the safety guards; the previous feed stays live: ${event.summary.refusals.join('; ')}`,
        );
        return;
      case 'sync.published':
        logger.info(summaryFields(event.summary), `published ${event.summary.offers} offers`);
        return;
      case 'sync.unchanged':
        logger.info(summaryFields(event.summary), 'nothing changed; the live feed stays as it is');
        return;
      case 'sync.dry-run':
        logger.info(summaryFields(event.summary), 'dry run: nothing was published');
        return;
      case 'sync.price-holds':
        logger.warn(
          { holds: event.holds.slice(0, 20), count: event.holds.length },
          `${event.holds.length} offers would fall in price more than guards.maxOfferPriceDropPercent: held at their last price (see "kaspi-connect status"; "sync --force" accepts the new prices)`,
        );
        return;
      case 'sync.live-file':
        logger.warn(
          { path: event.path, state: event.state },
          `the live feed ${event.path} is ${event.state === 'missing' ? 'missing' : 'not the file last published'}: writing it again`,
        );
        return;
      case 'sync.failed':
        bar?.finish();
        bar = undefined;
        // The message once, in the line itself (the summary field repeated it on a terminal).
        logger.error({ mode: event.summary.mode }, `sync failed: ${event.summary.error ?? ''}`);
        return;
    }
  };
}

function summaryFields(summary: RunSummary) {
  return {
    offers: summary.offers,
    available: summary.available,
    unavailable: summary.unavailable,
    retained: summary.retained,
    skipped: summary.skipped,
    changes: summary.changes,
    timingsMs: summary.timingsMs,
  };
}
