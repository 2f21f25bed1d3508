import { getRequestListener } from '@hono/node-server';
import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { Runtime } from '../commands/runtime.js';
import { feedFetchRecorder } from '../liveness/feed-fetch-log.js';
import { startHeartbeat } from '../liveness/heartbeat.js';
import type { Logger } from '../logging/logger.js';
import { startNotifier } from '../notify/notifier.js';
import type { FeedRequestEvent, MountedApp } from '../server/feed-server.js';
import { createConsoleApp } from './console-app.js';

/** What `serve` and `run` add to the feed server: console, feed log, heartbeat, notifier. */
export interface ServerExtras {
  /** The console, when `CONSOLE_PASSWORD` is set. */
  readonly app: MountedApp | undefined;
  /** Give to the feed server's `onRequest`: records Kaspi's fetches. */
  readonly onFeedRequest: (event: FeedRequestEvent) => void;
  /** `run` plugs in its scheduler once it exists. */
  connect(hooks: {
    publishAnyway?: ((mode: 'full' | 'refresh') => void) | undefined;
    nextRuns?: (() => Date[]) | undefined;
    kaspi?: KaspiClient | undefined;
  }): void;
}

/** Starts the heartbeat and the notifier, and builds the console; all stop with the signal. */
export function startServerExtras(
  runtime: Runtime,
  options: {
    readonly process: 'serve' | 'run';
    readonly signal?: AbortSignal | undefined;
    readonly logger?: Logger | undefined;
    readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
    readonly heartbeatEveryMs?: number | undefined;
  },
): ServerExtras {
  const { config, secrets } = runtime.resolved;
  const signal = options.signal ?? new AbortController().signal;
  startHeartbeat(runtime.store.activity, {
    process: options.process,
    signal,
    everyMs: options.heartbeatEveryMs,
  });
  startNotifier({
    store: runtime.store,
    config: config.notify,
    secrets,
    timeZone: config.schedule.timezone,
    signal,
    fetch: options.fetch,
    onEvent: (event) => {
      if (event.type === 'notify.failed')
        options.logger?.warn(event, `notification ${event.id} via ${event.channel} failed`);
      else if (event.type === 'notify.error')
        options.logger?.error({ error: event.error }, 'notifier pass failed');
      else if (event.type === 'notify.uncertain')
        options.logger?.warn(event, `${event.count} notifications may not have been delivered`);
      else options.logger?.debug(event, `notification ${event.id} sent via ${event.channel}`);
    },
  });
  const hooks: Parameters<ServerExtras['connect']>[0] = {};
  const password = secrets.consolePassword;
  const app =
    password === undefined
      ? undefined
      : createConsoleApp({
          store: runtime.store,
          resolved: runtime.resolved,
          password,
          get publishAnyway() {
            return hooks.publishAnyway;
          },
          get kaspi() {
            return hooks.kaspi;
          },
          nextRuns: () => hooks.nextRuns?.() ?? [],
        });
  return {
    app:
      app === undefined
        ? undefined
        : { prefix: config.console.path, listener: getRequestListener(app.fetch) },
    onFeedRequest: feedFetchRecorder(runtime.store.activity, {
      feedPath: config.server.path,
      trustProxy: config.console.trustProxy,
    }),
    connect: (next) => Object.assign(hooks, next),
  };
}
