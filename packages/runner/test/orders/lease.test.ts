import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holdLease } from '../../src/state/hold-lease.js';
import { LeaseBusyError } from '../../src/state/lease.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dbPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kc-lease-'));
  dirs.push(dir);
  return join(dir, 'state.db');
}

const request = (holder: string, pid = process.pid) => ({
  holder,
  pid,
  host: hostname(),
  ttlMs: 10_000,
});

/** A process that exits at once: its pid is dead afterwards. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('exit', () => resolve(child.pid as number));
  });
}

describe('the state lease (SQLite, BEGIN IMMEDIATE)', () => {
  it('gives one writer the lease and names it to the next one', async () => {
    const path = await dbPath();
    const a = new SqliteStateStore(path);
    const b = new SqliteStateStore(path);
    const first = a.acquireLease(request('run'));
    expect(first.ok).toBe(true);
    const second = b.acquireLease(request('orders --once'));
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.heldBy).toMatchObject({ holder: 'run', pid: process.pid });
    if (first.ok) a.releaseLease(first.lease);
    expect(b.acquireLease(request('orders --once')).ok).toBe(true);
    a.close();
    b.close();
  });

  it('takes over the lease of a dead process on this host, and an expired one', async () => {
    const store = new SqliteStateStore(await dbPath());
    const dead = await deadPid();
    expect(store.acquireLease(request('killed run', dead)).ok).toBe(true);
    const taken = store.acquireLease(request('orders'));
    expect(taken.ok && taken.tookOver?.holder).toBe('killed run');
    // A live holder elsewhere that stopped renewing: taken once it expired.
    const elsewhere = { holder: 'other host', pid: 1, host: 'elsewhere', ttlMs: 1000 };
    const store2 = new SqliteStateStore(':memory:');
    expect(store2.acquireLease(elsewhere).ok).toBe(true);
    expect(store2.acquireLease(request('now')).ok).toBe(false);
    const later = store2.acquireLease({ ...request('later'), now: new Date(Date.now() + 2000) });
    expect(later.ok).toBe(true);
    store.close();
    store2.close();
  });

  it('refuses a renewal after a takeover, so the stalled writer stops', async () => {
    const store = new SqliteStateStore(':memory:');
    const old = store.acquireLease({ ...request('stalled'), host: 'elsewhere', ttlMs: 1000 });
    if (!old.ok) throw new Error('no lease');
    const takeover = store.acquireLease({ ...request('new'), now: new Date(Date.now() + 5000) });
    expect(takeover.ok).toBe(true);
    expect(store.renewLease(old.lease, 1000).ok).toBe(false);
    expect(store.holdsLease(old.lease)).toBe(false);
    store.close();
  });

  it('holdLease: busy names the holder; --wait waits until it is released', async () => {
    const path = await dbPath();
    const a = new SqliteStateStore(path);
    const b = new SqliteStateStore(path);
    const held = await holdLease(a, { holder: 'run', ttlMs: 2000 });
    await expect(holdLease(b, { holder: 'orders --once' })).rejects.toThrow(LeaseBusyError);
    await expect(holdLease(b, { holder: 'orders --once' })).rejects.toThrow(/"run" \(pid \d+/);
    let waited = false;
    const waiting = holdLease(b, {
      holder: 'orders --once',
      wait: true,
      retryMs: 10,
      onWaiting: () => {
        waited = true;
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    held.release();
    const second = await waiting;
    expect(waited).toBe(true);
    expect(b.currentLease()?.holder).toBe('orders --once');
    expect(() => second.assertHeld()).not.toThrow();
    // Taken over behind its back (it stalled past the expiry): the next side effect is refused.
    const thief = a.acquireLease({
      ...request('thief'),
      host: 'elsewhere',
      now: new Date(Date.now() + 60_000),
    });
    expect(thief.ok).toBe(true);
    expect(() => second.assertHeld()).toThrow(/taken over by "thief"/);
    second.release();
    a.close();
    b.close();
  });

  it('a wait ends with the signal', async () => {
    const store = new SqliteStateStore(':memory:');
    await holdLease(store, { holder: 'run' });
    const controller = new AbortController();
    const waiting = holdLease(store, {
      holder: 'x',
      wait: true,
      retryMs: 10,
      signal: controller.signal,
    });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow();
    store.close();
  });
});
