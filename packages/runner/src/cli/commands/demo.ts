import { defineCommand } from 'citty';
import { logSyncEvents } from '../../commands/report.js';
import { runDemo } from '../../demo/demo.js';
import { ExitCode } from '../../exit-codes.js';
import { createLogger } from '../../logging/logger.js';
import { logAlStyleEvents } from '../../runtime/client-events.js';
import { formatDemoReport } from '../format/demo-report.js';
import { guarded, shutdownSignal, wholeNumberFlag } from '../shared.js';

/** `kaspi-connect demo`: exit 1 when the simulated Kaspi could not load the feed. */
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
        onSupplierEvent: logAlStyleEvents(logger),
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
