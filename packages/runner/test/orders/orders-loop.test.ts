// `kaspi-connect orders` without --once: the service's order loop, in a real CLI process.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { baseConfigInput } from '../helpers/config.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function project(kaspiBaseUrl: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'kc-orders-loop-'));
  writeFileSync(
    join(cwd, 'kaspi-connect.config.json'),
    JSON.stringify({
      ...baseConfigInput,
      // Nothing listens there: `manual` never asks the supplier.
      suppliers: { alstyle: { baseUrl: 'http://127.0.0.1:9/api' } },
      orders: { policy: 'manual', kaspiBaseUrl, pollStates: ['NEW'] },
      state: { path: './state.db' },
    }),
  );
  return cwd;
}

describe('kaspi-connect orders (the polling loop)', () => {
  it('runs a cycle at once, prints its summary as JSON, and exits 130 on SIGTERM', async () => {
    const sim = await startKaspiSimulator({ token: 'k-token' });
    try {
      const cwd = project(sim.url);
      const child = spawn(process.execPath, [bin, 'orders'], {
        cwd,
        env: { PATH: process.env.PATH, KASPI_TOKEN: 'k-token', ALSTYLE_TOKEN: 'a-token' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      const firstLine = new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const end = stdout.indexOf('\n');
          if (end >= 0) resolve(stdout.slice(0, end));
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before a summary`)));
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const summary = JSON.parse(await firstLine) as { seen: number; errors: string[] };
      expect(summary.seen).toBe(0);
      expect(summary.errors).toEqual([]);
      // The simulator's own record: the cycle polled Kaspi's order list.
      expect(sim.requests.some((r) => r.path.startsWith('/v2/orders'))).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(ExitCode.Interrupted);
      const store = new SqliteStateStore(join(cwd, 'state.db'));
      expect(store.currentLease()).toBeUndefined();
      expect(store.orderPollCursor()).toBeInstanceOf(Date);
      store.close();
    } finally {
      await sim.close();
    }
  });

  it('stops the loop when a cycle throws: a lost state exits 7 as with --once', async () => {
    const cwd = project('http://127.0.0.1:9/shop/api');
    mkdirSync(join(cwd, 'kaspi-feed'));
    writeFileSync(join(cwd, 'kaspi-feed', 'kaspi.xml'), '<kaspi_catalog/>');
    let code = 0;
    let stderr = '';
    try {
      await promisify(execFile)(process.execPath, [bin, 'orders'], {
        cwd,
        env: { PATH: process.env.PATH, KASPI_TOKEN: 'k-token', ALSTYLE_TOKEN: 'a-token' },
        timeout: 60_000,
      });
    } catch (error) {
      ({ code, stderr } = error as { code: number; stderr: string });
    }
    expect(code).toBe(ExitCode.StateLost);
    expect(stderr).toMatch(/--fresh-state/);
  });
});
