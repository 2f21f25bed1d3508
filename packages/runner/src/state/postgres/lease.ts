import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  type Lease,
  type LeaseAcquisition,
  type LeaseInfo,
  type LeaseRenewal,
  type LeaseRequest,
  type LeaseRow,
  leaseIsStale,
  toLeaseInfo,
} from '../lease.js';
import { changes, inTransaction, LOCK_NAMESPACE_LEASE, one, type PgContext } from './context.js';

/**
 * The shop's session advisory lock on our own connection: held while we hold the lease, so a
 * crashed holder's lock vanishes with its connection and the next taker sees it as dead at once.
 * Taken at most once (session locks stack). Returns whether we hold it now.
 */
async function trySessionLock(ctx: PgContext): Promise<boolean> {
  if (ctx.sessionLocked) return true;
  if (ctx.lockClient === undefined) {
    const client = new pg.Client({ connectionString: ctx.url });
    // A broken lock connection only loses the fast dead-holder signal; the token still rules.
    client.on('error', () => {
      if (ctx.lockClient !== client) return;
      ctx.lockClient = undefined;
      ctx.sessionLocked = false;
    });
    await client.connect();
    ctx.lockClient = client;
  }
  const row = await one<{ locked: boolean }>(
    ctx.lockClient,
    'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
    [LOCK_NAMESPACE_LEASE, ctx.shop],
  );
  ctx.sessionLocked = row?.locked === true;
  return ctx.sessionLocked;
}

async function unlockSession(ctx: PgContext): Promise<void> {
  if (!ctx.sessionLocked || ctx.lockClient === undefined) return;
  ctx.sessionLocked = false;
  await ctx.lockClient.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
    LOCK_NAMESPACE_LEASE,
    ctx.shop,
  ]);
}

async function readRow(ctx: PgContext): Promise<LeaseRow | undefined> {
  return one<LeaseRow>(ctx.pool, 'SELECT * FROM lease WHERE shop = $1', [ctx.shop]);
}

/** The lease on PostgreSQL (worker side): a row per shop plus the shop's session advisory lock. */
export const leaseHandlers = {
  async acquireLease(ctx: PgContext, request: LeaseRequest, now: Date): Promise<LeaseAcquisition> {
    const hadLock = ctx.sessionLocked;
    const sessionLock = await trySessionLock(ctx);
    const result = await inTransaction(ctx, async (client): Promise<LeaseAcquisition> => {
      // Serialises takers of this shop's row; the row itself says who holds the lease.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOCK_NAMESPACE_LEASE + 1,
        ctx.shop,
      ]);
      const row = await one<LeaseRow>(client, 'SELECT * FROM lease WHERE shop = $1 FOR UPDATE', [
        ctx.shop,
      ]);
      const previous = row === undefined ? undefined : toLeaseInfo(row);
      // Getting the session lock now means no live connection of the holder has it: it crashed.
      const holderGone = previous !== undefined && sessionLock && !hadLock;
      if (previous !== undefined && !holderGone && !leaseIsStale(previous, request.host, now)) {
        return { ok: false, heldBy: previous };
      }
      const lease: Lease = {
        token: randomUUID(),
        holder: request.holder,
        pid: request.pid,
        host: request.host,
        acquiredAt: now,
        heartbeatAt: now,
        expiresAt: new Date(now.getTime() + request.ttlMs),
      };
      await client.query(
        `INSERT INTO lease (shop, token, holder, pid, host, acquired_at, heartbeat_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
         ON CONFLICT (shop) DO UPDATE SET token = excluded.token, holder = excluded.holder,
           pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
        [
          ctx.shop,
          lease.token,
          lease.holder,
          lease.pid,
          lease.host,
          now.getTime(),
          lease.expiresAt.getTime(),
        ],
      );
      return { ok: true, lease, tookOver: previous };
    });
    if (!result.ok && sessionLock && !hadLock) await unlockSession(ctx);
    return result;
  },

  async renewLease(ctx: PgContext, lease: Lease, ttlMs: number, now: Date): Promise<LeaseRenewal> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    const changed = await changes(
      ctx.pool,
      'UPDATE lease SET heartbeat_at = $1, expires_at = $2 WHERE shop = $3 AND token = $4',
      [now.getTime(), expiresAt.getTime(), ctx.shop, lease.token],
    );
    if (changed === 1) {
      // A takeover of a stalled holder starts without the session lock: take it once it is free.
      await trySessionLock(ctx).catch(() => false);
      return { ok: true, lease: { ...lease, heartbeatAt: now, expiresAt } };
    }
    await unlockSession(ctx).catch(() => undefined);
    const row = await readRow(ctx);
    return { ok: false, heldBy: row === undefined ? undefined : toLeaseInfo(row) };
  },

  async releaseLease(ctx: PgContext, lease: Lease): Promise<void> {
    await ctx.pool.query('DELETE FROM lease WHERE shop = $1 AND token = $2', [
      ctx.shop,
      lease.token,
    ]);
    await unlockSession(ctx).catch(() => undefined);
  },

  /** Ours until another writer replaced the token (an expired lease nobody took is still ours). */
  async holdsLease(ctx: PgContext, lease: Lease): Promise<boolean> {
    return (await readRow(ctx))?.token === lease.token;
  },

  async currentLease(ctx: PgContext): Promise<LeaseInfo | undefined> {
    const row = await readRow(ctx);
    return row === undefined ? undefined : toLeaseInfo(row);
  },
};
