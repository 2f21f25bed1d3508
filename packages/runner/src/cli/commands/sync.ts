import { defineCommand } from 'citty';
import { logSyncEvents } from '../../commands/report.js';
import { ExitCode } from '../../exit-codes.js';
import { runSync } from '../../pipeline/sync.js';
import { formatSummary } from '../format/sync-summary.js';
import { commonArgs, guarded, loadConfigFor, withRuntime } from '../shared.js';
import { waitArg, withStateLease } from '../state-lease.js';

/** `kaspi-connect sync`: the exit code is the run's (published, refused, invalid, supplier…). */
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
