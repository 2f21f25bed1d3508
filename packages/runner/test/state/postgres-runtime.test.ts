import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/commands/runtime.js';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load-config.js';
import { runSync } from '../../src/pipeline/sync.js';
import { PostgresStateStore } from '../../src/state/postgres/store.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(`skipping the PostgreSQL runtime tests: ${skip}`);

const INTERVAL_MS = 10;

describe.skipIf(skip !== undefined)('state.url: the runner on PostgreSQL', () => {
  const postgres = usePostgres();
  let alstyle: AlStyleSimulator;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    alstyle = await startAlStyleSimulator({
      catalogueSize: 150,
      seed: 5,
      rateLimitMs: INTERVAL_MS,
    });
  });
  afterAll(async () => {
    for (const runtime of runtimes) runtime.close();
    await alstyle?.close();
  });

  const raw = (state: Record<string, unknown>) => ({
    shop: { company: 'PG', merchantId: '30000001', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: INTERVAL_MS, marginMs: 5 } },
    pricing: { source: 'retail', markup: { percent: 10 }, rounding: { mode: 'up', step: 10 } },
    state,
    feed: { dir: 'feed' },
  });

  const open = (state: Record<string, unknown>): Runtime => {
    const parsed = parseConfig(raw(state), { ALSTYLE_TOKEN: alstyle.token });
    const runtime = openRuntime(
      { ...parsed, baseDir: mkdtempSync(join(tmpdir(), 'kc-pg-runtime-')) },
      { withSuppliers: true },
    );
    runtimes.push(runtime);
    return runtime;
  };

  it('syncs into PostgreSQL exactly as into SQLite: same SKU map, same catalogue, same feed', async () => {
    const url = await postgres.database('runtime');
    const pg = open({ url, shop: 'almaty' });
    const lite = open({ path: 'state.db' });
    expect(pg.store).toBeInstanceOf(PostgresStateStore);
    expect(lite.store).not.toBeInstanceOf(PostgresStateStore);
    const statuses: string[][] = [];
    for (const runtime of [pg, lite]) {
      const deps = {
        config: runtime.resolved.config,
        suppliers: runtime.suppliers,
        store: runtime.store,
        publisher: runtime.publisher,
        secrets: runtime.secrets,
      };
      const full = await runSync(deps, { mode: 'full' });
      const refresh = await runSync(deps, { mode: 'refresh' });
      statuses.push([full.status, refresh.status]);
    }
    expect(statuses[0]?.[0]).toBe('published');
    expect(statuses[0]).toEqual(statuses[1]);
    const strip = (runtime: Runtime) =>
      runtime.store.skuMappings().map(({ lastSeenAt, lastPublishedAt, ...rest }) => rest);
    expect(strip(pg).length).toBeGreaterThan(100);
    expect(strip(pg)).toEqual(strip(lite));
    expect(pg.store.loadCatalogue('alstyle')).toEqual(lite.store.loadCatalogue('alstyle'));
    // The feed carries its generation time, so compare what it holds, not its hash.
    const feed = (runtime: Runtime) => {
      const last = runtime.store.lastPublishedFeed();
      return [last?.offers, last?.available];
    };
    expect(feed(pg)).toEqual(feed(lite));
    const runs = (runtime: Runtime) => runtime.store.recentRuns(5).map((r) => [r.mode, r.status]);
    expect(runs(pg)).toEqual(runs(lite));
    expect(runs(pg).map(([mode]) => mode)).toEqual(['refresh', 'full']);
  });

  it('takes the whole URL from KASPI_CONNECT_DATABASE_URL over state.url', async () => {
    const url = await postgres.database('envurl');
    process.env.KASPI_CONNECT_DATABASE_URL = url;
    try {
      const runtime = open({ url: 'postgres://nobody@127.0.0.1:1/none' });
      expect(runtime.store).toBeInstanceOf(PostgresStateStore);
      expect(runtime.store.isEmpty()).toBe(true);
    } finally {
      delete process.env.KASPI_CONNECT_DATABASE_URL;
    }
  });

  it('refuses a password in the config and never shows one from the environment', async () => {
    expect(() => parseConfig(raw({ url: 'postgres://kaspi:hunter2@db:5432/kaspi' }), {})).toThrow(
      ConfigError,
    );
    try {
      parseConfig(raw({ url: 'postgres://kaspi:hunter2@db:5432/kaspi' }), {});
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
      expect(String(error)).toContain('PGPASSWORD');
    }
    const port = postgres.cluster().port;
    process.env.KASPI_CONNECT_DATABASE_URL = `postgres://postgres:s3cret-pw@127.0.0.1:${port}/no_such_db`;
    try {
      let failure: unknown;
      try {
        open({});
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(Error);
      expect(String(failure)).toContain('no_such_db');
      expect(String(failure)).toContain('createdb');
      expect(String(failure)).not.toContain('s3cret-pw');
    } finally {
      delete process.env.KASPI_CONNECT_DATABASE_URL;
    }
  });
});
