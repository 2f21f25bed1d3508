import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresCartLock } from '../../src/postgres/cart-lock.js';
import { createPostgresRequestGate } from '../../src/postgres/request-gate.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const postgres = usePostgres();
let url = '';
const pools: pg.Pool[] = [];
const pool = () => {
  const p = new pg.Pool({ connectionString: url, max: 4 });
  // The cluster's shutdown ends idle sessions (57P01); any other idle-client error still surfaces.
  p.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  pools.push(p);
  return p;
};

describe.skipIf(postgresSkipReason() !== undefined)('PostgreSQL request gate and cart lock', () => {
  beforeAll(async () => {
    url = await postgres.database('gate');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  it('spaces the requests of one token from the previous response, across two connections', async () => {
    const token = 'shared-token';
    const common = { token, baseUrl: 'http://127.0.0.1:1', intervalMs: 120, marginMs: 10 };
    const a = createPostgresRequestGate({ pool: pool(), ...common });
    const b = createPostgresRequestGate({ pool: pool(), ...common });
    const other = createPostgresRequestGate({ pool: pool(), ...common, token: 'another-token' });
    const spans: { start: number; end: number; who: string }[] = [];
    const request = (who: string) => async () => {
      const start = performance.now();
      await new Promise((r) => setTimeout(r, 15));
      spans.push({ start, end: performance.now(), who });
    };
    const t0 = performance.now();
    await Promise.all([
      ...Array.from({ length: 4 }, () => a.schedule(request('a'))),
      ...Array.from({ length: 4 }, () => b.schedule(request('b'))),
      other.schedule(request('other')),
    ]);
    const shared = spans.filter((s) => s.who !== 'other').sort((x, y) => x.start - y.start);
    expect(new Set(shared.map((s) => s.who))).toEqual(new Set(['a', 'b']));
    for (let i = 1; i < shared.length; i++) {
      const previous = shared[i - 1];
      const current = shared[i];
      if (previous === undefined || current === undefined) continue;
      // 2 ms of timer slack: the database clock and performance.now() tick apart.
      expect(current.start - previous.end).toBeGreaterThanOrEqual(130 - 2);
    }
    // Another token is not held back by this one.
    const otherSpan = spans.find((s) => s.who === 'other');
    expect((otherSpan?.start ?? Number.POSITIVE_INFINITY) - t0).toBeLessThan(500);
    // The row holds a hash, never the token.
    const { rows } = await pool().query<{ scope: string }>('SELECT scope FROM kc_request_gate');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.scope).not.toContain('token');
  });

  it('leaves a full spacing after a request whose process died mid-request', async () => {
    const common = { token: 'dying', baseUrl: 'http://127.0.0.1:1', intervalMs: 300, marginMs: 0 };
    const dyingPool = new pg.Pool({ connectionString: url, max: 2, application_name: 'dying' });
    dyingPool.on('error', () => {});
    const dying = createPostgresRequestGate({ pool: dyingPool, ...common });
    let started = 0;
    const hung = dying.schedule(async () => {
      started = performance.now();
      // The process dies mid-request: its session ends, and PostgreSQL releases its lock.
      await pool().query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dying'",
      );
      await new Promise(() => {});
    });
    void hung.catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    const survivor = createPostgresRequestGate({ pool: pool(), ...common });
    let next = 0;
    await survivor.schedule(async () => {
      next = performance.now();
    });
    expect(next - started).toBeGreaterThanOrEqual(300 - 5);
  });

  it('stops waiting when the signal aborts, and the lock stays usable', async () => {
    const common = {
      token: 'abort',
      baseUrl: 'http://127.0.0.1:1',
      intervalMs: 5_000,
      marginMs: 0,
    };
    const a = createPostgresRequestGate({ pool: pool(), ...common });
    const b = createPostgresRequestGate({ pool: pool(), ...common });
    await a.schedule(async () => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    const t0 = performance.now();
    await expect(b.schedule(async () => 'never', controller.signal)).rejects.toThrow('stop');
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('never lets two cart flows of one token overlap, across two connections', async () => {
    const common = { token: 'cart-token', baseUrl: 'http://127.0.0.1:1' };
    const locks = [
      createPostgresCartLock({ pool: pool(), ...common }),
      createPostgresCartLock({ pool: pool(), ...common }),
    ];
    let inside = 0;
    let most = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        locks[i % 2]?.run(async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
          runs++;
        }),
      ),
    );
    expect(runs).toBe(8);
    expect(most).toBe(1);
  });
});
