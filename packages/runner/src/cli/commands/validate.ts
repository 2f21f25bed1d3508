import { defineCommand } from 'citty';
import { validateFile } from '../../commands/validate-file.js';
import { ExitCode } from '../../exit-codes.js';
import { writeResult } from '../format/output.js';
import { formatValidation } from '../format/validation.js';
import { guarded } from '../shared.js';

/** `kaspi-connect validate`: exit 4 when the file breaks Kaspi's rules. */
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
      writeResult(result, { json: args.json === true }, () =>
        formatValidation(args.file, result, mode),
      );
      return result.valid ? ExitCode.Ok : ExitCode.Invalid;
    }),
});
