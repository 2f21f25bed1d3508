import { defineCommand } from 'citty';
import { initProject } from '../../commands/init.js';
import { ExitCode } from '../../exit-codes.js';
import { commonArgs, guarded } from '../shared.js';

/** `kaspi-connect init`: exit 2 when a config exists and nothing was written. */
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
