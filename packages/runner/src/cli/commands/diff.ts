import { defineCommand } from 'citty';
import { compareFiles } from '../../commands/validate-file.js';
import { ExitCode } from '../../exit-codes.js';
import { formatDiff } from '../format/diff.js';
import { writeResult } from '../format/output.js';
import { guarded } from '../shared.js';

/** `kaspi-connect diff`: exit 0 whatever changed (an unreadable file is an error). */
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
      writeResult(diff, { json: args.json === true }, () => formatDiff(diff));
      return ExitCode.Ok;
    }),
});
