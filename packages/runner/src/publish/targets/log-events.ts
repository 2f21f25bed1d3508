import type { Logger } from '../../logging/logger.js';
import type { TargetEventHandler } from './events.js';

/** Logs target events: a first publish says which URL to give Kaspi; failures are warnings. */
export function logTargetEvents(logger: Logger): TargetEventHandler {
  return (event) => {
    switch (event.type) {
      case 'target.published':
        if (event.first) {
          logger.info(
            event,
            `target ${event.target} holds the feed: paste ${event.url} into Kaspi's automatic loading`,
          );
        } else logger.info(event, `published to ${event.target} (${event.url})`);
        return;
      case 'target.failed':
        logger.warn(
          event,
          `target ${event.target} kept its previous feed (attempt ${event.attempts}, retried next run): ${event.error}`,
        );
        return;
      case 'target.skipped':
        logger.warn(event, `publish targets skipped: ${event.reason}`);
        return;
      case 'target.busy':
        logger.info(event, `target ${event.target} is being published by another process`);
        return;
      default:
        logger.debug(event, `target ${event.target} already holds feed ${event.feedId}`);
    }
  };
}
