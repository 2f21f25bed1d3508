import type { AlStyleEvent } from '@kaspi-connect/alstyle-client';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Runtime } from '../commands/runtime.js';
import type { Logger } from '../logging/logger.js';
import { ensureWorkerTables } from '../postgres/worker-tables.js';
import { createPostgresStateStore } from '../state/postgres/store.js';
import type { StateStore } from '../state/state-store.js';
import type { ShopDeployment } from './resolve-shops.js';
import { runShopJob, type ShopJobKind, type ShopJobResult } from './shop-jobs.js';
import { openShopRuntime } from './shop-runtime.js';
import { scheduleShops } from './shop-schedules.js';
import type { WorkerConfig } from './worker-schema.js';

/** The pg-boss queue of each job kind. */
export const WORKER_QUEUES: Readonly<Record<ShopJobKind, string>> = {
  'full-sync': 'kc-full-sync',
  refresh: 'kc-refresh',
  orders: 'kc-orders',
};

const TIMEOUT_KEY = { 'full-sync': 'fullSync', refresh: 'refresh', orders: 'orders' } as const;

/** Options of `startWorker`. */
export interface WorkerOptions {
  readonly databaseUrl: string;
  readonly shops: readonly ShopDeployment[];
  readonly settings: WorkerConfig;
  /** Job handlers in this process (default `settings.concurrency`). */
  readonly concurrency?: number | undefined;
  readonly logger: Logger;
  readonly signal?: AbortSignal | undefined;
  /** Send the shops' scheduled jobs (default true; `false` only works what others send). */
  readonly schedule?: boolean | undefined;
  /** The shop's state store; default the PostgreSQL one of `databaseUrl`, keyed by shop. */
  readonly openStore?: ((shop: ShopDeployment) => StateStore) | undefined;
  readonly onSupplierEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** Told after every job, whatever its outcome. */
  readonly onJob?:
    | ((event: { kind: ShopJobKind; shop: string; error?: string; result?: ShopJobResult }) => void)
    | undefined;
}

/** A running worker. */
export interface RunningWorker {
  readonly boss: PgBoss;
  readonly pool: pg.Pool;
  /** Queues a job now; `null` when one of this shop is already waiting in that slot. */
  enqueue(kind: ShopJobKind, shop: string, slotSeconds?: number): Promise<string | null>;
  /** Stops taking jobs, aborts running ones (pg-boss retries them elsewhere) and closes all. */
  stop(): Promise<void>;
}

/** Creates the three queues: one active and one waiting job per shop (`stately`). */
async function ensureQueues(boss: PgBoss, settings: WorkerConfig): Promise<void> {
  for (const [kind, name] of Object.entries(WORKER_QUEUES) as [ShopJobKind, string][]) {
    const queue: PgBoss.Queue = {
      name,
      policy: 'stately',
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.jobTimeoutSeconds[TIMEOUT_KEY[kind]],
    };
    // Workers starting together race to create it: whoever loses just applies the settings.
    if ((await boss.getQueue(name)) === null) await boss.createQueue(name, queue).catch(() => {});
    await boss.updateQueue(name, queue);
  }
}

/**
 * Runs shop jobs from the PostgreSQL queue: any number of these processes, on any machines,
 * share the work. A job whose worker died is retried by another once it expires.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { settings, logger } = options;
  const stopping = new AbortController();
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4 + 2 * (options.concurrency ?? settings.concurrency),
  });
  pool.on('error', (error) =>
    logger.warn({ error: error.message }, `database connection lost: ${error.message}`),
  );
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 4,
    schedule: false,
    maintenanceIntervalSeconds: settings.superviseEverySeconds,
  });
  boss.on('error', (error) =>
    logger.error({ error: error.message }, `job queue: ${error.message}`),
  );
  await boss.start();
  await ensureQueues(boss, settings);
  await ensureWorkerTables(pool);

  const runtimes = new Map<string, Runtime>();
  const handle = jobHandler(options, pool, runtimes, stopping.signal);

  const concurrency = options.concurrency ?? settings.concurrency;
  for (const [kind, name] of Object.entries(WORKER_QUEUES) as [ShopJobKind, string][]) {
    for (let i = 0; i < concurrency; i++) {
      await boss.work<{ shop: string }>(
        name,
        { batchSize: 1, pollingIntervalSeconds: settings.pollEverySeconds },
        async ([job]) => (job === undefined ? undefined : handle(kind, job)),
      );
    }
  }

  const enqueue = (kind: ShopJobKind, shop: string, slotSeconds?: number) =>
    boss.send(
      WORKER_QUEUES[kind],
      { shop },
      {
        singletonKey: shop,
        ...(slotSeconds === undefined ? {} : { singletonSeconds: slotSeconds }),
      },
    );
  const unschedule =
    options.schedule === false
      ? () => {}
      : scheduleShops(options.shops, enqueue, (error) =>
          logger.warn(
            { error: String(error) },
            `could not queue a scheduled job: ${String(error)}`,
          ),
        );

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      unschedule();
      stopping.abort(new Error('the worker is stopping'));
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      for (const runtime of runtimes.values()) runtime.close();
      await pool.end();
    })();
    return stopped;
  };
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  return { boss, pool, enqueue, stop };
}

type JobHandler = (kind: ShopJobKind, job: PgBoss.Job<{ shop: string }>) => Promise<ShopJobResult>;

/** Runs one job with the shop's runtime (opened once per worker), under a deadline. */
function jobHandler(
  options: WorkerOptions,
  pool: pg.Pool,
  runtimes: Map<string, Runtime>,
  stopping: AbortSignal,
): JobHandler {
  const { settings, logger } = options;
  const shops = new Map(options.shops.map((shop) => [shop.id, shop]));
  const runtimeFor = (shop: ShopDeployment): Runtime => {
    let runtime = runtimes.get(shop.id);
    if (runtime === undefined) {
      runtime = openShopRuntime(shop, {
        pool,
        signal: stopping,
        openStore:
          options.openStore ??
          // One connection per shop besides its lease's: a worker with 20 shops holds about 40.
          ((each) =>
            createPostgresStateStore({ url: options.databaseUrl, shop: each.id, poolSize: 1 })),
        onSupplierEvent: options.onSupplierEvent,
      });
      runtimes.set(shop.id, runtime);
    }
    return runtime;
  };
  return async (kind, job) => {
    const shop = shops.get(job.data.shop);
    if (shop === undefined) {
      throw new Error(`job ${job.id}: shop "${job.data.shop}" is not in this worker's config`);
    }
    // Stop a second before pg-boss gives the job up, so it is not still running when retried.
    const timeoutMs = Math.max(1000, settings.jobTimeoutSeconds[TIMEOUT_KEY[kind]] * 1000 - 1000);
    const signal = AbortSignal.any([stopping, AbortSignal.timeout(timeoutMs)]);
    const jobLogger = logger.child({ shop: shop.id, job: kind });
    try {
      const result = await runShopJob(kind, shop.id, runtimeFor(shop), {
        pool,
        signal,
        logger: jobLogger,
      });
      jobLogger.info({ ...result }, `${shop.id}: ${kind} ${result.status}`);
      options.onJob?.({ kind, shop: shop.id, result });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      jobLogger.error({ error: message }, `${shop.id}: ${kind} failed: ${message}`);
      options.onJob?.({ kind, shop: shop.id, error: message });
      throw error;
    }
  };
}
