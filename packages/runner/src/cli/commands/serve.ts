import { defineCommand } from 'citty';
import { serveFeed } from '../../commands/run.js';
import { ExitCode } from '../../exit-codes.js';
import { commonArgs, guarded, loadConfigFor, wholeNumberFlag, withRuntime } from '../shared.js';

/** `kaspi-connect serve`: serves until stopped, so it ends with 130 (or 0 if never asked to). */
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
