import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, type PgContext } from '../../src/state/postgres/context.js';
import { PostgresStateStoreError } from '../../src/state/postgres/errors.js';
import { PG_MIGRATIONS } from '../../src/state/postgres/migrations.js';
import { createPostgresStateStore } from '../../src/state/postgres/store.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(`skipping the PostgreSQL store tests: ${skip}`);

const CHILD = fileURLToPath(new URL('../helpers/pg-lease-child.mjs', import.meta.url));
const request = (holder: string) => ({
  holder,
  pid: process.pid,
  host: hostname(),
  ttlMs: 600_000,
});

describe.skipIf(skip !== undefined)('PostgresStateStore', () => {
  const postgres = usePostgres();

  it('migrates once when several processes start together', async () => {
    const url = await postgres.database('race');
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      const contexts = pools.map(
        (pool): PgContext => ({
          pool,
          shop: 's',
          url,
          lockClient: undefined,
          sessionLocked: false,
        }),
      );
      const versions = await Promise.all(contexts.map((ctx) => migrate(ctx)));
      expect(versions).toEqual(pools.map(() => PG_MIGRATIONS.length));
      const first = new pg.Client({ connectionString: url });
      await first.connect();
      const { rows } = await first.query('SELECT version FROM kc_schema');
      await first.end();
      expect(rows).toEqual([{ version: PG_MIGRATIONS.length }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    const store = createPostgresStateStore({ url });
    expect(store.schemaVersion).toBe(PG_MIGRATIONS.length);
    store.close();
  });

  it('frees a SIGKILLed holder’s lease at once: its session lock died with its connection', async () => {
    const url = await postgres.database('crash');
    const child = spawn(process.execPath, [CHILD, url, 'shop-a'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    expect(line.toString().trim()).toBe('held');
    const store = createPostgresStateStore({ url, shop: 'shop-a' });
    const busy = store.acquireLease(request('orders'));
    expect(busy.ok).toBe(false);
    if (!busy.ok) expect(busy.heldBy).toMatchObject({ holder: 'child', host: 'other-host' });
    child.kill('SIGKILL');
    await once(child, 'exit');
    // The server notices the closed socket at once; allow it a few tries on a busy machine.
    let taken = store.acquireLease(request('orders'));
    for (let i = 0; i < 50 && !taken.ok; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      taken = store.acquireLease(request('orders'));
    }
    expect(taken.ok && taken.tookOver?.holder).toBe('child');
    // Far from expired: only the vanished session lock can have freed it.
    if (taken.ok) expect(taken.tookOver?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    store.close();
  });

  it('names the database without its password when it cannot connect', () => {
    const port = postgres.cluster().port;
    let failure: unknown;
    try {
      createPostgresStateStore({
        url: `postgres://postgres:pw-xyz-123@127.0.0.1:${port}/missing_db`,
      });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PostgresStateStoreError);
    expect((failure as PostgresStateStoreError).code).toBe('3D000');
    expect(String(failure)).toContain('postgres://postgres:***@127.0.0.1');
    expect(String(failure)).not.toContain('pw-xyz-123');
  });

  it('fails a call that gets no answer in time instead of hanging', async () => {
    // A server on 127.0.0.1 that accepts connections and never answers: a dead PostgreSQL.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const open = () =>
        createPostgresStateStore({ url: `postgres://x@127.0.0.1:${port}/db`, callTimeoutMs: 500 });
      expect(open).toThrow(/no answer within 500 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
