import { defineCommand } from 'citty';
import { formatDiff } from '../commands/diff-format.js';
import { initProject } from '../commands/init.js';
import { formatOrderSummary, kaspiClientFor, runOrdersOnce } from '../commands/orders.js';
import { formatSummary, logSyncEvents } from '../commands/report.js';
import { runService, serveFeed } from '../commands/run.js';
import { showStatus } from '../commands/status-command.js';
import { compareFiles, formatValidation, validateFile } from '../commands/validate-file.js';
import { runDemo } from '../demo/demo.js';
import { formatDemoReport } from '../demo/demo-report.js';
import { ExitCode } from '../exit-codes.js';
import { createLogger } from '../logging/logger.js';
import { runSync } from '../pipeline/sync.js';
import {
  commonArgs,
  guarded,
  loadConfigFor,
  shutdownSignal,
  supplierEventLogger,
  wholeNumberFlag,
  withRuntime,
} from './shared.js';
import { freshStateArg, waitArg, withStateLease } from './state-lease.js';

export const initCommand = defineCommand({
  meta: {
    name: 'init',
    description: 'Write a commented kaspi-connect.config.ts and a .env for secrets',
  },
  args: {
    cwd: commonArgs.cwd,
    force: { type: 'boolean', description: 'Overwrite an existing config (never .env)' },
  },
  run: ({ args }) =>
    guarded(async () => {
      const result = await initProject({ cwd: args.cwd ?? process.cwd(), force: args.force });
      for (const path of result.written) process.stdout.write(`wrote ${path}\n`);
      for (const path of result.kept)
        process.stdout.write(`kept ${path} (exists; --force to overwrite the config)\n`);
      if (result.written.length > 0) {
        process.stdout.write(
          'Next: fill in shop.merchantId and stores, put ALSTYLE_TOKEN in .env, then run "kaspi-connect sync --dry-run".\n',
        );
      }
      return result.kept.some((p) => p.endsWith('.ts')) && result.written.length === 0
        ? ExitCode.Config
        : ExitCode.Ok;
    }),
});

export const syncCommand = defineCommand({
  meta: {
    name: 'sync',
    description: 'Sync once: full catalogue (default) or a one-request refresh, then publish',
  },
  args: {
    ...commonArgs,
    full: {
      type: 'boolean',
      description: 'Read the whole catalogue (names, brands, new products)',
    },
    refresh: { type: 'boolean', description: 'Update prices and stock with one request' },
    'dry-run': { type: 'boolean', description: 'Build, validate and compare, but publish nothing' },
    force: {
      type: 'boolean',
      description:
        'Publish even if a relative safety guard trips (never an empty feed); accept held price drops',
    },
    ...waitArg,
  },
  run: ({ args }) =>
    guarded(async () => {
      if (args.full === true && args.refresh === true) {
        process.stderr.write('Use either --full or --refresh.\n');
        return ExitCode.Config;
      }
      const resolved = await loadConfigFor(args);
      return withRuntime(
        resolved,
        args,
        { withSuppliers: true, withTargets: true, writesFeed: args['dry-run'] !== true },
        async ({ signal: shutdown, logger, runtime }) =>
          withStateLease(
            runtime,
            { holder: 'sync', wait: args.wait, signal: shutdown, logger },
            async ({ signal }) => {
              const result = await runSync(
                {
                  config: resolved.config,
                  suppliers: runtime.suppliers,
                  store: runtime.store,
                  publisher: runtime.publisher,
                  onEvent: logSyncEvents(logger, process.stderr),
                  secrets: runtime.secrets,
                  targets: runtime.targets,
                },
                {
                  mode: args.refresh === true ? 'refresh' : 'full',
                  dryRun: args['dry-run'],
                  force: args.force,
                  signal,
                },
              );
              // A failed run was said once in the log; the counts of a failed run are all zero.
              if (process.stdout.isTTY && result.status !== 'failed') {
                process.stdout.write(`${formatSummary(result.summary)}\n`);
              }
              return result.exitCode;
            },
          ),
      );
    }),
});

