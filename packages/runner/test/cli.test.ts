import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderUsage } from 'citty';
import { describe, expect, it } from 'vitest';
import { mainCommand } from '../src/cli/main-command.js';
import { VERSION } from '../src/version.js';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = `${packageRoot}dist/cli.js`;

describe('kaspi-connect CLI', () => {
  it('reports the package version', () => {
    const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });

  it('describes itself in its usage text', async () => {
    const usage = await renderUsage(mainCommand);
    expect(usage).toContain('kaspi-connect');
    expect(usage).toContain('Kaspi.kz');
  });

  it.skipIf(!existsSync(bin))('prints --help from the built binary and exits 0', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toContain('kaspi-connect');
  });
});
