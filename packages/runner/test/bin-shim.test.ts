import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

// The bin must exist before a build (so `pnpm install` links it without warnings) and be the
// built CLI afterwards; tests run after `pnpm build`.
describe('the kaspi-connect bin', () => {
  const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
    bin: Record<string, string>;
    files: string[];
  };
  const shim = `${packageRoot}${pkg.bin['kaspi-connect']}`;

  it('is a committed, executable file that is published', () => {
    expect(pkg.bin['kaspi-connect']).toBe('./bin/kaspi-connect.js');
    expect(pkg.files).toContain('bin');
    expect(statSync(shim).mode & 0o111).not.toBe(0);
    expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('runs the built CLI: --help exits 0, an unknown command exits 2', async () => {
    const { stdout } = await run(process.execPath, [shim, '--help']);
    expect(stdout).toContain('USAGE kaspi-connect');
    await expect(run(process.execPath, [shim, 'no-such-command'])).rejects.toMatchObject({
      code: 2,
    });
  });
});
