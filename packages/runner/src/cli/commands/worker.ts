import { defineCommand } from 'citty';
import { ConfigError } from '../../config/config-error.js';
import type { StateConfig } from '../../config/state-schema.js';
import { ExitCode } from '../../exit-codes.js';
import { logAlStyleEvents } from '../../runtime/client-events.js';
import { type FeedServer, serveFeedSource } from '../../server/feed-server.js';
import { shopFeedPath, shopFeedSource } from '../../server/shop-feed-source.js';
import { resolveShops, type ShopDeployment } from '../../shops/resolve-shops.js';
import { startWorker } from '../../shops/worker.js';
import { postgresStateUrl } from '../../state/open-configured-store.js';
import {
  commonArgs,
  guarded,
  loadConfigFor,
  loggerFor,
  shutdownSignal,
  wholeNumberFlag,
} from '../shared.js';

function databaseUrl(flag: string | undefined, state: StateConfig): string {
  const url = flag ?? postgresStateUrl(state);
  if (url !== undefined && /^postgres(?:ql)?:\/\//.test(url)) return url;
  throw new ConfigError('command-line flags', [
    {
      key: '--database',
      message:
        url === undefined
          ? 'expected the PostgreSQL database of the workers: --database postgres://user@host/db, KASPI_CONNECT_DATABASE_URL or state.url (the password from PGPASSWORD)'
          : 'expected a URL starting with postgres:// or postgresql://',
    },
  ]);
}

/** Each shop's feed credentials: its own `server.username` and feed password. */
function servedShops(shops: readonly ShopDeployment[]) {
  return shops.map(({ id, resolved }) => {
    const username = resolved.config.server.username;
    const password = resolved.secrets.feedPassword;
    return {
      id,
      auth: username === undefined || password === undefined ? undefined : { username, password },
    };
  });
}

/** `kaspi-connect worker`: runs shop jobs from the PostgreSQL queue until stopped. */
export const workerCommand = defineCommand({
  meta: {
    name: 'worker',
    description:
      'Run the shops of the config from a PostgreSQL job queue (full syncs, refreshes, order cycles); start as many as you like, on any machines',
  },
  args: {
    ...commonArgs,
    database: {
      type: 'string',
      description: 'PostgreSQL URL (default: KASPI_CONNECT_DATABASE_URL, then state.url)',
    },
    concurrency: {
      type: 'string',
      description: 'Jobs this process runs at once (default worker.concurrency, 2)',
    },
    port: {
      type: 'string',
      description:
        "Also serve every shop's feed at /<shop>/kaspi.xml from the database on this port (0: a free one)",
    },
  },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      const url = databaseUrl(args.database, resolved.config.state);
      const concurrency = wholeNumberFlag('concurrency', args.concurrency, { min: 1, max: 64 });
      const port = wholeNumberFlag('port', args.port, { min: 0, max: 65_535 });
      const shops = resolveShops(resolved);
      const secrets = shops.flatMap((shop) =>
        Object.values(shop.resolved.secrets).filter((v): v is string => typeof v === 'string'),
      );
      const logger = loggerFor(
        args,
        [...secrets, new URL(url).password].filter(Boolean),
        resolved.config.schedule.timezone,
      );
      const signal = shutdownSignal();
      const worker = await startWorker({
        databaseUrl: url,
        shops,
        settings: resolved.config.worker,
        concurrency,
        logger,
        signal,
        onSupplierEvent: logAlStyleEvents(logger),
      });
      let server: FeedServer | undefined;
      if (port !== undefined) {
        server = await serveFeedSource(
          shopFeedSource(worker.pool, servedShops(shops)),
          { host: resolved.config.server.host, port, signal },
          shopFeedPath(shops[0]?.id ?? 'default'),
        );
        logger.info(
          { feedServer: server.url },
          `serving ${shops.length} shops' feeds at ${server.url}/<shop>/kaspi.xml`,
        );
      }
      logger.info(
        {
          shops: shops.length,
          concurrency: concurrency ?? resolved.config.worker.concurrency,
          pid: process.pid,
        },
        `worker ${process.pid}: ${shops.length} shops`,
      );
      await new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      await server?.close();
      await worker.stop();
      return ExitCode.Interrupted;
    }),
});
