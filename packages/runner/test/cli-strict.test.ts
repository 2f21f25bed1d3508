import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { commonArgs } from '../src/cli/shared.js';
import { checkArgs, didYouMean } from '../src/cli/strict-args.js';

const syncArgs = {
  ...commonArgs,
  'dry-run': { type: 'boolean' },
  full: { type: 'boolean' },
  port: { type: 'string' },
} as const;

describe('strict command lines', () => {
  it('suggests the closest name for a typo, and nothing for a wild guess', () => {
    expect(didYouMean('dryrun', ['dry-run', 'full', 'force'])).toBe('dry-run');
    expect(didYouMean('synk', ['sync', 'serve', 'status'])).toBe('sync');
    expect(didYouMean('deploy', ['sync', 'serve', 'status'])).toBeUndefined();
  });

  it('accepts declared flags, --no- switches, values and --help', () => {
    expect(checkArgs(syncArgs, ['--dry-run', '--full', '--port', '80', '--json'])).toBeUndefined();
    expect(checkArgs(syncArgs, ['--no-json', '--port=80', '--help'])).toBeUndefined();
  });

  it('rejects unknown flags, missing values, switch values and stray arguments', () => {
    expect(checkArgs(syncArgs, ['--dryrun'])?.message).toBe(
      'unknown flag --dryrun. Did you mean --dry-run?',
    );
    expect(checkArgs(syncArgs, ['--port'])?.message).toBe('--port needs a value');
    expect(checkArgs(syncArgs, ['--full=yes'])?.message).toMatch(/is a switch/);
    expect(checkArgs(syncArgs, ['extra'])?.message).toBe('this command takes no arguments');
    expect(checkArgs({ file: { type: 'positional', required: true } }, [])?.message).toBe(
      'missing the file argument',
    );
  });

  it('exits 2 on an unknown command or flag before running anything', async () => {
    const { PassThrough } = await import('node:stream');
    const stderr = new PassThrough();
    const stdout = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    expect(await runCli(['sync', '--dryrun'], { stdout, stderr })).toBe(2);
    expect(err).toContain('Did you mean --dry-run?');
    expect(await runCli(['orders', '--onec'], { stdout, stderr })).toBe(2);
    expect(await runCli(['publish'], { stdout, stderr })).toBe(2);
    expect(await runCli([], { stdout, stderr })).toBe(2);
  });

  it('checks the sub-command of a command group and its own flags', async () => {
    const { PassThrough } = await import('node:stream');
    const stderr = new PassThrough();
    const stdout = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    expect(await runCli(['cards', 'subm'], { stdout, stderr })).toBe(2);
    expect(err).toContain('Did you mean "submit"?');
    expect(await runCli(['cards', 'submit', '--skuz', 'AS1'], { stdout, stderr })).toBe(2);
    expect(err).toContain('kaspi-connect cards submit: unknown flag --skuz. Did you mean --sku?');
    expect(await runCli(['cards'], { stdout, stderr })).toBe(2);
  });
});
