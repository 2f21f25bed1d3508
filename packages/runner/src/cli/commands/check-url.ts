import { defineCommand } from 'citty';
import { checkTargetUrls } from '../../commands/check-url.js';
import { openRuntime } from '../../commands/runtime.js';
import { ExitCode } from '../../exit-codes.js';
import { commonArgs, guarded, loadConfigFor } from '../shared.js';

/** `kaspi-connect check-url`: is each target's public URL serving the live feed? */
export const checkUrlCommand = defineCommand({
  meta: {
    name: 'check-url',
    description:
      'Fetch each feed.targets URL as Kaspi would and compare it with the live feed (exit 0 all match, 1 otherwise)',
  },
  args: commonArgs,
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      const targets = resolved.config.feed.targets;
      if (targets.length === 0) {
        process.stderr.write('No feed.targets in the config: nothing to check.\n');
        return ExitCode.Config;
      }
      const runtime = openRuntime(resolved);
      try {
        const checks = await checkTargetUrls(targets, { livePath: runtime.publisher.currentPath });
        if (args.json === true || !process.stdout.isTTY) {
          process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
        } else {
          for (const check of checks) {
            process.stdout.write(
              `${check.outcome === 'ok' ? 'OK  ' : 'FAIL'} ${check.target} ${check.url}: ${check.detail}\n`,
            );
          }
        }
        return checks.every((check) => check.outcome === 'ok') ? ExitCode.Ok : ExitCode.Failure;
      } finally {
        runtime.close();
      }
    }),
});
