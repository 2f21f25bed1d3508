import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';
import { describe, expect, it, vi } from 'vitest';
import { runService } from '../src/commands/run.js';
import { openRuntime } from '../src/commands/runtime.js';
import { parseConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/logger.js';

describe('run (serve + schedule)', () => {
  it('publishes with a first full sync, serves it, refreshes, and stops cleanly on abort', async () => {
    const alstyle = await startAlStyleSimulator({ catalogueSize: 300, seed: 2, rateLimitMs: 10 });
    const parsed = parseConfig(
      {
        shop: { company: 'Run', merchantId: '30000001', stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 10, marginMs: 20 } },
        server: { port: 0 },
        state: { path: 'state.db' },
        feed: { dir: 'feed' },
      },
      { ALSTYLE_TOKEN: alstyle.token },
    );
    const runtime = openRuntime(
      { ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-run-')) },
      { withSuppliers: true },
    );
    const logs = new PassThrough();
    const lines: { msg: string; url?: string }[] = [];
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().trim().split('\n')) lines.push(JSON.parse(line));
    });
    const controller = new AbortController();
    const service = runService(runtime, {
      signal: controller.signal,
      logger: createLogger({ json: true, destination: logs }),
      refreshEveryMs: 300,
    });
    try {
      await vi.waitFor(() => expect(runtime.store.lastPublishedFeed()).toBeDefined(), {
        timeout: 30_000,
        interval: 50,
      });
      const url = lines.find((line) => line.url !== undefined)?.url as string;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<kaspi_catalog');
      const health = (await (await fetch(new URL('/healthz', url))).json()) as Record<
        string,
        unknown
      >;
      // A refresh may already have run by now: any finished, successful run will do.
      expect(health).toMatchObject({
        status: 'ok',
        lastRun: { status: expect.stringMatching(/^(published|unchanged)$/) },
      });
      await vi.waitFor(
        () =>
          expect(
            runtime.store
              .recentRuns(10)
              .some((run) => run.mode === 'refresh' && run.status !== 'running'),
          ).toBe(true),
        { timeout: 30_000, interval: 50 },
      );
    } finally {
      controller.abort();
      await service;
      runtime.close();
      await alstyle.close();
    }
    expect(lines.at(-1)?.msg).toBe('stopped');
  });
});
