import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { startFeedServer } from '../src/server/feed-server.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'kc-ops-'));

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        }),
    );
  });
}

describe('errors that name the file, the port and the fix', () => {
  it('names the port in use and the two ways out', async () => {
    const first = await startFeedServer({ feedFile: '/nonexistent', urlPath: '/kaspi.xml' });
    const port = Number(new URL(first.url).port);
    try {
      await expect(
        startFeedServer({ feedFile: '/nonexistent', urlPath: '/kaspi.xml', port }),
      ).rejects.toThrow(
        new RegExp(
          `cannot serve the feed on 127\\.0\\.0\\.1:${port}: port ${port} is in use.*--port or server\\.port`,
        ),
      );
    } finally {
      await first.close();
    }
  });

  it('names the database file that cannot be opened', () => {
    const dir = tmp();
    const path = join(dir, 'state.db');
    writeFileSync(
      path,
      'this is not a database, but it is long enough to be read as one. '.repeat(20),
    );
    expect(() => new SqliteStateStore(path)).toThrow(`state database ${path}:`);
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    expect(() => new SqliteStateStore(join(blocked, 'state.db'))).toThrow(
      /state database .*file\/state\.db: .*state\.path/,
    );
  });
});

describe.skipIf(!existsSync(bin))('day-to-day operations through the CLI', () => {
  let alstyle: AlStyleSimulator;
  beforeAll(async () => {
    alstyle = await startAlStyleSimulator({ catalogueSize: 300, seed: 9, rateLimitMs: 0 });
  });
  afterAll(async () => {
    await alstyle?.close();
  });

  const project = (extra: Record<string, unknown> = {}) => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'kaspi-connect.config.json'),
      JSON.stringify({
        shop: { company: 'Ops', merchantId: '30453464', stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 0, marginMs: 0 } },
        server: { port: 0 },
        ...extra,
      }),
    );
    return dir;
  };

  it('reports an unwritable feed folder before any download', async () => {
    const dir = project({ feed: { dir: 'blocked/feed' } });
    writeFileSync(join(dir, 'blocked'), 'a file where the folder should be');
    alstyle.clearRequests();
    const result = await cli(['sync', '--cwd', dir], { ALSTYLE_TOKEN: alstyle.token });
    expect(result.code).toBe(ExitCode.Failure);
    expect(result.stderr).toMatch(/cannot write to .*blocked\/feed \(feed\.dir; ENOTDIR\)/);
    expect(result.stderr).toContain('Nothing was downloaded');
    expect(alstyle.requests).toHaveLength(0);
  });

  it('lists skipped products by reason, and shows status times in Almaty time', async () => {
    const dir = project();
    expect((await cli(['sync', '--cwd', dir], { ALSTYLE_TOKEN: alstyle.token })).code).toBe(0);
    const skipped = await cli(['status', '--skipped', '--cwd', dir]);
    expect(skipped.code).toBe(0);
    const list = JSON.parse(skipped.stdout) as { reason: string; key: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => typeof p.key === 'string' && p.reason !== '')).toBe(true);
    const status = JSON.parse((await cli(['status', '--cwd', dir])).stdout) as {
      skippedByReason: Record<string, number>;
      nextRuns: { kind: string; at: string }[];
    };
    expect(Object.values(status.skippedByReason).reduce((a, b) => a + b, 0)).toBe(list.length);
    // JSON keeps UTC: the 09:00 Almaty job is 04:00Z.
    expect(status.nextRuns.some((run) => run.kind === 'full' && run.at.includes('T04:00:00'))).toBe(
      true,
    );
  });

  it('keeps serving the feed file when the database is damaged, and says so', async () => {
    const dir = project({ state: { path: 'state.db' } });
    expect((await cli(['sync', '--cwd', dir], { ALSTYLE_TOKEN: alstyle.token })).code).toBe(0);
    writeFileSync(join(dir, 'state.db'), 'garbage '.repeat(1000));
    for (const suffix of ['-wal', '-shm']) writeFileSync(join(dir, `state.db${suffix}`), '');
    const status = await cli(['status', '--cwd', dir]);
    expect(status.code).toBe(ExitCode.Failure);
    expect(JSON.parse(status.stdout)).toMatchObject({ liveFile: { path: expect.any(String) } });
    expect(JSON.parse(status.stdout).stateError).toContain(join(dir, 'state.db'));

    const child = spawn(process.execPath, [bin, 'serve', '--json', '--cwd', dir], {
      env: { PATH: process.env.PATH },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL: ${stderr}`)), 15_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /"url":"([^"]+)"/.exec(stderr);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    try {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<kaspi_catalog');
      expect(stderr).toContain('without the database');
    } finally {
      child.kill('SIGINT');
    }
  });
});
