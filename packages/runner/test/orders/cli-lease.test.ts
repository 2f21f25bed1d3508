import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { baseConfigInput } from '../helpers/config.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH, KASPI_TOKEN: 'k-token', ALSTYLE_TOKEN: 'a-token' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function project(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'kc-cli-lease-'));
  writeFileSync(
    join(cwd, 'kaspi-connect.config.json'),
    JSON.stringify({
      ...baseConfigInput,
      // Nothing listens there: every test below must end before any request.
      suppliers: { alstyle: { baseUrl: 'http://127.0.0.1:9/api' } },
      orders: { policy: 'auto', kaspiBaseUrl: 'http://127.0.0.1:9/shop/api' },
      state: { path: './state.db' },
    }),
  );
  return cwd;
}

describe('one writer per state, through the CLI', () => {
  it('a second writer exits "busy" naming the holder, while `run` holds the state', async () => {
    const cwd = project();
    const store = new SqliteStateStore(join(cwd, 'state.db'));
    // The test process plays `run`: alive, on this host.
    const held = store.acquireLease({
      holder: 'run',
      pid: process.pid,
      host: hostname(),
      ttlMs: 60_000,
    });
    expect(held.ok).toBe(true);
    for (const args of [
      ['orders', '--once'],
      ['sync', '--refresh'],
    ]) {
      const result = await cli(args, cwd);
      expect(result.code).toBe(ExitCode.Busy);
      expect(result.stderr).toContain(`"run" (pid ${process.pid} on ${hostname()}`);
      expect(result.stderr).toContain('--wait');
    }
    store.close();
  });

  it('refuses the order flow on a new state DB next to a published feed until --fresh-state', async () => {
    const cwd = project();
    mkdirSync(join(cwd, 'kaspi-feed'));
    writeFileSync(join(cwd, 'kaspi-feed', 'kaspi.xml'), '<kaspi_catalog/>');
    const result = await cli(['orders', '--once'], cwd);
    expect(result.code).toBe(ExitCode.StateLost);
    expect(result.stderr).toMatch(
      /state database is new, but a published feed exists at .*--fresh-state/,
    );
    const status = await cli(['status'], cwd);
    expect(JSON.parse(status.stdout).attention.join('\n')).toMatch(/order flow is stopped/);
    // The marker stays: a sync in between does not make the lost state look normal.
    const store = new SqliteStateStore(join(cwd, 'state.db'));
    expect(store.getMeta('orders.stateLost')).toMatch(/published feed/);
    expect(store.currentLease()).toBeUndefined();
    store.close();
  });
});
