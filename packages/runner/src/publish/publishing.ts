import { resolve } from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import type { StateStore } from '../state/state-store.js';
import { FeedPublisher } from './feed-publisher.js';
import type { TargetEventHandler } from './targets/events.js';
import { TargetOutbox } from './targets/outbox.js';
import type { PublishTarget } from './targets/target.js';

/** A shop's local feed publisher, its publish-target outbox and the secrets both must scrub. */
export interface Publishing {
  readonly publisher: FeedPublisher;
  readonly targets: TargetOutbox;
  readonly secrets: readonly string[];
}

/** Builds the publisher and outbox of one resolved config, over `store`. */
export function createPublishing(
  resolved: ResolvedConfig,
  store: StateStore,
  targets: readonly PublishTarget[],
  onEvent?: TargetEventHandler | undefined,
): Publishing {
  const { config, baseDir } = resolved;
  const publisher = new FeedPublisher({
    dir: resolve(baseDir, config.feed.dir),
    fileName: config.feed.fileName,
    history: config.feed.history,
  });
  const secrets = Object.values(resolved.secrets)
    .filter((value): value is string => typeof value === 'string')
    .concat(Object.values(resolved.targetSecrets ?? {}));
  const outbox = new TargetOutbox({
    store,
    targets,
    feedPath: publisher.currentPath,
    onEvent,
    secrets,
  });
  return { publisher, targets: outbox, secrets };
}