export const serveCommand = defineCommand({
  meta: {
    name: 'serve',
    description: 'Serve the published feed (basic auth, ETag, gzip, /healthz) until stopped',
  },
  args: { ...commonArgs, port: { type: 'string', description: 'Port (overrides server.port)' } },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      return withRuntime(
        resolved,
        args,
        { withSuppliers: false, readOnlyState: true, writableIfPossible: true },
        async ({ signal, logger, runtime }) => {
          const server = await serveFeed(runtime, {
            signal,
            logger,
            port: wholeNumberFlag('port', args.port, { min: 0, max: 65_535 }),
          });
          logger.info({ url: server.feedUrl }, `serving ${server.feedUrl}`);
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => resolve(), { once: true }),
          );
          await server.close();
          // Stopping is the only way out of serve: the exit code says who stopped it.
          return signal.aborted ? ExitCode.Interrupted : ExitCode.Ok;
        },
      );
    }),
});

export const runCommand = defineCommand({
  meta: {
    name: 'run',
    description:
      'Serve the feed and keep it fresh: full syncs on cron (Almaty time), refreshes every N minutes',
  },
  args: { ...commonArgs, ...waitArg, ...freshStateArg },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      return withRuntime(
        resolved,
        args,
        { withSuppliers: true, withTargets: true, writesFeed: true },
        async ({ signal: shutdown, logger, runtime }) =>
          withStateLease(
            runtime,
            { holder: 'run', wait: args.wait, signal: shutdown, logger },
            async ({ signal, lease }) => {
              await runService(runtime, {
                signal,
                logger,
                assertWriter: () => lease.assertHeld(),
                freshState: args['fresh-state'],
              });
              return shutdown.aborted ? ExitCode.Interrupted : ExitCode.Ok;
            },
          ),
      );
    }),
});

export const ordersCommand = defineCommand({
  meta: {
    name: 'orders',
    description:
      'Handle Kaspi orders by orders.policy: reconcile, poll, check stock, reserve at the supplier, accept or cancel',
  },
  args: {
    ...commonArgs,
    once: {
      type: 'boolean',
      description: 'One cycle, then exit (default: poll every orders.pollEveryMinutes)',
    },
    ...waitArg,
    ...freshStateArg,
  },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      if (resolved.config.orders.policy === 'off') {
        process.stderr.write(
          'orders.policy is "off": set it to "manual" or "auto" in the config.\n',
        );
        return ExitCode.Config;
      }
      return withRuntime(
        resolved,
        args,
        { withSuppliers: true },
        async ({ signal: shutdown, logger, runtime }) =>
          withStateLease(
            runtime,
            {
              holder: args.once === true ? 'orders --once' : 'orders',
              wait: args.wait,
              signal: shutdown,
              logger,
            },
            async ({ signal, lease }) => {
              const kaspi = kaspiClientFor(runtime, { signal });
              let freshState = args['fresh-state'] === true;
              for (;;) {
                const summary = await runOrdersOnce(runtime, kaspi, {
                  signal,
                  logger,
                  assertWriter: () => lease.assertHeld(),
                  freshState,
                });
                freshState = false;
                if (process.stdout.isTTY) process.stdout.write(`${formatOrderSummary(summary)}\n`);
                else process.stdout.write(`${JSON.stringify(summary)}\n`);
                if (args.once === true || signal.aborted) {
                  return summary.errors.length > 0 ? ExitCode.Failure : ExitCode.Ok;
                }
                await new Promise<void>((resolve) => {
                  const timer = setTimeout(
                    resolve,
                    resolved.config.orders.pollEveryMinutes * 60_000,
                  );
                  signal.addEventListener(
                    'abort',
                    () => {
                      clearTimeout(timer);
                      resolve();
                    },
                    { once: true },
                  );
                });
                if (signal.aborted) return ExitCode.Interrupted;
              }
            },
          ),
      );
    }),
});

