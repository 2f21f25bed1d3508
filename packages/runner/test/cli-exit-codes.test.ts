import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageRoot, 'dist/cli.js');
const docs = join(packageRoot, '../../docs/first-sync.md');

/** The exit-code table of the docs: `| code | meaning |` rows under "## Exit codes". */
function documentedCodes(): Map<number, string> {
  const text = readFileSync(docs, 'utf8');
  const section = text.slice(text.indexOf('## Exit codes'));
  const rows = [...section.matchAll(/^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|$/gm)];
  return new Map(rows.map((row) => [Number(row[1]), String(row[2])]));
}

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(!existsSync(bin))('every documented exit code holds', () => {
  let alstyle: AlStyleSimulator;
  let dir: string;

  const project = (extra: Record<string, unknown> = {}) => {
    const folder = mkdtempSync(join(dir, 'p-'));
    writeFileSync(
      join(folder, 'kaspi-connect.config.json'),
      JSON.stringify({
        shop: { company: 'Codes', merchantId: '30453464', stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 0, marginMs: 0 } },
        server: { port: 0 },
        ...extra,
      }),
    );
    return folder;
  };

  beforeAll(async () => {
    alstyle = await startAlStyleSimulator({ catalogueSize: 300, seed: 3, rateLimitMs: 0 });
    dir = mkdtempSync(join(tmpdir(), 'kc-codes-'));
  });
  afterAll(async () => {
    await alstyle?.close();
  });

  const scenarios: Record<number, () => Promise<Outcome>> = {
    [ExitCode.Ok]: () => cli(['sync', '--cwd', project()], { ALSTYLE_TOKEN: alstyle.token }),
    [ExitCode.Failure]: () => cli(['diff', join(dir, 'none-1.xml'), join(dir, 'none-2.xml')]),
    [ExitCode.Config]: () =>
      cli(['sync', '--dryrun', '--cwd', project()], { ALSTYLE_TOKEN: alstyle.token }),
    [ExitCode.Refused]: () =>
      cli(['sync', '--cwd', project({ guards: { minOffers: 100_000 } })], {
        ALSTYLE_TOKEN: alstyle.token,
      }),
    [ExitCode.Invalid]: () => {
      const file = join(dir, 'broken.xml');
      writeFileSync(file, '<kaspi_catalog date="x"><offers><offer sku=""/></offers>');
      return cli(['validate', file]);
    },
    [ExitCode.Supplier]: () => cli(['sync', '--cwd', project()], { ALSTYLE_TOKEN: 'wrong-token' }),
    [ExitCode.Interrupted]: () => interruptedServe(project()),
    [ExitCode.Busy]: () => {
      // Another live process (this test's own pid) holds the state's lease.
      const folder = project();
      const store = new SqliteStateStore(join(folder, 'kaspi-connect.db'));
      store.acquireLease({ holder: 'run', pid: process.pid, host: hostname(), ttlMs: 600_000 });
      store.close();
      return cli(['sync', '--cwd', folder], { ALSTYLE_TOKEN: alstyle.token });
    },
    [ExitCode.StateLost]: async () => {
      // A feed was published, then the state database was lost.
      const folder = project({ orders: { policy: 'manual', kaspiBaseUrl: 'http://127.0.0.1:9' } });
      const first = await cli(['sync', '--cwd', folder], { ALSTYLE_TOKEN: alstyle.token });
      expect(first.code, first.stderr).toBe(0);
      rmSync(join(folder, 'kaspi-connect.db'));
      for (const suffix of ['-wal', '-shm'])
        rmSync(join(folder, `kaspi-connect.db${suffix}`), { force: true });
      return cli(['orders', '--once', '--cwd', folder], {
        ALSTYLE_TOKEN: alstyle.token,
        KASPI_TOKEN: 'kaspi-token',
      });
    },
  };

  it('documents exactly the codes the CLI uses', () => {
    expect([...documentedCodes().keys()].sort((a, b) => a - b)).toEqual(
      Object.values(ExitCode).sort((a, b) => a - b),
    );
  });

  it.each([...documentedCodes()])('exit code %i (%s)', async (code) => {
    const scenario = scenarios[code];
    expect(scenario, `a scenario for exit code ${code}`).toBeDefined();
    const outcome = await (scenario as () => Promise<Outcome>)();
    expect(outcome.code, outcome.stderr).toBe(code);
  });

  it('says "did you mean" for a mistyped command or flag, and never echoes a colour into a pipe', async () => {
    const command = await cli(['synk']);
    expect(command.code).toBe(ExitCode.Config);
    expect(command.stderr).toContain('Did you mean "sync"?');
    const help = await cli(['sync', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--dry-run');
    expect(help.stdout.includes(`${String.fromCharCode(27)}[`)).toBe(false);
  });
});

/** `serve` until it prints its URL, then SIGINT: the documented 130, not 0. */
function interruptedServe(folder: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'serve', '--json', '--cwd', folder], {
      env: { PATH: process.env.PATH },
    });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('serving')) child.kill('SIGINT');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: '', stderr });
    });
  });
}
