import { type ResolvedConfig, requireSecret } from '../config/load-config.js';
import { type ServerExtras, startServerExtras } from '../console/server-extras.js';
import { formatLocalTime } from '../logging/local-time.js';
import type { Logger } from '../logging/logger.js';
import { runSync } from '../pipeline/sync.js';
import { kaspiClientFor } from '../runtime/api-clients.js';
import type { JobQueue } from '../schedule/job-queue.js';
import { startScheduler } from '../schedule/scheduler.js';
import { type FeedServer, startFeedServer } from '../server/feed-server.js';
import { startOrderSchedule } from './order-schedule.js';
import { logSyncEvents } from './report.js';
import type { Runtime } from './runtime.js';

/** Starts the feed server for a runtime's live feed. */
export function serveFeed(
  runtime: Runtime,
  options: {
    signal?: AbortSignal | undefined;
    logger?: Logger | undefined;
    port?: number | undefined;
    /** Console, feed log, heartbeat and notifier; `serve` gets its own when left out. */
    extras?: ServerExtras | undefined;
  },
): Promise<FeedServer> {
  const { server } = runtime.resolved.config;
  const extras =
    options.extras ??
    startServerExtras(runtime, {
      process: 'serve',
      signal: options.signal,
      logger: options.logger,
    });
  // A user name asks for basic auth: without a password, refuse to start rather than serve openly.
  const password =
    server.username === undefined ? undefined : requireSecret(runtime.resolved, 'feedPassword');
  if (password === undefined) {
    options.logger?.warn(
      { auth: false },
      'serving the feed WITHOUT auth: anyone with the URL can read your prices and stock; set server.username and FEED_PASSWORD to protect it',
    );
  }
  return startFeedServer({
    feedFile: runtime.publisher.currentPath,
    urlPath: server.path,
    host: server.host,
    port: options.port ?? server.port,
    ...(server.username !== undefined && password !== undefined
      ? { auth: { username: server.username, password } }
      : {}),
    signal: options.signal,
    health: () => {
      if (runtime.stateError !== undefined) return { state: 'unavailable' };
      const last = runtime.store.lastRun(undefined, [
        'published',
        'unchanged',
        'refused',
        'failed',
      ]);
      return last === undefined
        ? {}
        : {
            lastRun: {
              mode: last.mode,
              status: last.status,
              finishedAt: last.finishedAt?.toISOString(),
            },
          };
    },
    app: extras.app,
    onRequest: (event) => {
      extras.onFeedRequest(event);
      options.logger?.info(event, `${event.method} ${event.path} ${event.status}`);
    },
  });
}

/** Options of `runService`. */
export interface RunServiceOptions {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Scale cron/refresh timing (demo, tests): refresh interval in ms overrides the config. */
  readonly refreshEveryMs?: number | undefined;
  /** Order poll interval in ms; overrides `orders.pollEveryMinutes` (tests). */
  readonly ordersEveryMs?: number | undefined;
  /** Throws unless this process still holds the state's lease (checked before side effects). */
  readonly assertWriter?: (() => void) | undefined;
  /** `--fresh-state`: the first order cycle rebuilds a lost state from the supplier's orders. */
  readonly freshState?: boolean | undefined;
}

/**
 * `kaspi-connect run`: the feed server plus scheduled full syncs and refreshes until the signal
 * aborts. The first job is a full sync when nothing was ever published.
 */
export async function runService(runtime: Runtime, options: RunServiceOptions): Promise<void> {
  const { config }: ResolvedConfig = runtime.resolved;
  const extras = startServerExtras(runtime, { process: 'run', ...options });
  const server = await serveFeed(runtime, {
    signal: options.signal,
    logger: options.logger,
    extras,
  });
  options.logger.info({ url: server.feedUrl }, `serving the feed at ${server.feedUrl}`);
  const onEvent = logSyncEvents(options.logger);
  // "Publish anyway" from the console: the next sync of that mode runs with the force path.
  let forceNext: 'full' | 'refresh' | undefined;
  const scheduler = startScheduler({
    timezone: config.schedule.timezone,
    fullSync: config.schedule.fullSync,
    refreshEveryMs: options.refreshEveryMs ?? config.schedule.refreshEveryMinutes * 60_000,
    signal: options.signal,
    startWith: runtime.store.lastPublishedFeed() === undefined ? 'full' : undefined,
    onEvent: (event) => {
      if (event.type === 'job.error')
        options.logger.error({ error: event.error }, `${event.kind} job failed`);
      else if (event.type === 'job.skipped')
        options.logger.debug(event, `${event.kind} skipped: ${event.reason}`);
    },
    run: async (kind, signal) => {
      // The queue already reserves the kind so runs never overlap.
      if (kind === 'orders') return;
      const force = forceNext === kind;
      if (force) forceNext = undefined;
      await runSync(
        {
          config,
          suppliers: runtime.suppliers,
          store: runtime.store,
          publisher: runtime.publisher,
          onEvent,
          secrets: runtime.secrets,
          targets: runtime.targets,
        },
        { mode: kind, signal, force },
      );
    },
  });
  const next = scheduler.nextFullSyncs();
  options.logger.info(
    { nextFullSyncs: next.map((date) => date.toISOString()), timezone: config.schedule.timezone },
    `scheduler started; next full syncs: ${next.map((date) => formatLocalTime(date, config.schedule.timezone)).join(', ')}`,
  );
  extras.connect({
    publishAnyway: (mode) => {
      forceNext = mode;
      scheduler.queue.trigger(mode);
    },
    nextRuns: () => scheduler.nextFullSyncs(),
    kaspi:
      runtime.resolved.secrets.kaspiToken === undefined
        ? undefined
        : kaspiClientFor(runtime, { signal: options.signal }),
  });
  const orders = ordersForService(runtime, options);
  await scheduler.done;
  await orders?.idle();
  await server.close();
  options.logger.info('stopped');
}

/** The service's order cycles, unless the config turns them off or `KASPI_TOKEN` is missing. */
function ordersForService(runtime: Runtime, options: RunServiceOptions): JobQueue | undefined {
  const { orders } = runtime.resolved.config;
  if (orders.policy === 'off') return undefined;
  if (runtime.resolved.secrets.kaspiToken === undefined) {
    options.logger.warn('orders.policy is set but KASPI_TOKEN is missing: orders are not handled');
    return undefined;
  }
  return startOrderSchedule(runtime, kaspiClientFor(runtime, { signal: options.signal }), {
    signal: options.signal,
    logger: options.logger,
    assertWriter: options.assertWriter,
    freshState: options.freshState,
    everyMs: options.ordersEveryMs ?? orders.pollEveryMinutes * 60_000,
  });
}
