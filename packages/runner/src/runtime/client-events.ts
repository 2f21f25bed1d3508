import type { AlStyleEvent } from '@kaspi-connect/alstyle-client';
import type { KaspiClientEvent } from '@kaspi-connect/kaspi-client';
import type { Logger } from '../logging/logger.js';

// Both clients redact URLs in their events and never put bodies or tokens in them; the logger
// redacts the config's secrets again on top.

/**
 * Al-Style client events in the logs: an unreadable item is a warning (skipped, never guessed),
 * retries and rate-limit waits are info, requests and answers debug.
 */
export function logAlStyleEvents(logger: Logger): (event: AlStyleEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'data.invalid':
        logger.warn(
          { endpoint: event.endpoint, article: event.article, error: event.error.message },
          `skipped an unreadable supplier item (article ${event.article ?? '?'})`,
        );
        return;
      case 'http.retry':
        logger.info(
          { client: 'alstyle', ...event },
          `Al-Style ${event.endpoint}: retry ${event.attempt} (${event.reason}), ${event.retriesLeft} left`,
        );
        return;
      case 'rate-limit.hit':
        logger.info(
          { client: 'alstyle', ...event },
          `Al-Style ${event.endpoint}: rate limited (HTTP ${event.status}), waiting ${event.waitMs} ms`,
        );
        return;
      default:
        logger.debug({ client: 'alstyle', ...event }, `Al-Style ${event.type}`);
    }
  };
}

/**
 * Kaspi client events in the logs: retries (a 429 is Kaspi's rate limit) and status checks that
 * did not confirm a change are info, requests, answers and order windows debug.
 */
export function logKaspiEvents(logger: Logger): (event: KaspiClientEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'http.retry':
        logger.info(
          { client: 'kaspi', ...event },
          event.status === 429
            ? `Kaspi ${event.method} ${event.url}: rate limited, retry ${event.attempt}, ${event.retriesLeft} left`
            : `Kaspi ${event.method} ${event.url}: retry ${event.attempt} (${event.reason}), ${event.retriesLeft} left`,
        );
        return;
      case 'rate-limit.hit':
        logger.info(
          { client: 'kaspi', ...event },
          `Kaspi ${event.method} ${event.url}: rate limited (HTTP ${event.status}), waiting ${event.waitMs} ms`,
        );
        return;
      case 'status.verify':
        if (event.outcome === 'done') {
          logger.debug({ client: 'kaspi', ...event }, `Kaspi ${event.type}`);
          return;
        }
        logger.info(
          { client: 'kaspi', ...event },
          `Kaspi order ${event.orderId}: ${event.target} re-read as ${event.outcome} (status ${event.currentStatus ?? 'unknown'})`,
        );
        return;
      default:
        logger.debug({ client: 'kaspi', ...event }, `Kaspi ${event.type}`);
    }
  };
}
