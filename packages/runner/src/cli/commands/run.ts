import { defineCommand } from 'citty';
import { runService } from '../../commands/run.js';
import { ExitCode } from '../../exit-codes.js';
import { commonArgs, guarded, loadConfigFor, withRuntime } from '../shared.js';
import { freshStateArg, waitArg, withStateLease } from '../state-lease.js';

/** `kaspi-connect run`: the long-running service; 130 when stopped by a signal. */
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