export const validateCommand = defineCommand({
  meta: { name: 'validate', description: "Check a price-list XML file against Kaspi's rules" },
  args: {
    file: { type: 'positional', description: 'The XML file', required: true },
    lenient: {
      type: 'boolean',
      description: 'Only report what real feeds get away with as warnings',
    },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    guarded(async () => {
      const mode = args.lenient === true ? 'lenient' : 'strict';
      const result = await validateFile(args.file, mode);
      process.stdout.write(
        args.json === true
          ? `${JSON.stringify(result, null, 2)}\n`
          : formatValidation(args.file, result, mode),
      );
      return result.valid ? ExitCode.Ok : ExitCode.Invalid;
    }),
});

export const diffCommand = defineCommand({
  meta: { name: 'diff', description: 'Compare two price-list files by SKU' },
  args: {
    before: { type: 'positional', description: 'The older file', required: true },
    after: { type: 'positional', description: 'The newer file', required: true },
    json: { type: 'boolean', description: 'Print every change and the counts as JSON' },
  },
  run: ({ args }) =>
    guarded(async () => {
      const diff = await compareFiles(args.before, args.after);
      process.stdout.write(
        args.json === true ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff),
      );
      return ExitCode.Ok;
    }),
});

export const statusCommand = defineCommand({
  meta: {
    name: 'status',
    description: 'Show the live feed, recent runs and anything that needs a person',
  },
  args: {
    ...commonArgs,
    runs: { type: 'string', description: 'How many runs to list (default 10)' },
    skipped: { type: 'boolean', description: 'List the products the last sync skipped' },
    reason: { type: 'string', description: 'With --skipped: only this reason, e.g. no-price' },
  },
  run: ({ args }) => guarded(() => showStatus(args)),
});

export const demoCommand = defineCommand({
  meta: {
    name: 'demo',
    description:
      'Run the whole job on built-in Al-Style and Kaspi simulators (no token, no network)',
  },
  args: {
    products: { type: 'string', description: 'Products in the simulated catalogue (default 3000)' },
    dir: {
      type: 'string',
      description: 'Keep the feed and database here (default: a temp directory)',
    },
    serve: { type: 'boolean', description: 'Keep serving the feed after the summary until Ctrl-C' },
    json: { type: 'boolean', description: 'JSON log lines even on a terminal' },
    verbose: { type: 'boolean', description: 'Debug logs' },
  },
  run: ({ args }) =>
    guarded(async () => {
      const signal = shutdownSignal();
      const logger = createLogger({
        ...(args.json === true ? { json: true } : {}),
        level: args.verbose === true ? 'debug' : 'info',
      });
      const result = await runDemo({
        products: wholeNumberFlag('products', args.products, { min: 1, max: 1_000_000 }),
        dir: args.dir,
        signal,
        keepServing: args.serve,
        onEvent: logSyncEvents(logger, process.stderr),
        onSupplierEvent: supplierEventLogger(logger),
        // A one-time password for this run only, on stdout (never logged).
        onConsole: (info) =>
          process.stdout.write(
            `Console: ${info.url}   user ${info.username}, one-time password ${info.password}\n`,
          ),
        onServing: (info) => {
          logger.info({ url: info.url }, `serving ${info.url}`);
          // A throwaway demo credential, shown on stdout (never logged) so a person can curl it.
          if (args.serve === true) {
            process.stdout.write(
              `Feed: curl --compressed -u ${info.username}:${info.password} ${info.url}   (Ctrl-C to stop)\n`,
            );
          }
        },
      });
      process.stdout.write(formatDemoReport(result));
      return result.kaspiLoad.outcome === 'failed' ? ExitCode.Failure : ExitCode.Ok;
    }),
});

export { cardsCommand } from '../commands/cards-command.js';
