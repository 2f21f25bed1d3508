import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatus } from '../src/commands/status.js';
import { feedFetchRecorder } from '../src/liveness/feed-fetch-log.js';
import { startHeartbeat } from '../src/liveness/heartbeat.js';
import { startFeedServer } from '../src/server/feed-server.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';

describe('feed fetch log and liveness', () => {
  it("records each fetch of the feed with time, address and User-Agent, the proxy's client when trusted", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kc-fetchlog-'));
    await writeFile(join(dir, 'kaspi.xml'), '<kaspi_catalog/>');
    const store = new SqliteStateStore(':memory:');
    for (const trustProxy of [false, true]) {
      const record = feedFetchRecorder(store.activity, { feedPath: '/kaspi.xml', trustProxy });
      const server = await startFeedServer({
        feedFile: join(dir, 'kaspi.xml'),
        urlPath: '/kaspi.xml',
        onRequest: record,
      });
      try {
        const headers = {
          'User-Agent': 'KaspiBot/1.0',
          'X-Forwarded-For': '203.0.113.7, 10.0.0.1',
        };
        expect((await fetch(server.feedUrl, { headers })).status).toBe(200);
        expect((await fetch(`${server.url}/healthz`, { headers })).status).toBe(200);
        expect((await fetch(`${server.url}/other`, { headers })).status).toBe(404);
      } finally {
        await server.close();
      }
    }
    const fetches = store.activity.recentFeedFetches(10);
    expect(fetches.map((f) => [f.ip, f.userAgent, f.status])).toEqual([
      ['203.0.113.7', 'KaspiBot/1.0', 200],
      ['127.0.0.1', 'KaspiBot/1.0', 200],
    ]);
    expect(readStatus(store).liveness.lastKaspiFetch?.ip).toBe('203.0.113.7');
  });

  it('reports a server whose heartbeat stopped', () => {
    const store = new SqliteStateStore(':memory:');
    expect(readStatus(store).liveness.servers).toEqual([]);
    let now = new Date();
    startHeartbeat(store.activity, { process: 'run', everyMs: 1000, now: () => now })();
    expect(readStatus(store).liveness.servers[0]?.alive).toBe(true);
    now = new Date(Date.now() - 10_000);
    startHeartbeat(store.activity, { process: 'run', everyMs: 1000, now: () => now })();
    const status = readStatus(store);
    expect(status.liveness.servers[0]?.alive).toBe(false);
    expect(status.attention.join('\n')).toMatch(/"run" \(pid \d+\) has not sent a heartbeat since/);
  });
});
